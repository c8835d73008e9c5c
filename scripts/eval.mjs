// `npm run eval`: the tagger against every labelled corpus in ../shared/corpora, on the splits it was not tuned on.
import { existsSync } from 'node:fs';
import { main } from '../dist/cli/main.js';

const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
const runs = [
  ['labeled/mrda', 'mrda', 'val'],
  ['labeled/swda', 'swda', 'val'],
  ['human/persuasionforgood', 'p4g', 'all'],
  ['human/esconv', 'esconv', 'val'],
];

if (!existsSync(root)) {
  console.error(`npm run eval: expected the labelled corpora in ${root}, found nothing there. Set GROUNDING_CORPORA to their folder.`);
  process.exitCode = 2;
} else {
  for (const [path, scheme, split] of runs) {
    const code = await main(['node', 'grounding', 'eval', `${root}/${path}`, '--scheme', scheme, '--split', split]);
    if (code !== 0) process.exitCode = code;
    console.log('');
  }
}
