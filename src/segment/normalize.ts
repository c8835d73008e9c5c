/**
 * The matching form of a sentence: lower case, straight apostrophes, words and the end marks
 * `? . !` as space-separated tokens, with a space at each end. " so you want it in utc right ? "
 * Lexicon patterns compile to regular expressions over this form (see tag/pattern.ts).
 *
 * normalizeByRules() says what the form is, as a chain of replacements; normalize() computes the
 * same in one pass over the text, which matters when every line of a large log is read.
 * test/segment/normalize.test.ts checks that the two agree.
 */

const APOSTROPHES = /[\u2018\u2019\u02BC`´]/g;
// Anything that is not a letter, digit, apostrophe, hyphen inside a word, or an end mark.
const SEPARATORS = /[^\p{L}\p{N}'?!.-]+/gu;

/** The definition of the matching form. */
export function normalizeByRules(text: string): string {
  const lowered = text
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/\u2026/g, '.')
    .replace(SEPARATORS, ' ')
    // End marks become tokens of their own; runs collapse to one ("?!" reads as "?").
    .replace(/([?!.])[?!.]*/g, ' $1 ')
    // Hyphens and apostrophes only count inside words: "uh-huh" stays, " - " goes. A closing run
    // is tried from its first character only, so a long run costs its length, not its square.
    .replace(/(^|\s)['-]+|(?<!['-])['-]+(?=\s|$)/g, '$1 ');
  const tokens = lowered.split(/\s+/).filter(Boolean);
  return tokens.length ? ` ${tokens.join(' ')} ` : ' ';
}

/** What a character is to normalization and word counting. */
const enum Kind {
  Separator,
  /** A letter or digit. */
  Word,
  /** An apostrophe (any of them) or a hyphen: part of a word only inside one. */
  Joiner,
  /** `?` `!` `.` `…`. */
  EndMark,
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
// BMP code units, classified on first sight (255: not yet); astral code points in a map.
const BMP = new Uint8Array(0x10000).fill(255);
const ASTRAL = new Map<number, Kind>();

function classify(char: string): Kind {
  if (char === "'" || char === '-' || char === '`' || char === '\u2018' || char === '\u2019' || char === '\u02BC' || char === '\u00B4') return Kind.Joiner;
  if (char === '?' || char === '!' || char === '.' || char === '\u2026') return Kind.EndMark;
  return LETTER_OR_DIGIT.test(char) ? Kind.Word : Kind.Separator;
}

/** The kind of the code point at `i`, and its length in code units. */
function kindAt(text: string, i: number): Kind {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let kind = ASTRAL.get(point);
      if (kind === undefined) ASTRAL.set(point, (kind = classify(String.fromCodePoint(point))));
      return kind;
    }
  }
  let kind = BMP[code]!;
  if (kind === 255) BMP[code] = kind = classify(String.fromCharCode(code));
  return kind;
}

function widthAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** The tokens of the matching form, in order: words, and the end marks `?` `.` `!`. */
export function normTokens(text: string): string[] {
  return scan(text.toLowerCase(), false).tokens;
}

export function normalize(text: string): string {
  const tokens = normTokens(text);
  return tokens.length ? ` ${tokens.join(' ')} ` : ' ';
}

/** Words as the definition counts them: runs of letters and digits, joined by single `'`, `’` or `-`. */
export const WORD = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;

/** The number of WORD matches, counted in one pass. */
export function countWords(text: string): number {
  // Lower-casing keeps letters letters and digits digits; only the positions must stay put.
  const lower = text.toLowerCase();
  return lower.length === text.length ? scan(lower, true).words : scan(text, true).words;
}

/** countWords(text) and normTokens(text), in one pass when lower-casing keeps every position. */
export function wordsAndTokens(text: string): { words: number; tokens: string[] } {
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    const { words, tokens } = scan(lower, true, true);
    return { words, tokens };
  }
  return { words: countWords(text), tokens: scan(lower, false).tokens };
}

