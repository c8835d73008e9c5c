/** Replayed records as the openai adapter reads them: provenance kept, context marked, bad provenance named. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import type { Conversation } from '../../src/model.js';
import { CONTEXT_META } from '../../src/model.js';
import { REPLAY_SCHEMA } from '../../src/replay/provenance.js';
import { tempDir } from '../helpers/cli.js';

const provenance = {
  schema: REPLAY_SCHEMA,
  corpus: 'esconv',
  source: 'test.txt',
  conversation: 'test.txt:7',
  position: 3,
  turnId: 'test.txt:7:3',
  human: { text: 'Got it, thanks.', model: 'human' },
  model: 'cand',
  params: {},
  seed: 1,
  finishReason: 'stop',
  usage: null,
};

const record = (replay: unknown, last = { role: 'assistant', content: 'What have you tried so far?' }) => ({
  id: 'esconv/test.txt:7#3',
  model: 'cand',
  messages: [
    { role: 'system', content: 'You are a supporter.' },
    { role: 'user', name: 'seeker', content: 'My laptop will not start.' },
    { role: 'assistant', name: 'supporter', content: 'How long has this been going on?' },
    { role: 'user', name: 'seeker', content: 'Two days now.' },
    last,
  ],
  replay,
});

async function read(lines: unknown[], skipInvalid = false) {
  const file = join(tempDir(), 'replay.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  const { conversations, accounts } = await ingest([file], { format: 'auto', skipInvalid });
  const out: Conversation[] = [];
  for await (const c of conversations) out.push(c);
  return { conversations: out, accounts, file };
}

describe('replayed records in the openai adapter', () => {
  it('keep the provenance, give the context to its own speakers, and mark it as context', async () => {
    const { conversations, accounts } = await read([record(provenance)]);
    const [c] = conversations;
    expect(accounts[0]!.format).toBe('openai');
    expect(c!.meta.replay).toEqual(provenance);
    expect(c!.turns.map((t) => [t.role, t.speaker, t.model, t.meta[CONTEXT_META] === true])).toEqual([
      ['user', 'seeker', 'human', true],
      ['assistant', 'supporter', 'human', true],
      ['user', 'seeker', 'human', true],
      ['assistant', 'assistant', 'cand', false],
    ]);
    expect(accounts[0]!.turnsSkipped).toEqual({ system: 1 });
  });

  it('leave a record without provenance as it was', async () => {
    const { conversations } = await read([{ ...record(undefined), replay: undefined }]);
    expect(conversations[0]!.meta).toEqual({});
    expect(conversations[0]!.turns.every((t) => t.model === 'cand' && !(CONTEXT_META in t.meta))).toBe(true);
  });

  it('name the file, line and field of malformed provenance, or count it under --skip-invalid', async () => {
    const bad = record({ ...provenance, position: '3' });
    await expect(read([record(provenance), bad])).rejects.toThrow(/replay\.jsonl:2 \(field `replay\.position`\): expected a number in an OpenAI chat record with replay provenance \(grounding\.replay\/v1\), found the string "3"/);
    const { accounts } = await read([record(provenance), bad], true);
    expect(accounts[0]).toMatchObject({ records: 2, analyzed: 1, skipped: { 'invalid record': 1 } });
  });

  it('must end with the model’s reply', async () => {
    await expect(read([record(provenance, { role: 'user', content: 'Hello?' })])).rejects.toThrow(/replay\.jsonl:1 \(field `messages\[4\]\.role`\): expected the model's reply \(role `assistant`\) as the last message of a replay record, found the string "user"/);
  });
});
