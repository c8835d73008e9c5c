// `npm run precision`: how often the shipped tagger's tags on real chat logs are right, by role and
// act. corpora/audits/real-chat.json holds turns drawn from the tags on the WildChat and ShareGPT
// samples of ../shared/corpora/llm, each labelled blind with the acts it holds (its provenance says
// how). This tags the two samples again with the build in dist/ and, for each role and act, counts
// the tags now, the audited turns drawn for that pair that are still tagged with it, and how many
// of those the annotator labelled with it. A turn the tagger no longer tags drops out of its row
// (its label stays in the file). Needs ../shared/corpora (or $GROUNDING_CORPORA); `-- --readme`
// writes the table into README.md. About half a minute.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceSection } from './readme.mjs';

const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
const SAMPLES = ['llm/wildchat-sample/wildchat_sample_normalized.json', 'llm/sharegpt-sample/sharegpt_sample_stripped.json'];
const ORDER = ['acknowledgement', 'clarification', 'repair', 'understanding-check', 'followup', 'reassurance'];
const files = SAMPLES.map((f) => join(root, f));
const missing = files.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`npm run precision: expected the chat-log samples in ${root}, missing ${missing.join(', ')}. Set GROUNDING_CORPORA to their folder.`);
  process.exit(2);
}

const audit = JSON.parse(readFileSync(new URL('../corpora/audits/real-chat.json', import.meta.url), 'utf8'));
if (audit.schema !== 'grounding.audit/v1') throw new Error(`corpora/audits/real-chat.json: expected schema grounding.audit/v1, found ${audit.schema}`);

const run = spawnSync(process.execPath, [new URL('../bin/grounding.js', import.meta.url).pathname, 'tag', ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(run.status ?? 1);
}
/** turn id → the acts tagged on it; and per "role act", how many turns carry it. */
const tagged = new Map();
const tags = new Map();
const turns = { user: 0, assistant: 0 };
for (const line of run.stdout.split('\n')) {
  if (!line) continue;
  const t = JSON.parse(line);
  turns[t.role] = (turns[t.role] ?? 0) + 1;
  const acts = new Set(t.acts.map((a) => a.act));
  tagged.set(t.turn_id, acts);
  for (const act of acts) tags.set(`${t.role} ${act}`, (tags.get(`${t.role} ${act}`) ?? 0) + 1);
}

const rows = [];
for (const role of ['assistant', 'user']) {
  for (const act of ORDER) {
    const pair = `${role} ${act}`;
    const drawn = audit.items.filter((i) => i.sampled_for.includes(pair));
    if (drawn.length === 0) continue;
    const read = drawn.filter((i) => {
      const acts = tagged.get(i.turn_id);
      if (!acts) throw new Error(`corpora/audits/real-chat.json: turn ${i.turn_id} is not in the samples`);
      return acts.has(act);
    });
    const correct = read.filter((i) => i.acts.includes(act)).length;
    rows.push({ role, act, tags: tags.get(pair) ?? 0, drawn: drawn.length, read: read.length, correct });
  }
}
const n = (x) => x.toLocaleString('en-US');
const table = [
  '| role | act | tags | read | correct | precision |',
  '|---|---|--:|--:|--:|--:|',
  ...rows.map((r) => `| ${r.role} | ${r.act} | ${n(r.tags)} | ${r.read} | ${r.correct} | ${r.read ? (r.correct / r.read).toFixed(2) : '—'} |`),
].join('\n');
const body = `Measured by \`npm run precision\` against \`corpora/audits/real-chat.json\` (${audit.items.length} turns labelled ${audit.provenance.date}), on ${n(turns.assistant)} assistant and ${n(turns.user)} user turns:\n\n${table}`;
console.log(body);
for (const r of rows) if (r.read < r.drawn) console.error(`precision: ${r.role} ${r.act}: ${r.drawn - r.read} of the ${r.drawn} audited turns are no longer tagged with it`);
if (process.argv.includes('--readme')) {
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, replaceSection(readFileSync(path, 'utf8'), 'precision', body));
  console.error('README.md: precision table updated');
}
