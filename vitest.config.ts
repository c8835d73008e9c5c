import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Corpus-wide checks run with `npm run test:corpora` (vitest.corpora.config.ts), to keep `npm test` fast.
    exclude: [...configDefaults.exclude, 'test/corpora/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
