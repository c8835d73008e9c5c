/** Whether wink-nlp's sentiment could score a text: the check affect runs before reading a turn, exact or it changes affect. */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreshWink, sentimentForms, winkVersions } from '../../src/segment/sentences.js';
import { affectWords, chooseWord, compileAffectWords, mayHoldSentiment } from '../../src/tag/affect-words.js';
import { RELIEF_SCORE, affectOf, ownProse } from '../../src/tag/affect.js';
import { ingest } from '../../src/ingest/index.js';

const reader = new FreshWink(['sbd', 'negation', 'sentiment']);
/** wink-nlp's sentiment of each sentence of a text. */
const sentenceScores = (text: string) => reader.read(text, (doc, its) => doc.sentences().out(its.sentiment) as unknown as number[]);
const scoresNothing = (text: string) => sentenceScores(text).every((s) => s === 0);

const forms = sentimentForms(chooseWord);

describe('chooseWord', () => {
  it('looks for the rarest word of a pattern: no punctuation, digit or common word where another stands', () => {
    expect(chooseWord(['for', 'sure'])).toBe(1);
    expect(chooseWord(['as', 'luck', 'would', 'have', 'it'])).toBe(1);
    expect(chooseWord(['1', 'out', 'of', '10'])).toBe(1);
    expect(chooseWord(['able', '-', 'bodied'])).toBe(2);
    expect(chooseWord(['happy'])).toBe(0);
  });
});

describe('mayHoldSentiment', () => {
  const words = affectWords(['happy', 'gr8', 'cannot', ':)', "can't", 'o.k.', 'naïve', '❤']);

  it('sorts the forms into whole words and those found from a character', () => {
    expect([...words.words].sort()).toEqual(['cannot', 'gr8', 'happy']);
    expect(words.keyed.get("'")).toEqual([{ form: "can't", at: 3 }]);
    expect(words.keyed.get(':')).toEqual([{ form: ':)', at: 0 }]);
    expect(words.keyed.get('.')).toEqual([{ form: 'o.k.', at: 1 }]);
  });

  it('finds a word whole, in any case, and anywhere in a run the tokenizer may cut', () => {
    for (const text of ['I am happy', 'HAPPY!', '(happy)', 'so-happy', 'gr8 job', 'I cannot']) expect(mayHoldSentiment(text, words), text).toBe(true);
    // wink-nlp reads "2nd", "5pm", "USD", "US$" and ":D" out of a run, and the rest as a word.
    for (const text of ['5happy', 'happy2', '2ndhappy', '5pmhappy', 'USDhappy', 'happyUS$', ':Dhappy', ';-Phappy', 'gr8t']) expect(mayHoldSentiment(text, words), text).toBe(true);
    // Inside a longer run of letters a word is another word.
    for (const text of ['unhappy', 'happyness', 'xhappy', 'i can not', '']) expect(mayHoldSentiment(text, words), text).toBe(false);
  });

  it('finds any other form anywhere', () => {
    for (const text of ['ok :)', 'x:)y', "I can't", "WE CAN'T", 'o.k. then', 'a naïve view', 'I ❤ it']) expect(mayHoldSentiment(text, words), text).toBe(true);
    for (const text of ['ok :(', 'can not', 'ok then', 'naive']) expect(mayHoldSentiment(text, words), text).toBe(false);
  });

  it('lets every text through without forms (a model version it does not know), and text whose lower case is ASCII though it is not', () => {
    expect(mayHoldSentiment('nothing here', null)).toBe(true);
    expect(mayHoldSentiment('\u212aind words', words)).toBe(true);
  });
});

describe.runIf(forms !== null)('the forms of the installed English model', () => {
  const found = affectWords(forms!);

  it('hold its sentiment words, spellings it maps and contractions that expand to them', () => {
    for (const form of ['happy', 'hate', ':)', 'luck', 'fave', 'naïve', 'cannot']) expect(forms, form).toContain(form);
    // "for sure" is looked for by "sure"; "for" alone scores nothing.
    expect(forms).not.toContain('for');
  });

  it('are what the build wrote', () => {
    const file = new URL('../../dist/affect-words.json', import.meta.url);
    expect(existsSync(file), 'npm run build writes dist/affect-words.json').toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(compileAffectWords());
    expect(JSON.parse(compileAffectWords()).wink).toBe(winkVersions());
  });

  it('miss no text wink-nlp scores: each form in a sentence, glued to letters, digits and punctuation', () => {
    // Every 5th form, and every form that is not a plain word.
    const sample = forms!.filter((f, i) => i % 5 === 0 || !/^[a-z0-9]+$/.test(f));
    for (const form of sample) {
      for (const text of [`I feel ${form} today.`, `${form.toUpperCase()}!`, `x${form}y`, `7${form}`, `"${form}"`, `it's-${form}'s`]) {
        if (!mayHoldSentiment(text, found)) expect(scoresNothing(text), text).toBe(true);
      }
    }
  });

  it('miss no text wink-nlp scores, of random text made of its words and anything else', () => {
    const pieces = [
      ...forms!.filter((_, i) => i % 40 === 0),
      ...['I', 'you', 'not', 'very', 'the', 'a', 'it', 'so', 'do', 'n\u2019t', "n't", "'s", "'m", 'gonna', 'wanna', 'cannot', 'can', 'st.', 'e.g.', 'Mr.'],
      ...['ü', 'é', 'ß', 'Σ', 'İ', 'ñ', '中文', 'щ', '\u0301'],
      ...['.', ',', '!', '?', ':', ';', '(', ')', '-', '–', "'", '\u2019', '"', '/', '\\', '#', '@', '$', '&', '<', '3', '10', '2nd', '5pm', '80s', 'USD', 'US', 'D', 'P', 'o', 'x', 'http://', '😊', '❤️', '👍🏽', '...', '\u00a0', '\t', '\n'],
    ];
    const text = fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(' ', '', ' ', '\n')), { maxLength: 12 }).map((ps) => ps.map(([p, sep]) => p + sep).join(''));
    fc.assert(
      fc.property(text, (t) => !mayHoldSentiment(t, found) ? scoresNothing(t) : true),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('miss no turn of the shipped samples that wink-nlp scores, and let affect skip many', async () => {
    const { conversations } = await ingest([new URL('../../corpora/samples', import.meta.url).pathname], { format: 'auto', skipInvalid: false });
    let turns = 0;
    let skipped = 0;
    for await (const conversation of conversations) {
      for (const turn of conversation.turns) {
        const prose = ownProse(turn.text);
        turns += 1;
        if (mayHoldSentiment(prose, found)) continue;
        skipped += 1;
        expect(scoresNothing(prose), prose).toBe(true);
      }
    }
    expect(turns).toBeGreaterThan(20);
    expect(skipped).toBeGreaterThan(0);
  });
});

describe('affect without reading', () => {
  it('still finds relief, which scores without a sentiment word', () => {
    expect(mayHoldSentiment('I am calmer.')).toBe(false);
    expect(affectOf('I am calmer.')).toBe(RELIEF_SCORE);
  });

  it('gives 0 to a turn with no sentiment word, as reading it would', () => {
    const text = 'Write the function in Python with a docstring.';
    expect(mayHoldSentiment(text)).toBe(false);
    expect(scoresNothing(text)).toBe(true);
    expect(affectOf(text)).toBe(0);
  });
});
