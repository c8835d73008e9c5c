// `npm run learners`: the learner that ships (L2 logistic regression, src/train/logistic.ts)
// against an averaged perceptron (src/train/perceptron.ts), both fit by `npm run train`'s own
// code (fitBags) on the same bags, features, corpus weights and multiple-instance rounds, and
// scored on the splits training keeps aside (typed-chat dev, ESConv valid for reassurance, MRDA
// and SWDA valid). Each is measured by its best F1 over thresholds on the split itself (the same
// optimism for both: it compares how well each ranks, not a chosen threshold) and by average
// precision. Needs ../shared/corpora (or $GROUNDING_CORPORA); about ten minutes, most of it the
// logistic regressions. `-- --epochs N` sets the perceptron's passes (default 10).
import { existsSync } from 'node:fs';
import { fitBags } from '../dist/train/fit.js';
import { fitPerceptron } from '../dist/train/perceptron.js';
import { chooseThreshold } from '../dist/train/calibrate.js';
import { DEFAULT_CONFIG, SOURCES, bagScores, readSources, scorer } from '../dist/train/train.js';

const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
const args = process.argv.slice(2);
const at = args.indexOf('--epochs');
const epochs = at >= 0 ? Number(args[at + 1]) : 10;
if (!existsSync(root)) {
  console.error(`npm run learners: expected the labelled corpora in ${root}, found nothing there. Set GROUNDING_CORPORA to their folder.`);
  process.exit(2);
}
const say = (m) => console.error(`learners: ${m}`);
const config = DEFAULT_CONFIG;

/** Average precision: the mean, over the positives, of the precision at each one's rank. */
function averagePrecision(scores, positive) {
  const order = scores.map((s, i) => [s, positive[i]]).sort((a, b) => b[0] - a[0]);
  let tp = 0;
  let sum = 0;
  order.forEach(([, p], i) => {
    if (!p) return;
    tp += 1;
    sum += tp / (i + 1);
  });
  return tp === 0 ? null : sum / tp;
}

const bags = readSources(root, config, say);
const learners = {
  'logistic regression': undefined,
  [`averaged perceptron (${epochs} epochs)`]: (data) => fitPerceptron(data, { epochs, seed: config.seed }),
};
const rows = [];
for (const domain of ['spoken', 'typed']) {
  const fitOn = SOURCES.filter((s) => s.domain === domain && s.use === 'fit').flatMap((s) => bags.get(s));
  const held = SOURCES.filter((s) => s.domain === domain && s.use === 'calibrate');
  const add = (source, act, name, scores, list) => {
    const labelled = list.map((b, i) => [b.gold[act], scores[i] ?? -Infinity]).filter(([gold]) => gold !== undefined);
    const positive = labelled.map(([gold]) => gold);
    if (!positive.some(Boolean)) return;
    const values = labelled.map(([, score]) => score);
    const best = chooseThreshold(values, positive);
    rows.push({ corpus: `${source.scheme} ${source.split}`, act, positives: positive.filter(Boolean).length, learner: name, f1: best.f1, ap: averagePrecision(values, positive) });
  };
  for (const [name, learner] of Object.entries(learners)) {
    const started = Date.now();
    const fitted = fitBags(fitOn, config[domain], learner);
    say(`fit the ${domain} model by ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    const read = scorer(fitted, config[domain]);
    for (const source of held) {
      const list = bags.get(source);
      const scores = bagScores(list, () => read);
      for (const act of fitted.acts) add(source, act, name, scores.map((s) => s[act]), list);
    }
  }
}

const names = Object.keys(learners);
const key = (r) => `${r.corpus}\0${r.act}`;
const cells = new Map();
for (const r of rows) cells.set(`${key(r)}\0${r.learner}`, r);
const fmt = (x) => (x === null || x === undefined ? '—' : x.toFixed(3));
console.log(`| corpus | act | positives | ${names.map((n) => `${n}: best F1 | AP`).join(' | ')} |`);
console.log(`|---|---|--:|${names.map(() => '--:|--:').join('|')}|`);
for (const k of [...new Set(rows.map(key))]) {
  const first = cells.get(`${k}\0${names[0]}`);
  console.log(`| ${first.corpus} | ${first.act} | ${first.positives} | ${names.map((n) => { const c = cells.get(`${k}\0${n}`); return `${fmt(c?.f1)} | ${fmt(c?.ap)}`; }).join(' | ')} |`);
}
