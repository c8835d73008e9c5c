// `npm run eval`: the tagger against every labelled corpus in ../shared/corpora, on the splits it
// was not tuned on. `npm run eval -- --readme` also writes the table into README.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { evaluate } from '../dist/eval/evaluate.js';
import { formatEval, formatEvalMarkdown } from '../dist/eval/format.js';
import { loadLabelMap } from '../dist/eval/labelmap.js';
import { readLabelled } from '../dist/eval/read/index.js';
import { replaceSection } from '../dist/report/readme.js';

const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
const runs = [
  ['MRDA', 'labeled/mrda', 'mrda', 'val'],
  ['SWDA', 'labeled/swda', 'swda', 'val'],
  ['Persuasion for Good', 'human/persuasionforgood', 'p4g', 'all'],
  ['ESConv', 'human/esconv', 'esconv', 'val'],
];

if (!existsSync(root)) {
  console.error(`npm run eval: expected the labelled corpora in ${root}, found nothing there. Set GROUNDING_CORPORA to their folder.`);
  process.exitCode = 2;
} else {
  const results = [];
  for (const [corpus, path, scheme, split] of runs) {
    const result = evaluate(readLabelled(scheme, `${root}/${path}`, split), loadLabelMap(scheme));
    console.log(`${formatEval(result, `${scheme} ${split} (${root}/${path})`)}\n`);
    results.push({ corpus, split, result });
  }
  if (process.argv.includes('--readme')) {
    const readme = new URL('../README.md', import.meta.url);
    const date = new Date().toISOString().slice(0, 10);
    const body = `Measured by \`npm run eval\` on ${date} (the tagger was tuned on the train splits only):\n\n${formatEvalMarkdown(results)}`;
    writeFileSync(readme, replaceSection(readFileSync(readme, 'utf8'), 'accuracy-table', body));
    console.log('README.md: accuracy table updated');
  }
}
