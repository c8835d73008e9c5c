// `npm run train`: fit the learned tagger from ../shared/corpora (or $GROUNDING_CORPORA) and write
// corpora/models/tagger.json. See src/train/train.ts for what is read and how.
//
//   -- --out FILE          write elsewhere
//   -- --no-dev            keep typed-chat dev out of calibration (to check estimates and F1 on it)
//   -- --half-f1-below N   thresholds are half the best F1 below N positives (0: always the best cut; src/train/train.ts halfBestF1Below)
//   -- --scores FILE       also write the calibration turns' labels and scores (no corpus text)
//   -- --recalibrate FILE  fit nothing: make the calibration again from such a scores file, for the
//                          model at --from (default: the --out path), as a retrain would; seconds, not an hour
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG, fitsFingerprint, recalibrate, train } from '../dist/train/train.js';

const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const out = option('--out') ?? new URL('../corpora/models/tagger.json', import.meta.url).pathname;
const scoresOut = option('--scores');
const recalibrateFrom = option('--recalibrate');
const below = option('--half-f1-below');
const halfBestF1Below = below === undefined ? DEFAULT_CONFIG.halfBestF1Below : Number(below);
if (!Number.isInteger(halfBestF1Below) || halfBestF1Below < 0) {
  console.error(`npm run train: --half-f1-below expects a whole number of positives, found \`${below}\`.`);
  process.exit(2);
}
const config = { ...DEFAULT_CONFIG, calibrateOnDev: !args.includes('--no-dev'), halfBestF1Below };
// The command in the provenance is the training that writes this file: what shapes the model, not
// where scores went or came from (a recalibrated file is what that training writes, byte for byte).
const ASIDE = ['--scores', '--recalibrate', '--from'];
const shaping = args.filter((_, i) => !ASIDE.includes(args[i]) && !ASIDE.includes(args[i - 1]));
const command = `npm run train${shaping.length ? ` -- ${shaping.join(' ')}` : ''}`;

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'lexicons'], { encoding: 'utf8' }).trim();
  if (dirty) commit += '+uncommitted';
} catch {
  // Not a git checkout: the provenance says so.
}

if (recalibrateFrom) {
  const from = option('--from') ?? out;
  const file = recalibrate(JSON.parse(readFileSync(from, 'utf8')), JSON.parse(readFileSync(recalibrateFrom, 'utf8')), config, { command, commit });
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  console.error(`train: recalibrated ${from} from ${recalibrateFrom}; wrote ${out}`);
} else if (!existsSync(root)) {
  console.error(`npm run train: expected the labelled corpora in ${root}, found nothing there. Set GROUNDING_CORPORA to their folder.`);
  process.exitCode = 2;
} else {
  const started = Date.now();
  const { file, report, labelled } = train({ root, config, commit, command, onProgress: (m) => console.error(`train: ${m}`) });
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  if (scoresOut) writeFileSync(scoresOut, `${JSON.stringify({ fits: fitsFingerprint(file), labelled })}\n`);
  console.log(report.join('\n'));
  console.error(`train: wrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
