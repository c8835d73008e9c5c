// The bundled lexicons, compiled to dist/lexicons.json, so that a run starts without parsing YAML
// and patterns (src/tag/lexicon.ts). Part of `npm run build`, after tsc.
import { writeFileSync } from 'node:fs';
import { compiledLexiconsFile, compileLexicons } from '../dist/tag/lexicon.js';

writeFileSync(compiledLexiconsFile(), compileLexicons());
