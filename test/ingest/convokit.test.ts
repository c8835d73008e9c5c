import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixture, run, tempDir, texts } from './helpers.js';

const UTTERANCES = fixture('convokit', 'corpus', 'utterances.jsonl');

describe('convokit', () => {
  it('groups utterances by conversation even when they are not contiguous, keeping ids and reply-to', async () => {
    const { conversations, accounts } = await run([UTTERANCES]);
    expect(accounts[0]).toMatchObject({ format: 'convokit', records: 3, analyzed: 3, turnsSkipped: { system: 1 } });
    const byId = Object.fromEntries(conversations.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(['u1', 'v1', 'w1']);
    expect(byId.u1!.turns.map((t) => [t.id, t.replyTo, t.role])).toEqual([
      ['u1', undefined, 'user'],
      ['u2', 'u1', 'assistant'],
      ['u3', 'u2', 'user'],
    ]);
    expect(byId.u1!.turns[0]!.meta).toEqual({ role: 'seeker' });
  });

  it('orders by timestamp when every utterance has one', async () => {
    const { conversations } = await run([UTTERANCES]);
    expect(texts(conversations.find((c) => c.id === 'v1')!)).toEqual(['user: hi', 'assistant: Hello! How can I help?']);
  });

  it('gives unknown speakers roles in order: the first is the user, the others assistants', async () => {
    const { conversations } = await run([UTTERANCES]);
    const w1 = conversations.find((c) => c.id === 'w1')!;
    expect(w1.turns.map((t) => [t.speaker, t.role])).toEqual([
      ['dan', 'user'],
      ['erin', 'assistant'],
      ['frank', 'assistant'],
    ]);
  });

  it('reads a corpus folder through its utterances.jsonl only', async () => {
    const { accounts } = await run([fixture('convokit')]);
    expect(accounts.map((a) => [a.format, a.records])).toEqual([['convokit', 3]]);
  });

  it('reads stdin in one pass', async () => {
    const { conversations } = await run(['-'], { stdin: Readable.from([readFileSync(UTTERANCES)]), format: 'convokit' });
    expect(conversations.map((c) => c.id).sort()).toEqual(['u1', 'v1', 'w1']);
  });

  it('reports an utterance without conversation_id as an invalid record on its line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'utterances.jsonl'), '{"id":"a","speaker":"x","conversation_id":"a","text":"hi"}\n{"id":"b","speaker":"y","text":"yo"}\n');
    await expect(run([join(dir, 'utterances.jsonl')])).rejects.toThrow(/utterances\.jsonl:2 \(field `conversation_id`\)/);
    const { accounts } = await run([join(dir, 'utterances.jsonl')], { skipInvalid: true });
    expect(accounts[0]).toMatchObject({ records: 2, analyzed: 1, skipped: { 'invalid record': 1 } });
  });
});
