// `npm run heldout`: what the tagger issue's held-out typed-chat check would likely give, judged on
// typed-chat dev. Feeds dev as the check does (scripts/typed-chat.mjs: one OpenAI-format
// conversation per labelled turn, the turn before it and then the turn), runs `grounding tag` and
// reads the acts of the labelled turn. Prints each act's F1 on dev (the same as `grounding eval`'s,
// by another path), and the spread of F1 over sets of the check's size (450 turns) drawn from dev
// with replacement: median, 5%–95%, and how often it reaches the check's target.
//
// The spread is the check's sampling noise only, as if dev were the population: dev's own
// uncertainty (5 clarifications, 6 acknowledgements) comes on top. The shipped model chose its
// calibration on dev, so on dev it is optimistic: pass a model fit with dev kept out
// (`npm run train -- --no-dev --out FILE`, or `-- --recalibrate SCORES --no-dev --out FILE`) as
// `-- --model FILE` for a fair look. `--n N` and `--resamples B` change the set size and count.
//
// `-- --transcripts` adds MRDA and SWDA val (`grounding eval`'s reading): their F1, and the spread
// over sets of val's dialogues drawn with replacement (the test splits are other dialogues, and
// dialogues differ more than utterances do). About two minutes more.
// Builds first; about ten seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { conversationsOf, readTypedChat } from './typed-chat.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const model = option('--model');
const size = Number(option('--n') ?? 450);
const resamples = Number(option('--resamples') ?? 5000);
if (model !== undefined && !existsSync(model)) {
  console.error(`npm run heldout: --model ${model}: no such file.`);
  process.exit(2);
}
if (!Number.isInteger(size) || size < 1 || !Number.isInteger(resamples) || resamples < 1) {
  console.error('npm run heldout: --n and --resamples expect whole numbers of at least 1.');
  process.exit(2);
}
const { file, items } = readTypedChat('heldout');

/** The acts and targets of the check's typed-chat rows. */
const TARGETS = { clarification: 0.75, followup: 0.6, acknowledgement: 0.5, repair: 0.6 };

