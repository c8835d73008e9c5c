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

  it('reads a casual question past the openers and fillers before it', () => {
    // compromise finds no question in these with their openers left on.
    expect(asks('so um how long have you been playing')).toBe(true);
    expect(asks('well how did it go')).toBe(true);
    expect(asks('and what happened then')).toBe(true);
    expect(asks('Sorry - which file')).toBe(true);
    expect(asks('so that is the plan')).toBe(false);
    expect(asks('ok so')).toBe(false);
    // An opener's letters inside a word are the word's: "nowhere" is not "now".
    expect(asks('nowhere to go')).toBe(false);
  });
});
