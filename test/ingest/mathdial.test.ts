import { describe, expect, it } from 'vitest';
import { convert, fixture, run, texts } from './helpers.js';

describe('mathdial', () => {
  it('splits on |EOM|, maps Teacher to assistant and the student (by any name) to user, keeping the move', async () => {
    const { conversations, accounts } = await run([fixture('mathdial', 'test.jsonl')]);
    expect(accounts[0]).toMatchObject({ format: 'mathdial', records: 2, analyzed: 2, turnsSkipped: { empty: 1 } });
    const [c] = conversations;
    expect(c!.id).toBe('42:1');
    expect(texts(c!)).toEqual([
      'assistant: Hi Lena, walk me through your answer',
      'user: I added 3 and 4 and got 8.',
      'assistant: What is 3 + 4 if you count on your fingers?',
      'user: Oh, it is 7.',
      'assistant: Yes, 7 apples.',
    ]);
    expect(c!.turns.map((t) => t.meta.move)).toEqual(['generic', undefined, 'probing', undefined, 'telling']);
    expect(c!.turns.map((t) => t.speaker)).toEqual(['teacher', 'student', 'teacher', 'student', 'teacher']);
    expect(c!.meta).toEqual({ corpus: 'mathdial', qid: 42, scenario: 1 });
    expect(conversations[1]!.id).toBe('43:2');
  });

  it('rejects a message without a speaker', () => {
    expect(() => convert('mathdial', { qid: 1, conversation: 'Teacher: (focus)hi|EOM|(no speaker here)' })).toThrow(/field `conversation`\): expected each \|EOM\|-separated message to start `Teacher:` or `Student:`, found message 2/);
  });
});
