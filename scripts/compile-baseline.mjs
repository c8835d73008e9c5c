// The shipped human baseline, checked with zod at build and written to dist/baseline-checked.json, so that a
// run starts without checking it again (src/baseline/load.ts). Part of `npm run build`, after tsc.
import { writeFileSync } from 'node:fs';
import { checkBaseline, checkedBaselineFile } from '../dist/baseline/load.js';

writeFileSync(checkedBaselineFile(), checkBaseline());
