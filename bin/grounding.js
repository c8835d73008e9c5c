#!/usr/bin/env node
// Let the heap grow by a quarter between full collections, not by V8's default factor (up to 4×):
// a long run then keeps garbage, not memory, and peak RSS stays near what is live (README, memory).
// Worker threads share the setting. It is set before the rest of the program loads.
import { readFileSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

const dist = new URL('../dist/', import.meta.url);

/**
 * The bundled command line (scripts/bundle-cli.mjs) when the build wrote it after dist/cli, else
 * dist/cli itself: a build by tsc alone, or GROUNDING_BUNDLE=0, runs the modules as compiled.
 */
function entry() {
  if (process.env.GROUNDING_BUNDLE !== '0') {
    try {
      const bundle = new URL('cli-bundle/main.js', dist);
      if (statSync(bundle).mtimeMs >= statSync(new URL('cli/main.js', dist)).mtimeMs) return bundle;
    } catch {
      // No bundle: the compiled modules.
    }
  }
  return new URL('cli/main.js', dist);
}

if (process.argv.length === 3 && process.argv[2] === '--version') {
  // Scripts ask for the version often: answered without loading the command line and its libraries.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  setFlagsFromString('--heap-growing-percent=25');
  const { main } = await import(entry().href);
  process.exitCode = await main(process.argv);
}
