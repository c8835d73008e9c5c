import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Corpus-wide checks run with `npm run test:corpora` (vitest.corpora.config.ts), to keep `npm test` fast.
    exclude: [...configDefaults.exclude, 'test/corpora/**'],
    // The files of a worker share their modules: the lexicons, the model and wink-nlp load once per
    // worker rather than once per file (npm test 5m42s against 6m55s here). No test changes global
    // state (process.env, the working directory, module-level settings); a new one must not either.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
