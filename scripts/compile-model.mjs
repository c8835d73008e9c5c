// The shipped tagger model, compiled to dist/tagger-model.bin, so that a run starts without parsing
// and checking its JSON (src/tag/learned/model.ts). Part of `npm run build`, after tsc.
import { readFileSync, writeFileSync } from 'node:fs';
import { compiledModelFile, compileModel, modelPath } from '../dist/tag/learned/model.js';

writeFileSync(compiledModelFile(), compileModel(readFileSync(modelPath()), modelPath()));
