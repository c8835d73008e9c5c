// `npm run thresholds -- SCORES`: the threshold rules of src/train/train.ts measured against each
// other on a scores file (`npm run train -- --scores SCORES`), each fit on some calibration turns
// and scored, turn by turn, on others: typed-chat train out of fold ↔ dev, K contiguous folds of
// each calibration pool (typed chat's train and dev together by role, MRDA+SWDA val, ESConv val
// for reassurance), and the thresholds each rule picks with and without dev. No corpus is read.
import { readFileSync } from 'node:fs';
import { chooseThreshold, fitPlatt, halfBestF1 } from '../dist/train/calibrate.js';
import { DEFAULT_CONFIG } from '../dist/train/train.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('npm run thresholds -- SCORES [--folds K]: SCORES is a file written by `npm run train -- --scores SCORES`.');
  process.exit(2);
}
const at = args.indexOf('--folds');
const K = at >= 0 ? Number(args[at + 1]) : 5;
const { labelled: rows } = JSON.parse(readFileSync(file, 'utf8'));

const RULES = {
  'best cut': (p, y) => chooseThreshold(p, y, Math.min(DEFAULT_CONFIG.thresholdTolerance, 1 / y.filter(Boolean).length)).threshold,
  'half best F1': (p, y) => halfBestF1(p, y).threshold,
};
const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** Platt on `fit`, each rule's threshold on it, and the counts on `test` at that threshold. */
function score(act, fit, test, counts) {
  const platt = fitPlatt(fit.map((r) => ({ score: r.scores[act], positive: r.gold[act] })));
  const prob = (r) => (r.scores[act] === null ? 0 : sigmoid(platt.alpha * r.scores[act] + platt.beta));
  const p = fit.map(prob);
  const y = fit.map((r) => r.gold[act]);
  const thresholds = {};
  for (const [name, rule] of Object.entries(RULES)) {
    const t = y.filter(Boolean).length >= DEFAULT_CONFIG.minThresholdPositives ? rule(p, y) : 0.5;
    thresholds[name] = t;
    const c = (counts[name] ??= { tp: 0, fp: 0, fn: 0 });
    for (const r of test) {
      const tagged = prob(r) >= t;
      if (tagged && r.gold[act]) c.tp += 1;
      else if (tagged) c.fp += 1;
      else if (r.gold[act]) c.fn += 1;
    }
  }
  return thresholds;
}
const f1 = (c) => (c.tp + c.fp + c.fn === 0 ? '—' : ((2 * c.tp) / (2 * c.tp + c.fp + c.fn)).toFixed(3));
const labelledFor = (list, act) => list.filter((r) => r.gold[act] !== undefined);
const positives = (list, act) => list.filter((r) => r.gold[act]).length;
const names = Object.keys(RULES);
const header = (first) => `| ${first} | act | positives | ${names.join(' | ')} |\n|---|---|--:|${names.map(() => '--:|').join('')}`;

const TYPED = [
  ['typed/assistant', ['clarification', 'acknowledgement', 'repair']],
  ['typed/user', ['followup', 'repair']],
];
const train = (r) => r.from === 'typed-chat';
const dev = (r) => r.from === 'typed-chat/dev';

console.log(`Typed chat, one calibration set against the other (F1 on the second; the threshold each rule chose):\n\n${header('fit → scored')}`);
for (const [from, to, label] of [[train, dev, 'train out of fold → dev'], [dev, train, 'dev → train out of fold']]) {
  for (const [segment, acts] of TYPED) {
    for (const act of acts) {
      const fit = labelledFor(rows.filter((r) => r.segment === segment && from(r)), act);
      const test = labelledFor(rows.filter((r) => r.segment === segment && to(r)), act);
      const counts = {};
      const t = score(act, fit, test, counts);
      console.log(`| ${label}, ${segment} | ${act} | ${positives(fit, act)} → ${positives(test, act)} | ${names.map((n) => `${f1(counts[n])} (p ≥ ${t[n].toFixed(2)})`).join(' | ')} |`);
    }
  }
}

console.log(`\nThe threshold each rule picks with typed-chat dev in the calibration set and without it (train out of fold alone):\n\n| segment | act | ${names.map((n) => `${n}: with dev → without`).join(' | ')} |\n|---|---|${names.map(() => '--:|').join('')}`);
for (const [segment, acts] of TYPED) {
  for (const act of acts) {
    const cells = names.map((n) => {
      const [withDev, without] = [(r) => train(r) || dev(r), train].map((keep) => {
        const fit = labelledFor(rows.filter((r) => r.segment === segment && keep(r)), act);
        return score(act, fit, [], {})[n];
      });
      return `${withDev.toFixed(2)} → ${without.toFixed(2)}`;
    });
    console.log(`| ${segment} | ${act} | ${cells.join(' | ')} |`);
  }
}

const POOLS = [
  ...TYPED.map(([segment, acts]) => [`${segment}, train and dev`, (r) => r.segment === segment && (train(r) || dev(r)), acts]),
  ['transcripts, MRDA+SWDA val', (r) => r.segment === 'spoken', ['clarification', 'understanding-check', 'acknowledgement']],
  ['ESConv val', (r) => r.from === 'esconv/val', ['reassurance']],
];
console.log(`\n${K} contiguous folds of each pool (rows in the order training read them, so folds hold whole dialogues but at their edges):\n\n${header('pool')}`);
for (const [label, keep, acts] of POOLS) {
  for (const act of acts) {
    const data = labelledFor(rows.filter(keep), act);
    const counts = {};
    for (let k = 0; k < K; k += 1) {
      const lo = Math.floor((k * data.length) / K);
      const hi = Math.floor(((k + 1) * data.length) / K);
      score(act, data.filter((_, i) => i < lo || i >= hi), data.slice(lo, hi), counts);
    }
    console.log(`| ${label} | ${act} | ${positives(data, act)} | ${names.map((n) => f1(counts[n])).join(' | ')} |`);
  }
}