const OTHER_APOSTROPHES = /[\u2018\u2019\u02BC`\u00B4]/g;

// The kinds of ASCII characters, looked up without a call: most text is mostly ASCII.
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, code) => classify(String.fromCharCode(code)));

/**
 * One pass over lower-cased text: the WORD matches counted (when `count`), and the norm tokens
 * (when `withTokens`): runs of letters, digits and joiners stripped of joiners at the ends, and
 * runs of end marks as their first mark.
 */
function scan(lower: string, count: boolean, withTokens = !count): { words: number; tokens: string[] } {
  const tokens: string[] = [];
  const n = lower.length;
  let words = 0;
  // WORD: 0 outside a word, 1 inside one, 2 just after a joiner that may continue it.
  let state = 0;
  // The current run of letters, digits and joiners: whether there is one, and where it first and last had a letter or digit.
  let inRun = false;
  let firstWord = -1;
  let lastWordEnd = -1;
  let other = false;
  for (let i = 0; i <= n; ) {
    let code = 0;
    let kind: Kind = Kind.Separator;
    let width = 1;
    if (i < n) {
      code = lower.charCodeAt(i);
      if (code < 128) kind = ASCII_KIND[code]!;
      else {
        kind = kindAt(lower, i);
        width = widthAt(lower, i);
      }
    }
    if (kind === Kind.Word && code < 128) {
      // A run of ASCII letters and digits, most of any text, read in one go: it opens or goes on
      // with a word, and a token, as its first character does; then each character only extends them.
      if (count) {
        if (state === 0) words += 1;
        state = 1;
      }
      let j = i + 1;
      while (j < n) {
        const c = lower.charCodeAt(j);
        if (c >= 128 || ASCII_KIND[c] !== Kind.Word) break;
        j += 1;
      }
      if (withTokens) {
        inRun = true;
        if (firstWord < 0) firstWord = i;
        lastWordEnd = j;
      }
      i = j;
      continue;
    }
    if (count && i < n) {
      // U+02BC is a letter to WORD, though normalization reads it as an apostrophe.
      if (kind === Kind.Word || code === 0x02bc) {
        if (state === 0) words += 1;
        state = 1;
      } else state = state === 1 && (code === 0x27 || code === 0x2019 || code === 0x2d) ? 2 : 0;
    }
    if (withTokens) {
      if (i < n && (kind === Kind.Word || kind === Kind.Joiner)) {
        inRun = true;
        if (kind === Kind.Word) {
          if (firstWord < 0) firstWord = i;
          lastWordEnd = i + width;
        } else if (code !== 0x27 && code !== 0x2d) other = true;
      } else {
        if (inRun) {
          // The run, stripped of the joiners at its ends.
          if (firstWord >= 0) {
            const token = lower.slice(firstWord, lastWordEnd);
            tokens.push(other ? token.replace(OTHER_APOSTROPHES, "'") : token);
          }
          inRun = false;
          firstWord = -1;
          other = false;
        }
        if (kind === Kind.EndMark && i < n) {
          // A run of end marks is one token, its first mark; "…" reads as ".".
          tokens.push(code === 0x2026 ? '.' : lower[i]!);
          while (i + 1 < n && kindAt(lower, i + 1) === Kind.EndMark) i += 1;
        }
      }
    }
    i += width;
  }
  return { words, tokens };
}

/** Whether a UTF-16 code unit lower-cases to ASCII though it is not ASCII: `İ` (to i and a combining dot) and the Kelvin sign (to k). */
export function lowersToAscii(code: number): boolean {
  return code === 0x130 || code === 0x212a;
}

/** The tokens of a normalized sentence, end marks included (" could you ? " is `could`, `you`, `?`). */
export function tokensOf(norm: string): string[] {
  return norm.split(' ').filter((t) => t !== '');
}

/** The word tokens of a normalized sentence, without end marks. */
export function words(norm: string): string[] {
  return norm.split(' ').filter((t) => t !== '' && t !== '?' && t !== '.' && t !== '!');
}

/** words(normalize(text)), without building the norm. */
export function normWords(text: string): string[] {
  return normTokens(text).filter((t) => t !== '?' && t !== '.' && t !== '!');
}
