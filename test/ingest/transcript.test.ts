import { describe, expect, it } from 'vitest';
import { convert, fixture, run, texts } from './helpers.js';

describe('transcript', () => {
  it('splits blocks into conversations and lines into turns; unprefixed lines continue a turn', async () => {
    const { conversations, accounts } = await run([fixture('transcript', 'chat.txt')]);
    expect(accounts[0]).toMatchObject({ format: 'transcript', records: 3, analyzed: 3, turnsSkipped: { system: 1 } });
    expect(conversations.map((c) => c.id)).toEqual(['chat.txt:2', 'chat.txt:9', 'chat.txt:16']);
    expect(texts(conversations[0]!)).toEqual([
      'user: I need a name for my cat.',
      'assistant: Is it a kitten or a grown cat?',
      'user: A kitten.',
      'assistant: Then how about Pixel, Mochi or Juno?\nStep 1: pick one you like.\nStep 2: say it out loud a few times.',
    ]);
  });

  it('gives unknown speakers roles in order, and keeps a third name as text', async () => {
    const { conversations } = await run([fixture('transcript', 'chat.txt')]);
    expect(conversations[1]!.turns.map((t) => [t.speaker, t.role])).toEqual([
      ['Alice', 'user'],
      ['Bob', 'assistant'],
      ['Alice', 'user'],
    ]);
    expect(conversations[1]!.turns[1]!.text).toBe("yes, 12:30 at the usual place\nNote: this line continues Bob's turn.");
  });

  it('takes the model from a turn annotation, else the # model line, else --model', async () => {
    const { conversations } = await run([fixture('transcript', 'chat.txt')], { model: 'cli' });
    expect(conversations.map((c) => c.turns.map((t) => t.model))).toEqual([
      ['model-a', 'model-a', 'model-a', 'model-a'],
      ['model-a', 'model-a', 'model-a'],
      ['model-b', 'model-c', 'model-b', 'model-b'],
    ]);
    const plain = convert('transcript', { lines: [{ text: 'User: a', line: 1 }, { text: 'Bot (m-2): b', line: 2 }] }, { model: 'cli' });
    expect('conversation' in plain && plain.conversation.turns.map((t) => t.model)).toEqual(['m-2', 'm-2']);
  });

  it('reads a speaker line whatever its text holds, and spaces around the name and the model', () => {
    const lines = [
      { text: 'User : hi\u2028there', line: 1 },
      { text: 'Bot (m-2)  :  fine', line: 2 },
    ];
    const converted = convert('transcript', { lines });
    expect('conversation' in converted && converted.conversation.turns.map((t) => [t.speaker, t.model, t.text])).toEqual([
      ['User', 'm-2', 'hi\u2028there'],
      ['Bot', 'm-2', 'fine'],
    ]);
  });

  it('rejects a block that does not start with a speaker', () => {
    expect(() => convert('transcript', { lines: [{ text: 'just some words', line: 4 }] })).toThrow(/mem\.json:4: expected a line starting with a speaker/);
  });
});
