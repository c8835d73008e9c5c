// `npm run estimates`: whether the summary's estimated rates find the labelled rates of typed chat.
//
// Feeds typed-chat dev (../shared/corpora/labeled/typed-chat, or $GROUNDING_CORPORA) to
// `grounding analyze --by role` the way the tagger issue's check does: one OpenAI-format
// conversation per labelled turn, the turn before it and then the turn. For each role and act it
// prints the labelled rate (the share of that role's labelled turns the annotators gave the act),
// the tagged rate and the estimate with its interval, whether the interval holds the labelled rate
// and whether the estimate is closer to it than the tagged rate. Each role's group also counts the
// turns before (the other role's items bring them), as the check's does; they carry no label.
//
// The shipped model chose its calibration on dev, so on dev it is optimistic: train a model with
// dev kept out (`npm run train -- --no-dev --out FILE`) and pass `-- --model FILE` for a fair look.
// Builds first (`npm run estimates`); about ten seconds.
//
// `-- --simulate SCORES [--reps N] [--test N]` reads no corpus: it draws the check again and again
// from the calibration turns of a scores file (`npm run train -- --scores SCORES`): typed-chat
// train scored out of fold and dev, each scored by fits that never saw it. Each draw keeps N turns
// aside (450, as the check) and calibrates on the rest as training does (Platt scaling and the
// threshold rule of src/train/train.ts), then compares, on the turns aside, the estimate (the mean
// calibrated probability) and the tagged rate (the model's own tags, p ≥ threshold: the rules that
// also tag in typed chat are not in a scores file) with the labelled rate, for the check's four pairs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fitPlatt, seededRandom } from '../dist/train/calibrate.js';
import { DEFAULT_CONFIG, fitsFingerprint, plattProbability, trainingThreshold } from '../dist/train/train.js';
import { conversationsOf, readTypedChat } from './typed-chat.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ACTS = ['clarification', 'understanding-check', 'acknowledgement', 'followup', 'repair'];
/** The pairs the tagger issue's check reads. */
const CHECKED = new Set(['assistant clarification', 'assistant repair', 'user followup', 'user repair']);

if (option('--simulate') !== undefined) {
  simulate(option('--simulate'), Number(option('--reps') ?? 500), Number(option('--test') ?? 450));
  process.exit(0);
}

const { file, items } = readTypedChat('estimates', option('--split'));
const model = option('--model');
if (model !== undefined && !existsSync(model)) {
  console.error(`npm run estimates: --model ${model}: no such file.`);
  process.exit(2);
}

const labelled = { assistant: { turns: 0 }, user: { turns: 0 } };
for (const item of items) {
  const side = labelled[item.role];
  side.turns += 1;
  for (const act of item.acts) side[act] = (side[act] ?? 0) + 1;
}

