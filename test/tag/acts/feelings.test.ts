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

  it('skips a phrase the list marks with ! though it holds a listed word', () => {
    const excepting = compileFeelings('feel\nfeeling\n!feel free\n');
    for (const text of ['Feel free to contact me.', 'feel  free']) expect(excepting.test(text), text).toBe(false);
    for (const text of ['I feel lost.', 'feeling free at last', 'feel free? I feel trapped.']) expect(excepting.test(text), text).toBe(true);
    expect(() => compileFeelings('!feel free\n')).toThrow(/empty/);
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

  it("counts only the person's own feeling: a first-person sentence or a short fragment, not a story or a prompt", () => {
    for (const text of ['Lately I feel so lonely.', 'Honestly, my anxiety is through the roof these days.', 'We are all really worried about dad.', 'Very lonely.', 'Write a poem. I’m so stressed about exams though.']) expect(voicesFeeling(text), text).toBe(true);
    for (const text of ['The villagers have been living in constant fear of the dragon.', 'She felt nauseous after the long ride home.', 'Feel free to be harsh in your critique of this essay.', 'Write a paragraph with an angry tone about traffic.']) expect(voicesFeeling(text), text).toBe(false);
    // The sentence is the feeling's own: a first person elsewhere in the turn does not open it.
    expect(voicesFeeling('I need a story for class. The hero is afraid of the dark and hides in the attic.')).toBe(false);
  });

  it('reads only the opening 2,000 characters of a turn', () => {
    expect(voicesFeeling(`${'x '.repeat(1100)}I feel sad.`)).toBe(false);
    expect(voicesFeeling(`I feel sad. ${'x '.repeat(1100)}`)).toBe(true);
  });
});
