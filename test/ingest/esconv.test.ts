import { describe, expect, it } from 'vitest';
import { convert, fixture, run, texts } from './helpers.js';

describe('esconv', () => {
  it('maps sys to the supporter (assistant) and usr to the seeker (user), one turn per message', async () => {
    const { conversations, accounts } = await run([fixture('esconv', 'sample.txt')]);
    expect(accounts[0]).toMatchObject({ format: 'esconv', records: 2, analyzed: 2 });
    const [c] = conversations;
    expect(c!.id).toBe('sample.txt:1');
    expect(c!.turns.map((t) => [t.role, t.speaker])).toEqual([
      ['assistant', 'supporter'],
      ['user', 'seeker'],
      ['user', 'seeker'],
      ['assistant', 'supporter'],
      ['assistant', 'supporter'],
    ]);
    expect(texts(c!)[2]).toBe('user: I have not slept well all week.');
  });

  it('keeps strategies on turns, emotion and problem on the conversation, and model "human"', async () => {
    const { conversations } = await run([fixture('esconv', 'sample.txt')]);
    const [c] = conversations;
    expect(c!.turns.map((t) => t.meta.strategy)).toEqual(['Question', undefined, undefined, 'Reflection of feelings', 'Question']);
    expect(c!.meta).toEqual({ corpus: 'esconv', emotion_type: 'anxiety', problem_type: 'job crisis', situation: 'I might lose my job next month.' });
    expect(new Set(c!.turns.map((t) => t.model))).toEqual(new Set(['human']));
  });

  it('names the field of a bad speaker', () => {
    expect(() => convert('esconv', { situation: 's', dialog: [{ text: 'x', speaker: 'bot' }] })).toThrow(/field `dialog\[0\]\.speaker`\): expected one of "usr", "sys" in an ESConv conversation, found the string "bot"/);
  });
});