const dir = mkdtempSync(join(tmpdir(), 'grounding-estimates-'));
try {
  const input = join(dir, 'typed-chat.jsonl');
  const out = join(dir, 'summary.json');
  writeFileSync(input, conversationsOf(items));
  const env = { ...process.env, ...(model ? { GROUNDING_MODEL: resolve(model) } : {}) };
  const bin = new URL('../bin/grounding.js', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [bin, 'analyze', input, '--by', 'role', '--no-progress', '--no-color', '-o', out], { encoding: 'utf8', env });
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(run.status ?? 1);
  }
  const summary = JSON.parse(readFileSync(out, 'utf8'));
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const rows = [];
  let held = 0;
  let closer = 0;
  for (const role of ['assistant', 'user']) {
    const group = summary.groups.find((g) => g.role === role);
    if (!group) throw new Error(`the summary has no ${role} group`);
    for (const act of ACTS) {
      const result = group.acts[act];
      const truth = (labelled[role][act] ?? 0) / labelled[role].turns;
      const { rate, ci } = result.estimate;
      const inside = ci[0] <= truth && truth <= ci[1];
      const nearer = Math.abs(rate - truth) < Math.abs(result.rate - truth);
      const name = `${role} ${act}`;
      if (CHECKED.has(name)) {
        held += inside ? 1 : 0;
        closer += nearer ? 1 : 0;
      }
      rows.push(`| ${CHECKED.has(name) ? `**${name}**` : name} | ${labelled[role][act] ?? 0} of ${labelled[role].turns} | ${pct(truth)} | ${pct(result.rate)} | ${pct(rate)} [${pct(ci[0])}, ${pct(ci[1])}] | ${inside ? 'yes' : 'no'} | ${nearer ? 'yes' : 'no'} |`);
    }
  }
  console.log(`${file}, ${items.length} labelled turns, model ${model ?? 'shipped'} (${summary.tagger?.model ?? 'no model'}):\n`);
  console.log('| role and act | labelled | labelled rate | tagged rate | estimate [95%] | interval holds it | estimate closer |');
  console.log('|---|--:|--:|--:|--:|---|---|');
  console.log(rows.join('\n'));
  console.log(`\nThe four pairs the check reads (bold): the interval holds the labelled rate for ${held} of 4, the estimate is closer than the tagged rate for ${closer} of 4.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The check drawn `reps` times from a scores file's typed-chat turns (see the header). */
function simulate(scoresFile, reps, testSize) {
  if (!existsSync(scoresFile)) {
    console.error(`npm run estimates: --simulate ${scoresFile}: no such file (write one with \`npm run train -- --scores FILE\`).`);
    process.exit(2);
  }
  const scores = JSON.parse(readFileSync(scoresFile, 'utf8'));
  const turns = scores.labelled.filter((l) => l.segment.startsWith('typed/') && l.from.startsWith('typed-chat'));
  const shipped = fitsFingerprint(JSON.parse(readFileSync(new URL('../corpora/models/tagger.json', import.meta.url), 'utf8')));
  if (!(Number.isInteger(reps) && reps > 0 && Number.isInteger(testSize) && testSize > 0 && testSize < turns.length)) {
    console.error(`npm run estimates: --reps expects a whole number above 0 and --test one between 1 and ${turns.length - 1}.`);
    process.exit(2);
  }
  const random = seededRandom(DEFAULT_CONFIG.seed);
  const pairs = [...CHECKED].map((name) => name.split(' '));
  const sums = pairs.map(() => ({ estimate: 0, tagged: 0, estimateBias: 0, taggedBias: 0, closer: 0 }));
  let allCloser = 0;
  let totalCloser = 0;
  for (let r = 0; r < reps; r += 1) {
    // Partial Fisher–Yates: the first testSize turns of the shuffle are the check's.
    const order = turns.map((_, i) => i);
    for (let i = 0; i < testSize; i += 1) {
      const j = i + Math.floor(random() * (order.length - i));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const aside = new Set(order.slice(0, testSize));
    let closerHere = 0;
    let errors = [0, 0];
    pairs.forEach(([role, act], k) => {
      const rows = turns.map((t, i) => ({ t, i })).filter(({ t }) => t.segment === `typed/${role}` && t.gold[act] !== undefined);
      const fit = rows.filter(({ i }) => !aside.has(i)).map(({ t }) => ({ score: t.scores[act], positive: t.gold[act] }));
      const test = rows.filter(({ i }) => aside.has(i)).map(({ t }) => t);
      if (test.length === 0) return;
      const platt = fitPlatt(fit);
      const prob = (score) => plattProbability(platt, score);
      const threshold = trainingThreshold(
        fit.map((d) => prob(d.score)),
        fit.map((d) => d.positive),
        DEFAULT_CONFIG,
      );
      let labelledCount = 0;
      let expected = 0;
      let tagged = 0;
      for (const t of test) {
        const q = prob(t.scores[act]);
        labelledCount += t.gold[act] ? 1 : 0;
        expected += q;
        tagged += q >= threshold ? 1 : 0;
      }
      const n = test.length;
      const e = (expected - labelledCount) / n;
      const g = (tagged - labelledCount) / n;
      const s = sums[k];
      s.estimate += Math.abs(e);
      s.tagged += Math.abs(g);
      s.estimateBias += e;
      s.taggedBias += g;
      if (Math.abs(e) < Math.abs(g)) {
        s.closer += 1;
        closerHere += 1;
      }
      errors = [errors[0] + Math.abs(e), errors[1] + Math.abs(g)];
    });
    if (closerHere === pairs.length) allCloser += 1;
    if (errors[0] < errors[1]) totalCloser += 1;
  }
  const points = (x) => (100 * x).toFixed(2);
  const share = (x) => `${((100 * x) / reps).toFixed(0)}%`;
  console.log(`${scoresFile} (${scores.fits === shipped ? "the shipped model's fits" : "not the shipped model's fits"}): ${turns.length} typed-chat turns; ${reps} checks of ${testSize} turns, each calibrated on the other ${turns.length - testSize}:\n`);
  console.log('| role and act | estimate: mean error | tagged rate: mean error | estimate: bias | tagged rate: bias | estimate closer |');
  console.log('|---|--:|--:|--:|--:|--:|');
  pairs.forEach(([role, act], k) => {
    const s = sums[k];
    console.log(`| ${role} ${act} | ${points(s.estimate / reps)} pts | ${points(s.tagged / reps)} pts | ${points(s.estimateBias / reps)} pts | ${points(s.taggedBias / reps)} pts | ${share(s.closer)} |`);
  });
  console.log(`\nThe estimate is closer for all four pairs in ${share(allCloser)} of the checks, and closer summed over the four in ${share(totalCloser)}.`);
}
