#!/usr/bin/env node
// Let the heap grow by a quarter between full collections, not by V8's default factor (up to 4×):
// a long run then keeps garbage, not memory, and peak RSS stays near what is live (README, memory).
// Worker threads share the setting. It is set before the rest of the program loads.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

if (process.argv.length === 3 && process.argv[2] === '--version') {
  // Scripts ask for the version often: answered without loading the command line and its libraries.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  setFlagsFromString('--heap-growing-percent=25');
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
