/** Whether the candidate filter changes a tag: the same conversations tagged with and without it. */
import { expect } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import type { Conversation, TaggedTurn } from '../../src/model.js';
import { tagConversation } from '../../src/tag/tagger.js';

/** Everything a tag line and a summary read of a tagged conversation, as one string per turn: the learned tagger's scores too. */
export function tags(tagged: TaggedTurn[]): string[] {
  return tagged.map(({ turn, findings, words, scores }) => JSON.stringify({ id: turn.id, words, findings, scores }));
}

export function expectSameTags(conversations: Iterable<Conversation>): number {
  let n = 0;
  for (const c of conversations) {
    expect(tags(tagConversation(c)), c.id).toEqual(tags(tagConversation(c, { filter: false })));
    expect(tags(tagConversation(c, { tagger: 'rules' })), c.id).toEqual(tags(tagConversation(c, { tagger: 'rules', filter: false })));
    n += 1;
  }
  return n;
}

export async function read(inputs: string[], limit = Infinity): Promise<Conversation[]> {
  const { conversations } = await ingest(inputs, { format: 'auto', skipInvalid: true });
  const out: Conversation[] = [];
  for await (const c of conversations) {
    if (out.length >= limit) break;
    out.push(c);
  }
  return out;
}
