import { describe, expect, it } from 'vitest';
import { conversationOf, convert, fixture, run, texts } from './helpers.js';

describe('wildchat', () => {
  it('reads conversation_hash, model, the conversation list and the language', async () => {
    const { conversations, accounts } = await run([fixture('wildchat', 'wildchat.jsonl')]);
    expect(accounts[0]!.format).toBe('wildchat');
    expect(conversations.map((c) => [c.id, c.turns[1]!.model, c.meta.language])).toEqual([
      ['hash-1', 'model-a', 'English'],
      ['hash-2', 'model-b', 'French'],
    ]);
    expect(texts(conversations[0]!)).toEqual(['user: Write a haiku about rain.', 'assistant: Soft rain on the roof']);
  });

  it('also reads `{id, model, messages}` records when named with --format wildchat', () => {
    const c = conversationOf(convert('wildchat', { id: 'w-1', model: 'm', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }] }));
    expect([c.id, c.format, c.turns.length, c.turns[1]!.model]).toEqual(['w-1', 'wildchat', 2, 'm']);
  });
});

describe('lmsys', () => {
  it('reads conversation_id, model and the conversation list', async () => {
    const { conversations, accounts } = await run([fixture('lmsys', 'lmsys.jsonl')]);
    expect(accounts[0]!.format).toBe('lmsys');
    expect(conversations.map((c) => [c.id, c.turns.length, c.turns[0]!.model])).toEqual([
      ['lm-1', 2, 'model-c'],
      ['lm-2', 3, 'model-d'],
    ]);
  });
});
