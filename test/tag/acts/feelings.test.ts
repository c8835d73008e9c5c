/**
 * The feelings and hardships that open the gate of the model's reassurance (lexicons/en/feelings.txt):
 * how the word list is read, and what the shipped list holds.
 */
import { describe, expect, it } from 'vitest';
import { compileFeelings, voicesFeeling } from '../../../src/tag/acts/reassurance.js';

describe('compileFeelings', () => {
  const list = compileFeelings('# a comment\n\nsad\ndepress*\nhard time\ncan\'t sleep\n');

  it('matches whole words and phrases, case-insensitively, with any ending after a trailing *', () => {
    for (const text of ['I am SAD today', 'feeling depressed', 'my depression', 'a really hard   time', 'I can’t sleep', "I can't sleep"]) expect(list.test(text), text).toBe(true);
    for (const text of ['saddle', 'undepressed', 'hard times ahead? no: hardtime', 'I can sleep']) expect(list.test(text), text).toBe(false);
  });

  it('refuses an empty list', () => {
    expect(() => compileFeelings('# nothing\n')).toThrow(/empty/);
  });
});

describe('voicesFeeling', () => {
  it('finds a feeling or a hardship a user voices, and none in a request', () => {
    for (const text of ['I have been having such a hard time falling asleep at night.', 'My girlfriend dumped me.', 'Not so good, to be honest.', 'I am really stressed about work']) expect(voicesFeeling(text), text).toBe(true);
    for (const text of ['Write a function that sorts a list.', 'Translate this into French.', 'What is the capital of Peru?']) expect(voicesFeeling(text), text).toBe(false);
  });

  it('reads only the opening 2,000 characters of a turn', () => {
    expect(voicesFeeling(`${'x '.repeat(1100)}I feel sad.`)).toBe(false);
    expect(voicesFeeling(`I feel sad. ${'x '.repeat(1100)}`)).toBe(true);
  });
});
