// The command line bundled with esbuild into dist/cli-bundle/, which bin/grounding.js runs: Node.js
// then loads a few files instead of some 250 modules, which takes about 0.1 s off every run
// (README, "Performance"). Part of `npm run build`, after tsc: it bundles the compiled dist/cli/main.js.
//
// Each command stays in a chunk of its own, loaded when it runs, as in dist/cli. The project's
// modules find their data beside themselves (`import.meta.url`: lexicons, the model, the worker
// script, the compiled files and the code their keys hash), so in each of them `import.meta.url`
// is rewritten to the URL of the module's own file in dist/, relative to the chunk: the bundle
// reads the same files at the same places, wherever the package is installed. wink-nlp, its
// model and compromise are loaded with `require` when first needed, from node_modules, as before.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = `${dist}cli-bundle`;

/** `import.meta.url` in the project's own modules: the URL of the module's file in dist/, from the chunk that holds it. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async ({ path }) => {
      if (!path.startsWith(dist) || path.startsWith(outdir)) return undefined;
      const text = await readFile(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const from = relative(outdir, path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(from)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/**
 * zod's `locales`: the error messages of some fifty languages, half a megabyte the command line
 * would parse on every run. It reports in English (zod's default, set in its schemas module), and
 * nothing here reads `z.locales`, so the bundle's `locales` holds English alone.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) => {
      if (!/[\\/]zod[\\/]v4[\\/](?:classic|core|mini)[\\/]/.test(importer)) return undefined;
      return { path: 'zod-locales-english', namespace: 'zod-locales' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(fileURLToPath(new URL('../node_modules/zod/v4/locales/en.js', import.meta.url)))};`,
      loader: 'js',
      resolveDir: dist,
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${dist}cli/main.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  plugins: [ownUrls, englishOnly],
  // CommonJS packages bundled into ESM call `require` for Node.js's own modules.
  banner: { js: "import { createRequire as __groundingRequire } from 'node:module'; const require = __groundingRequire(import.meta.url);" },
  logLevel: 'warning',
});
