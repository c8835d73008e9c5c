// Typed-chat labels as the tagger issue's held-out check feeds them, for scripts/estimates.mjs and
// scripts/heldout.mjs: the items of ../shared/corpora/labeled/typed-chat/<split>.jsonl (or
// $GROUNDING_CORPORA), and one OpenAI-format conversation per item, the turn before it and then
// the labelled turn.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The items of a split; exits with a clear message when the file is missing. */
export function readTypedChat(script, split = 'dev') {
  const root = process.env.GROUNDING_CORPORA ?? '../shared/corpora';
  const file = join(root, 'labeled', 'typed-chat', `${split}.jsonl`);
  if (!existsSync(file)) {
    console.error(`npm run ${script}: expected the typed-chat labels at ${file}, found nothing. Set GROUNDING_CORPORA to the corpora's folder.`);
    process.exit(2);
  }
  const items = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (err) {
        throw new Error(`${file}:${i + 1}: not JSON (${err.message})`);
      }
    });
  for (const item of items) {
    if (item.role !== 'assistant' && item.role !== 'user') throw new Error(`${file}: item ${item.item}: field role: expected assistant or user, found ${JSON.stringify(item.role)}`);
  }
  return { file, items };
}

/** The items as JSONL of OpenAI-format conversations: the turn before, then the labelled turn (the record's second turn). */
export function conversationsOf(items) {
  return items.map((item) => `${JSON.stringify({ id: item.item, model: item.model ?? 'typed-chat', messages: [{ role: item.prev_role, content: item.prev_text }, { role: item.role, content: item.text }] })}\n`).join('');
}
