/** The affect of a turn: wink-nlp's sentiment, adjusted for intensifiers, sarcasm markers, social formulas and relief. */
import { describe, expect, it } from 'vitest';
import { AFFECT_CHARS, DOWNTONE, INTENSIFY, RELIEF_SCORE, adjustSentence, affectOf, ownProse } from '../../src/tag/affect.js';

describe('affectOf', () => {
  it('reads negative and positive feelings, and negation', () => {
    expect(affectOf('I feel terrible.')).toBeLessThan(-0.3);
    expect(affectOf('I feel much better now.')).toBeGreaterThan(0.3);
    expect(affectOf("I'm not happy.")).toBeLessThan(0);
    expect(affectOf('not bad at all')).toBeGreaterThan(0);
  });

  it('reads emoji and emoticons', () => {
    expect(affectOf('I am so sad :(')).toBeLessThan(0);
    expect(affectOf('That worked 😊')).toBeGreaterThan(0);
  });

  it('makes an intensified feeling stronger and a downtoned one weaker than the plain one', () => {
    const plain = affectOf('I feel terrible.');
    expect(affectOf('I feel very terrible.')).toBeCloseTo(Math.max(-1, plain * INTENSIFY), 10);
    expect(affectOf('I feel a bit terrible.')).toBeCloseTo(plain * DOWNTONE, 10);
  });

  it('turns praise marked as sarcasm against itself', () => {
    expect(affectOf('Great job /s')).toBeLessThan(0);
    expect(affectOf('Great job')).toBeGreaterThan(0);
  });

  it('counts a sentence that is only a social formula as neutral', () => {
    expect(affectOf('OK.')).toBe(0);
    expect(affectOf('Thank you so much!')).toBe(0);
    expect(affectOf('Thanks. I feel much better now.')).toBeGreaterThan(0);
    // The formula sentence counts 0 and still counts as a sentence: the mean is halved.
    expect(affectOf('Thanks. I feel much better now.')).toBeCloseTo(affectOf('I feel much better now.') / 2, 10);
  });

  it('reads a distress named as lessened as relief, not as the distress', () => {
    for (const text of ['I feel less anxious now.', "It's not as bad as I thought.", "Things aren't as hopeless now.", 'I am no longer scared.', 'I feel calmer.']) expect(affectOf(text), text).toBe(RELIEF_SCORE);
    // Downtoners and intensifiers apply after: a little less anxious is a little relief.
    expect(affectOf('I feel a little less anxious than I did.')).toBeCloseTo(RELIEF_SCORE * DOWNTONE, 10);
    // A question about relief, and relief negated, are not relief.
    expect(adjustSentence('How can I be less anxious?', -0.4)).toBe(-0.4);
    expect(adjustSentence("Working from home doesn't make it less stressful.", -0.4)).toBe(-0.4);
    expect(adjustSentence('Working from home makes it less stressful.', -0.4)).toBe(RELIEF_SCORE);
    // A stronger reading stands: relief only raises a sentence to RELIEF_SCORE.
    expect(affectOf('I am so happy and less stressed!')).toBeGreaterThan(RELIEF_SCORE);
  });

  it('reads only the speaker’s own prose: code and quotes are not their feelings', () => {
    expect(affectOf('```\nprint("I hate this, terrible awful bug")\n```')).toBe(0);
    expect(affectOf('> This is terrible and I hate it.')).toBe(0);
    expect(ownProse('Here:\n```\nawful\n```\nI love it.')).toBe('Here:\nI love it.');
  });

  it('reads at most AFFECT_CHARS of a turn', () => {
    expect(ownProse(`${'word '.repeat(AFFECT_CHARS)}I am happy.`)).toHaveLength(AFFECT_CHARS);
  });

  it('gives the same score whatever was read before (a fresh reading each time)', () => {
    const first = affectOf('When I do 20/100 I then feel awful.');
    for (let i = 0; i < 50; i += 1) affectOf(`Unusual words zxq${i} blorf${i} are happy and sad.`);
    expect(affectOf('When I do 20/100 I then feel awful.')).toBe(first);
  });

  it('is 0 for a turn with no prose of its own', () => {
    expect(affectOf('')).toBe(0);
    expect(affectOf('`code`')).toBe(0);
  });
});

describe('adjustSentence', () => {
  it('keeps scores within −1 and 1', () => {
    expect(adjustSentence('I am so very sad', -0.9)).toBe(-1);
    expect(adjustSentence('so happy', 0.9)).toBe(1);
  });

  it('leaves a neutral sentence neutral whatever it holds', () => {
    expect(adjustSentence('very /s', 0)).toBe(0);
  });
});
