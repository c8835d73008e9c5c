/**
 * The pattern language (see the top of src/tag/pattern.ts) and its safety: patterns run against
 * normalized sentences (" so you want it in utc right ? "), and no pattern, and nothing the
 * segmenter does, may take more than linear time on hostile input.
 */
import { describe, expect, it } from 'vitest';
import { toBlocks, maskInline } from '../../src/segment/markdown.js';
import { countWords, normalize } from '../../src/segment/normalize.js';
import { segment } from '../../src/segment/sentences.js';
import { compilePattern, GAP_WORDS, PatternError, phraseSource } from '../../src/tag/pattern.js';
import { ACTS } from '../../src/tag/registry.js';
import { withoutGaps } from '../helpers/gaps.js';
import { growth, LINEAR_LIMIT } from '../helpers/growth.js';

const SETS = { opener: ['oh', 'ah', 'all right'], odd: ['c++', 'a.b', 'uh-huh'] };

/** Whether `pattern` matches the normalized form of `text`. */
function matches(pattern: string, text: string): boolean {
  return compilePattern(pattern, SETS).test(normalize(text));
}

describe('compilePattern', () => {
  it('matches whole words anywhere in the sentence', () => {
    expect(matches('do you mean', 'So do you mean this one?')).toBe(true);
    expect(matches('do you mean', 'Do you mean it?')).toBe(true);
    expect(matches('do you mean', 'Do you meander?')).toBe(false);
    expect(matches('do you mean', 'Undo you mean?')).toBe(false);
    expect(matches('do you mean', 'You mean it?')).toBe(false);
  });

  it('keeps apostrophes, hyphens and digits inside words', () => {
    expect(matches("i'm not sure", 'I’m not sure.')).toBe(true);
    expect(matches('uh-huh', 'Uh-huh.')).toBe(true);
    expect(matches('uh-huh', 'Uh huh.')).toBe(false);
    expect(matches('the 2019 edition', 'The 2019 edition?')).toBe(true);
  });

  it('anchors `^` at the start of the sentence', () => {
    expect(matches('^ i see', 'I see now.')).toBe(true);
    expect(matches('^ i see', 'Oh, I see.')).toBe(false);
    expect(matches('i see', 'Oh, I see.')).toBe(true);
  });

  it('anchors `$` at the end, allowing `.` and `!` but not `?`', () => {
    expect(matches('^ i see $', 'I see')).toBe(true);
    expect(matches('^ i see $', 'I see.')).toBe(true);
    expect(matches('^ i see $', 'I see!!')).toBe(true);
    expect(matches('^ i see $', 'I see…')).toBe(true);
    expect(matches('^ i see $', 'I see?')).toBe(false);
    expect(matches('^ i see $', 'I see you.')).toBe(false);
  });

  it('treats `?` `.` `!` as the end marks themselves', () => {
    expect(matches('huh ? $', 'Huh?')).toBe(true);
    expect(matches('huh ? $', 'Huh?!')).toBe(true);
    expect(matches('huh ? $', 'Huh.')).toBe(false);
    expect(matches('^ right .', 'Right. Go on')).toBe(true);
  });

  it('makes `[…]` optional', () => {
    expect(matches('^ [just] to confirm', 'Just to confirm, UTC?')).toBe(true);
    expect(matches('^ [just] to confirm', 'To confirm, UTC?')).toBe(true);
    expect(matches('^ [just] to confirm', 'Only to confirm, UTC?')).toBe(false);
  });

  it('offers `(a|b c)` alternatives, nested in options', () => {
    expect(matches('(do|did) you mean', 'Did you mean it?')).toBe(true);
    expect(matches('(do|did) you mean', 'Does you mean it?')).toBe(false);
    expect(matches('^ (got it|makes sense) $', 'Makes sense.')).toBe(true);
    expect(matches('^ (got it|makes sense) $', 'Got it.')).toBe(true);
    expect(matches('^ (got it|makes sense) $', 'Got.')).toBe(false);
    const nested = '^ (do|did) you [really (mean|want)] that';
    expect(matches(nested, 'Do you really mean that?')).toBe(true);
    expect(matches(nested, 'Did you that?')).toBe(true);
    expect(matches(nested, 'Do you really that?')).toBe(false);
  });

  it(`bounds the gap \`*\` to zero to ${GAP_WORDS} words`, () => {
    expect(GAP_WORDS).toBe(4);
    expect(matches('^ so you * right ?', 'So you right?')).toBe(true);
    expect(matches('^ so you * right ?', 'So you want it right?')).toBe(true);
    expect(matches('^ so you * right ?', 'So you want it in UTC, right?')).toBe(true);
    expect(matches('^ so you * right ?', 'So you want it in UTC today, right?')).toBe(false);
  });

  it('reads gaps in a row as one gap of their summed length, compiled once', () => {
    expect(compilePattern('so * * right', SETS).source).toBe(` so (?:[^ ]+ ){0,${2 * GAP_WORDS}}right `);
    expect(matches('^ so you * * right ?', 'So you want it in UTC every day, right?')).toBe(true);
    expect(matches('^ so you * * right ?', 'So you want it in UTC every single day at noon, right?')).toBe(false);
    expect(() => compilePattern('* * *', SETS)).toThrow(PatternError);
  });

  it('expands `@set` to any phrase of the set, escaping what is not a word', () => {
    expect(matches('^ [@opener] i see $', 'Oh, I see.')).toBe(true);
    expect(matches('^ [@opener] i see $', 'All right, I see.')).toBe(true);
    expect(matches('^ [@opener] i see $', 'Well, I see.')).toBe(false);
    const odd = compilePattern('^ @odd $', SETS);
    expect(odd.test(' c++ ')).toBe(true);
    expect(odd.test(' a.b ')).toBe(true);
    expect(odd.test(' cc ')).toBe(false);
    expect(odd.test(' axb ')).toBe(false);
    expect(odd.test(' uh-huh . ')).toBe(true);
  });

  it('writes a set phrase as lower-case tokens, each followed by a space', () => {
    expect(phraseSource('All  Right')).toBe('all right ');
    expect(phraseSource(' c++ ')).toBe('c\\+\\+ ');
  });

  it('rejects what the language does not have, with a PatternError', () => {
    const bad = ['@missing', '(a|b)? c', 'huh ? now', '(a|b', '[a', 'a ^ b', 'a $ b', '* *', '^ * $', '(a|)', '()', 'A b', 'a+', 'a{2}', 'a\\b'];
    for (const source of bad) expect(() => compilePattern(source, SETS), source).toThrow(PatternError);
  });

  it('compiles to regular expressions whose only repeats are the bounded gap and the final end marks', () => {
    // A gap is whole space-delimited tokens, at most GAP_WORDS of them (a multiple, for gaps in a row); `$` allows trailing `.` `!`.
    const endMarks = '(?:[.!] )*$';
    for (const act of ACTS) {
      for (const entry of act.entries) {
        for (const p of entry.patterns) {
          const rest = withoutGaps(p.regex.source).replace(endMarks, '');
          expect(rest, `${entry.rule}: ${p.source}`).not.toMatch(/(?<!\\)[*+]|\{\d*,\d*\}/);
        }
      }
    }
  });
});

