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
});
