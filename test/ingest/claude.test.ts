import { describe, expect, it } from 'vitest';
import { convert, fixture, run, texts } from './helpers.js';

describe('claude', () => {
  it('reads chat_messages with their uuids, text blocks before the text field, and --model', async () => {
    const { conversations, accounts } = await run([fixture('claude', 'conversations.json')], { model: 'claude-x' });
    expect(conversations).toHaveLength(1);
    const [c] = conversations;
    expect(c!.id).toBe('cl-1');
    expect(c!.meta).toEqual({ title: 'Recipe' });
    expect(texts(c!)).toEqual([
      'user: Can I swap butter for oil in this cake?',
      'assistant: Yes. Which cake is it?\nUse about 3/4 as much oil.',
      'user: A lemon drizzle.',
    ]);
    expect(c!.turns.map((t) => [t.id, t.speaker, t.model])).toEqual([
      ['m-1', 'human', 'claude-x'],
      ['m-2', 'assistant', 'claude-x'],
      ['m-3', 'human', 'claude-x'],
    ]);
    expect(accounts[0]).toMatchObject({ records: 2, analyzed: 1, skipped: { 'no turns': 1 }, turnsSkipped: { empty: 1 } });
  });

  it('leaves the model unset without --model', async () => {
    const { conversations } = await run([fixture('claude', 'conversations.json')]);
    expect(conversations[0]!.turns.every((t) => t.model === undefined)).toBe(true);
  });

  it('names the field of a malformed message', () => {
    expect(() => convert('claude', { uuid: 'u', chat_messages: [{ uuid: 'm', text: 'hi' }] })).toThrow(/field `chat_messages\[0\]\.sender`\): expected a string in a Claude export conversation, found nothing/);
  });
});
