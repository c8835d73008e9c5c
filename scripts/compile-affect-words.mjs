// The forms wink-nlp's sentiment could score in the installed English model, found once at build
// and written to dist/affect-words.json, so that a run need not find them (src/tag/affect-words.ts).
// Part of `npm run build`, after tsc.
import { writeFileSync } from 'node:fs';
import { compileAffectWords, compiledAffectWordsFile } from '../dist/tag/affect-words.js';

writeFileSync(compiledAffectWordsFile(), compileAffectWords());
