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
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { conversationsOf, readTypedChat } from './typed-chat.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const { file, items } = readTypedChat('estimates', option('--split'));
const model = option('--model');
if (model !== undefined && !existsSync(model)) {
  console.error(`npm run estimates: --model ${model}: no such file.`);
  process.exit(2);
}

const ACTS = ['clarification', 'understanding-check', 'acknowledgement', 'followup', 'repair'];
/** The pairs the tagger issue's check reads. */
const CHECKED = new Set(['assistant clarification', 'assistant repair', 'user followup', 'user repair']);

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
