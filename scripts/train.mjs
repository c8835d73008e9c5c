// `npm run train`: fit the learned tagger from ../shared/corpora (or $GROUNDING_CORPORA) and write
// corpora/models/tagger.json. See src/train/train.ts for what is read and how.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG, train } from '../dist/train/train.js';

const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
// `-- --out FILE` writes elsewhere; `-- --no-dev` keeps typed-chat dev out of calibration (to check estimates on it);
// `-- --scores FILE` also writes the calibration turns with their scores and labels (no corpus text), to study thresholds without refitting.
const args = process.argv.slice(2);
const at = args.indexOf('--out');
const out = at >= 0 ? args[at + 1] : new URL('../corpora/models/tagger.json', import.meta.url).pathname;
const scoresAt = args.indexOf('--scores');
const scoresOut = scoresAt >= 0 ? args[scoresAt + 1] : undefined;
const config = { ...DEFAULT_CONFIG, calibrateOnDev: !args.includes('--no-dev') };
if (!existsSync(root)) {
  console.error(`npm run train: expected the labelled corpora in ${root}, found nothing there. Set GROUNDING_CORPORA to their folder.`);
  process.exitCode = 2;
} else {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'lexicons'], { encoding: 'utf8' }).trim();
    if (dirty) commit += '+uncommitted';
  } catch {
    // Not a git checkout: the provenance says so.
  }
  const started = Date.now();
  // The command in the provenance names what changes the model: `--scores` and its file do not.
  const shaping = args.filter((_, i) => scoresAt < 0 || (i !== scoresAt && i !== scoresAt + 1));
  const { file, report, labelled } = train({ root, config, commit, command: `npm run train${shaping.length ? ` -- ${shaping.join(' ')}` : ''}`, onProgress: (m) => console.error(`train: ${m}`) });
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  if (scoresOut) writeFileSync(scoresOut, `${JSON.stringify(labelled)}\n`);
  console.log(report.join('\n'));
  console.error(`train: wrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
