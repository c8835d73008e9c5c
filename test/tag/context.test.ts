/**
 * Whether a sentence asks something (readsAsQuestion), which the lexicons' `question` condition
 * and several rules read: a final "?", or, for a sentence that simply stops, compromise's parse.
 */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/segment/sentences.js';
import { readsAsQuestion } from '../../src/tag/context.js';

const asks = (text: string) => readsAsQuestion(segment(text).sentences[0]!);

describe('readsAsQuestion', () => {
  it('reads a final question mark as a question, and other final punctuation as none', () => {
    expect(asks('You ran it twice?')).toBe(true);
    expect(asks('What happened when they did.')).toBe(false);
    expect(asks('When setting a table you should:')).toBe(false);
  });

  it('asks compromise about a sentence that simply stops', () => {
    expect(asks('what have you tried so far')).toBe(true);
    expect(asks('i tried the old config')).toBe(false);
  });

  it('reads past the fillers and conjunctions that open a spoken or casual question', () => {
    for (const text of ['so um how long have you been playing', 'and what happened then', 'well how did it go', 'uh do you have the file', 'Okay, so which one did you pick']) {
      expect(asks(text), text).toBe(true);
    }
    // What follows the fillers still has to ask: a statement stays one.
    for (const text of ['so you want it in utc', 'um', 'and then i restarted it', 'well i think it works']) expect(asks(text), text).toBe(false);
  });
});