describe('safety on hostile input', () => {
  const patterns = ACTS.flatMap((act) => act.entries.flatMap((entry) => entry.patterns.map((p) => ({ rule: entry.rule, ...p }))));
  const SIZE = 100_000;

  // `n` characters each (100 KB in the offsets check): long runs of what the patterns and the markdown scanner look for.
  const hostile = (n: number) => [
    'a '.repeat(n / 2),
    'you '.repeat(n / 4) + '!',
    '?'.repeat(n),
    ' '.repeat(n),
    '`'.repeat(n),
    '"' + 'x'.repeat(n),
    'A' + ' '.repeat(n) + ':',
    'do you mean '.repeat(n / 12),
    'so you '.repeat(n / 7) + 'right ?',
    'i see . '.repeat(n / 8),
    '{'.repeat(n),
    '['.repeat(n),
    '<'.repeat(n),
    '\u201C'.repeat(n),
    'https://'.repeat(n / 8),
    '- '.repeat(n / 2),
    '**'.repeat(n / 2) + ':',
    'A ('.repeat(n / 3) + '): x',
    '\t'.repeat(n) + 'x',
    '`'.repeat(n / 2) + 'x' + '`'.repeat(n / 2),
    '```' + '\n'.repeat(n),
    "x'".repeat(n / 2),
  ];
  // What segment() is also given: quotes, line ends, one long word, a rule, questions.
  const turns = (n: number) => [...hostile(n), '> '.repeat(n / 2), '\r\n'.repeat(n / 2), 'x'.repeat(n), '-'.repeat(n), 'a?'.repeat(n / 2)];
  const linear = (what: string, ratio: number) => expect(ratio, `${what}: 8× the input took ${ratio.toFixed(1)}× the time`).toBeLessThan(8 * LINEAR_LIMIT);

  it('tells quadratic work from linear work (the check can fail)', () => {
    // Two greedy runs of the same thing, then a character that never comes: n² steps on n a's.
    const quadratic = /^a*a*b$/;
    expect(growth((n) => ['a'.repeat(n)], (s) => quadratic.exec(s), 4_000)).toBeGreaterThan(8 * LINEAR_LIMIT);
  });

  it('runs every lexicon pattern over raw and normalized hostile strings in linear time', () => {
    const forms = (n: number) => hostile(n).flatMap((s) => [s, normalize(s)]);
    const runAll = (form: string) => {
      for (const p of patterns) p.regex.exec(form);
    };
    linear(`${patterns.length} patterns`, growth(forms, runAll, SIZE));
  });

  it("runs the segmenter's regular expressions (blocks, masks, normalize, word count) over every hostile string in linear time", () => {
    const scan = (s: string) => {
      toBlocks(s);
      maskInline(s);
      normalize(s);
      countWords(s);
    };
    linear('the segmenter', growth(hostile, scan, SIZE));
  });

  it('segments hostile turns in linear time', () => {
    linear('segment', growth(turns, (s) => segment(s), SIZE));
  });

  it('keeps the offsets of every sentence of a hostile 100 KB turn', () => {
    for (const text of turns(SIZE)) {
      const { sentences } = segment(text);
      expect(sentences.filter((s) => text.slice(s.start, s.end) !== s.text)).toEqual([]);
    }
  });
});
