// `npm run eval`: the rules and the learned tagger against every labelled corpus in
// ../shared/corpora, on the splits they were not tuned on. `-- --readme` also writes the table into
// README.md; `-- --json FILE` writes the figures (no corpus text) as JSON.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { evaluate } from '../dist/eval/evaluate.js';
import { formatEval, formatEvalComparison, formatEvalMarkdown } from '../dist/eval/format.js';
import { loadLabelMap } from '../dist/eval/labelmap.js';
import { readLabelled } from '../dist/eval/read/index.js';
import { EVAL_RUNS, runFigures } from '../dist/eval/runs.js';
import { replaceSection } from './readme.mjs';

const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
const argv = process.argv.slice(2);
const jsonAt = argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;

if (jsonAt >= 0 && (!jsonFile || jsonFile.startsWith('--'))) {
  console.error('npm run eval: expected a file name after --json, found none. Pass --json results.json.');
  process.exitCode = 2;
} else if (!existsSync(root)) {
  console.error(`npm run eval: expected the labelled corpora in ${root}, found nothing there. Set GROUNDING_CORPORA to their folder.`);
  process.exitCode = 2;
} else {
  const date = new Date().toISOString().slice(0, 10);
  const runs = [];
  for (const spec of EVAL_RUNS) {
    const path = `${root}/${spec.path}`;
    const map = loadLabelMap(spec.scheme);
    const dialogues = readLabelled(spec.scheme, path, spec.split);
    const title = `${spec.scheme} ${spec.split} (${path})`;
    const results = {};
    for (const tagger of ['rules', 'learned']) {
      results[tagger] = evaluate(dialogues, map, { tagger });
      console.log(`${formatEval(results[tagger], title)}\n`);
    }
    console.log(`${formatEvalComparison(results, title)}\n`);
    runs.push({ spec, results });
  }
  if (jsonFile) {
    writeFileSync(jsonFile, `${JSON.stringify({ measured: date, runs: runs.map((r) => runFigures(r.spec, r.results)) }, null, 2)}\n`);
    console.log(`${jsonFile}: figures written`);
  }
  if (argv.includes('--readme')) {
    const readme = new URL('../README.md', import.meta.url);
    const table = formatEvalMarkdown(runs.map(({ spec, results }) => ({ corpus: spec.corpus, split: spec.split, results })));
    const body = `Measured by \`npm run eval\` on ${date} (the held-out splits; the rules were tuned on the train splits only):\n\n${table}`;
    writeFileSync(readme, replaceSection(readFileSync(readme, 'utf8'), 'accuracy-table', body));
    console.log('README.md: accuracy table updated');
  }
}
