import { describe, expect, it } from 'vitest';
import { convert, fixture, run, texts } from './helpers.js';

describe('sharegpt', () => {
  it('maps human/user to user and gpt/chatgpt/bard to assistant; skips system, unknown speakers and blanks', async () => {
    const { conversations, accounts } = await run([fixture('sharegpt', 'sharegpt.json')]);
    expect(conversations.map((c) => c.id)).toEqual(['sg-1', 'sg-2']);
    expect(texts(conversations[0]!)).toEqual(['user: Name a prime.', 'assistant: Seven.', 'user: Another?', 'assistant: Eleven.']);
    expect(conversations[0]!.turns.map((t) => t.speaker)).toEqual(['human', 'gpt', 'human', 'chatgpt']);
    expect(accounts[0]).toMatchObject({ records: 3, analyzed: 2, skipped: { 'no turns': 1 }, turnsSkipped: { system: 1, 'unknown role': 1, empty: 1 } });
  });

  it('honours a model field, else --model', async () => {
    const { conversations } = await run([fixture('sharegpt', 'sharegpt.json')], { model: 'fallback' });
    expect(conversations.map((c) => c.turns[0]!.model)).toEqual(['fallback', 'model-b']);
  });

  it('rejects a record without conversations', () => {
    expect(() => convert('sharegpt', { id: 'x', items: [] })).toThrow(/field `conversations`\): expected an array in a ShareGPT record, found nothing/);
  });
});
