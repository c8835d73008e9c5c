// What each stage of `analyze` costs, timed in one process: `node scripts/stages.mjs FILE`
// (`npm run profile -- --stages` runs it on the benchmark's input, with the floor beside it).
//
// Reads every conversation of FILE into memory first (the analyzer streams them; holding them
// lets each stage be timed alone), then times, one after the other: tagging them all with the
// learned tagger, with the rules alone (second, so with the code they share already compiled),
// and counting the learned tags into a tally by model as `analyze` does. Prints one JSON object: the conversations, their characters, and seconds per stage.
import { ingest } from '../dist/ingest/index.js';
import { tallyConversation } from '../dist/measure/tally.js';
import { tallyReplay } from '../dist/replay/compare.js';
import { tagConversation } from '../dist/tag/tagger.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/stages.mjs FILE');
  process.exit(2);
}
const seconds = (since) => Number(process.hrtime.bigint() - since) / 1e9;

let started = process.hrtime.bigint();
const { conversations: stream } = await ingest([file], { format: 'auto', skipInvalid: true });
const conversations = [];
for await (const conversation of stream) conversations.push(conversation);
const ingestSeconds = seconds(started);

started = process.hrtime.bigint();
const tagged = conversations.map((c) => tagConversation(c, { tagger: 'learned' }));
const learnedSeconds = seconds(started);

started = process.hrtime.bigint();
for (const c of conversations) tagConversation(c, { tagger: 'rules' });
const rulesSeconds = seconds(started);

started = process.hrtime.bigint();
const tally = new Map();
const matched = new Map();
conversations.forEach((c, i) => {
  tallyConversation(tally, tagged[i], c.source, 'model');
  tallyReplay(matched, c, tagged[i]);
});
const countSeconds = seconds(started);

let characters = 0;
for (const c of conversations) for (const t of c.turns) characters += t.text.length;
console.log(JSON.stringify({ conversations: conversations.length, characters, groups: tally.size, seconds: { ingest: ingestSeconds, learned: learnedSeconds, rules: rulesSeconds, count: countSeconds } }));
