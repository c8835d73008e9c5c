// Regenerate the README sections that come from data: `npm run docs` (builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadBaseline } from '../dist/baseline/load.js';
import { demoOutput, withGeneratedSections } from './readme.mjs';

const path = new URL('../README.md', import.meta.url);
const demo = await demoOutput(new URL('..', import.meta.url).pathname);
writeFileSync(path, withGeneratedSections(readFileSync(path, 'utf8'), loadBaseline(), demo));
console.log('README.md: tables of acts and of the human baseline, and the demo output, updated');