const dir = mkdtempSync(join(tmpdir(), 'grounding-heldout-'));
let tagged;
try {
  const input = join(dir, 'typed-chat.jsonl');
  writeFileSync(input, conversationsOf(items));
  const env = { ...process.env, ...(model ? { GROUNDING_MODEL: resolve(model) } : {}) };
  const run = spawnSync(process.execPath, [new URL('../bin/grounding.js', import.meta.url).pathname, 'tag', input], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(run.status ?? 1);
  }
  // Each conversation is named by its item; the labelled turn is its second, `<item>:1`.
  tagged = new Map();
  for (const line of run.stdout.split('\n')) {
    if (!line) continue;
    const t = JSON.parse(line);
    if (t.turn_id === `${t.conversation_id}:1`) tagged.set(t.conversation_id, new Set(t.acts.map((a) => a.act)));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (tagged.size !== items.length) throw new Error(`expected a tagged second turn for each of the ${items.length} items, found ${tagged.size}`);
const rows = items.map((item) => ({ gold: new Set(item.acts), found: tagged.get(item.item) }));

/** F1 from counts, or null with nothing labelled or found. */
const f1Of = ({ tp, fp, fn }) => (tp + fp + fn === 0 ? null : (2 * tp) / (2 * tp + fp + fn));

/** An act's counts over some turns or units, each with its labelled (`gold`) and tagged (`found`) acts. */
function countsOf(rows, act) {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const r of rows) {
    const gold = r.gold.has(act);
    const found = r.found.has(act);
    if (gold && found) counts.tp += 1;
    else if (found) counts.fp += 1;
    else if (gold) counts.fn += 1;
  }
  return counts;
}

const f1 = (sample, act) => f1Of(countsOf(sample, act));

// A seeded generator (an LCG): the same figures every run.
let seed = 12345;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const sample = new Array(size);

console.log(`${file}, ${items.length} labelled turns, model ${model ?? 'shipped'}; ${resamples} sets of ${size} drawn from them with replacement:\n`);
console.log('| act | labelled | F1 on dev | median over the sets | 5%–95% | sets at or above the target | target |');
console.log('|---|--:|--:|--:|--:|--:|--:|');
for (const [act, target] of Object.entries(TARGETS)) {
  const values = [];
  for (let b = 0; b < resamples; b += 1) {
    for (let k = 0; k < size; k += 1) sample[k] = rows[Math.floor(random() * rows.length)];
    const v = f1(sample, act);
    if (v !== null) values.push(v);
  }
  values.sort((x, y) => x - y);
  const at = (q) => (values.length ? values[Math.floor(q * (values.length - 1))].toFixed(3) : '—');
  const reached = values.filter((v) => v >= target).length / resamples;
  const whole = f1(rows, act);
  console.log(`| ${act} | ${rows.filter((r) => r.gold.has(act)).length} | ${whole === null ? '—' : whole.toFixed(3)} | ${at(0.5)} | ${at(0.05)}–${at(0.95)} | ${(100 * reached).toFixed(0)}% | ${target} |`);
}

/** The held-out transcript targets: MRDA and SWDA test, fed as ConvoKit utterances. */
const TRANSCRIPTS = [
  { scheme: 'mrda', targets: { acknowledgement: 0.83, clarification: 0.6, 'understanding-check': 0.35 } },
  { scheme: 'swda', targets: { acknowledgement: 0.85 } },
];

if (args.includes('--transcripts')) {
  // The model is read when first used, in this process as in `grounding`: from GROUNDING_MODEL when set.
  if (model) process.env.GROUNDING_MODEL = resolve(model);
  const { evaluate } = await import('../dist/eval/evaluate.js');
  const { loadLabelMap } = await import('../dist/eval/labelmap.js');
  const { readLabelled } = await import('../dist/eval/read/index.js');
  const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
  for (const { scheme, targets } of TRANSCRIPTS) {
    const acts = Object.keys(targets);
    // Per dialogue, per act: tp, fp, fn. evaluate reads the dialogues one after another, so the hook's units are the current one's.
    const units = [];
    function* tracked() {
      for (const dialogue of readLabelled(scheme, join(root, 'labeled', scheme), 'val')) {
        units.push([]);
        yield dialogue;
      }
    }
    const result = evaluate(tracked(), loadLabelMap(scheme), {
      tagger: 'learned',
      onUnit: (_unit, gold, findings) => units[units.length - 1].push({ gold, found: new Set(findings.map((f) => f.act)) }),
    });
    const perDialogue = units.map((list) => Object.fromEntries(acts.map((a) => [a, countsOf(list, a)])));
    console.log(`\n${scheme} val, ${perDialogue.length} dialogues, ${result.units} scored units, model ${model ?? 'shipped'}; ${resamples} sets of ${perDialogue.length} dialogues drawn with replacement:\n`);
    console.log('| act | labelled | F1 on val | median over the sets | 5%–95% | sets at or above the target | target |');
    console.log('|---|--:|--:|--:|--:|--:|--:|');
    for (const act of acts) {
      const total = (list) => list.reduce((sum, d) => ({ tp: sum.tp + d[act].tp, fp: sum.fp + d[act].fp, fn: sum.fn + d[act].fn }), { tp: 0, fp: 0, fn: 0 });
      const values = [];
      for (let b = 0; b < resamples; b += 1) {
        const drawn = Array.from({ length: perDialogue.length }, () => perDialogue[Math.floor(random() * perDialogue.length)]);
        const v = f1Of(total(drawn));
        if (v !== null) values.push(v);
      }
      values.sort((x, y) => x - y);
      const at = (q) => values[Math.floor(q * (values.length - 1))].toFixed(3);
      const all = total(perDialogue);
      console.log(`| ${act} | ${all.tp + all.fn} | ${f1Of(all).toFixed(3)} | ${at(0.5)} | ${at(0.05)}–${at(0.95)} | ${((100 * values.filter((v) => v >= targets[act]).length) / resamples).toFixed(0)}% | ${targets[act]} |`);
    }
  }
}
