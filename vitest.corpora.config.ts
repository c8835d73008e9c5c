import { defineConfig } from 'vitest/config';

/** The corpus-wide checks over ../shared/corpora: `npm run test:corpora`. Each skips when the corpora are absent. */
export default defineConfig({
  test: {
    include: ['test/corpora/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
