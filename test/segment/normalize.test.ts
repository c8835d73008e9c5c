/** The matching form of a sentence: lower-case word and end-mark tokens, a space at each end. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, normalize, normalizeByRules, normTokens, normWords, WORD, wordsAndTokens, words } from '../../src/segment/normalize.js';

describe('normalize', () => {
  const EXAMPLES: Array<[string, string]> = [
    ['So you want it in UTC, right?', ' so you want it in utc right ? '],
    ['Uh-huh.', ' uh-huh . '],
    ['It\u2019s fine\u2026', " it's fine . "],
    ['Wait?!', ' wait ? '],
    ['What??? Really!!', ' what ? really ! '],
    ['OK...', ' ok . '],
    [' - hello - ', ' hello '],
    ["'quoted'", ' quoted '],
    ['\u201CCurly\u201D', ' curly '],
    ['Caf\u00E9 au lait?', ' caf\u00E9 au lait ? '],
    ['e-mail me', ' e-mail me '],
    ['x -- y', ' x y '],
    ['A/B test', ' a b test '],
    ['Hi\u{1F44B}there', ' hi there '],
    ['Tabs\tand\nnew lines', ' tabs and new lines '],
    ['Don\u02BCt use `ticks\u00B4', " don't use ticks "],
    ['', ' '],
    ['   ', ' '],
  ];
  for (const [text, norm] of EXAMPLES) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(norm)}`, () => {
      expect(normalize(text)).toBe(norm);
    });
  }

  it('is idempotent', () => {
    for (const [text] of EXAMPLES) expect(normalize(normalize(text))).toBe(normalize(text));
  });

  it('always has single spaces between tokens and one at each end', () => {
    for (const [text] of EXAMPLES) {
      const norm = normalize(text);
      expect(norm).toMatch(/^ (?:\S+ )*$/);
    }
  });
});

describe('words', () => {
  it('gives the word tokens without end marks', () => {
    expect(words(normalize('So you want it in UTC, right?'))).toEqual(['so', 'you', 'want', 'it', 'in', 'utc', 'right']);
    expect(words(normalize('What??? Really!!'))).toEqual(['what', 'really']);
    expect(words(' ')).toEqual([]);
  });
});

describe('countWords', () => {
  const COUNTS: Array<[string, number]> = [
    ['Hello there. How are you?', 5],
    ["Don't worry, it\u2019s fine.", 4],
    ['uh-huh e-mail', 2],
    ['Caf\u00E9 na\u00EFve', 2],
    ['\u{1F600} \u{1F389}', 0],
    ['   ', 0],
    ['- * # > |', 0],
    ['2019 or 2021?', 3],
  ];
  for (const [text, n] of COUNTS) {
    it(`counts ${n} in ${JSON.stringify(text)}`, () => {
      expect(countWords(text)).toBe(n);
    });
  }

  it('gives the same count when called twice (no state left in the global regex)', () => {
    expect(countWords('one two three')).toBe(3);
    expect(countWords('one two three')).toBe(3);
  });
});

describe('the one-pass normalize and countWords', () => {
  // Characters every rule of the definition turns on: cases, apostrophes, end marks, joiners,
  // letters whose lower case changes length or depends on what follows, astral letters, lone surrogates.
  const CHARS = ['a', 'Z', '0', ' ', ' is', ' it', 'are ', 'you', 'so', "'", '-', '`', '?', '!', '.', ',', '\t', '\n', '"', '(', '_', 'é', 'É', 'Σ', 'ς', 'İ', 'ʼ', '´', '‘', '’', '…', '—', '‐', '😀', '𝐀', '\ud800', '\udc00', '中', '٣', 'Ⅻ', 'K', 'ß', 'ﬁ', '\u0307', '\u00a0', '\u3000'];
  const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 16 }).map((cs) => cs.join(''));
  const wordMatches = (t: string) => t.match(WORD)?.length ?? 0;

  it('gives what the definition gives, for any mix of the characters it turns on', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(normalize(t)).toBe(normalizeByRules(t));
        expect(countWords(t)).toBe(wordMatches(t));
        const both = wordsAndTokens(t);
        expect(both).toEqual({ words: wordMatches(t), tokens: normTokens(t) });
        expect(normWords(t)).toEqual(words(normalize(t)));
      }),
      { numRuns: 20_000 },
    );
  });
});
