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

/**
 * Norm tokens to look out for while a text is counted, without building every token: single
 * tokens or pairs of consecutive ones ("are you"); some anywhere, some only where a sentence may
 * start (the text's first token, or one after an end mark).
 */
export class TokenWatch {
  private readonly anywhere = new Set<string>();
  private readonly atStart = new Set<string>();
  // Which (first code unit, length) shapes a watched token, or the first or second of a pair, has:
  // most tokens are ruled out by these before any string is made.
  private readonly opens = new Uint8Array(256 * 32);
  private readonly closes = new Uint8Array(256 * 32);

  constructor(anywhere: Iterable<readonly string[]>, atStart: Iterable<readonly string[]>) {
    for (const [set, sequences] of [[this.anywhere, anywhere], [this.atStart, atStart]] as const) {
      for (const sequence of sequences) {
        if (sequence.length < 1 || sequence.length > 2) throw new Error(`TokenWatch: expected one or two tokens, found ${JSON.stringify(sequence)}`);
        set.add(sequence.join(' '));
        this.opens[TokenWatch.shape(sequence[0]!)] = 1;
        if (sequence[1] !== undefined) this.closes[TokenWatch.shape(sequence[1])] = 1;
      }
    }
  }

  private static shape(token: string): number {
    return TokenWatch.shapeOf(token.charCodeAt(0), token.length);
  }

  private static shapeOf(first: number, length: number): number {
    return (first & 255) * 32 + Math.min(length, 31);
  }

  /** Whether a token of this first code unit and length may be watched alone or open a watched pair. */
  mayOpen(first: number, length: number): boolean {
    return this.opens[TokenWatch.shapeOf(first, length)] === 1;
  }

  /** Whether a token of this first code unit and length may close a watched pair. */
  mayClose(first: number, length: number): boolean {
    return this.closes[TokenWatch.shapeOf(first, length)] === 1;
  }

  /** Whether the token, or the pair ending in it (`prev` null when none), is watched. */
  watches(token: string, atStart: boolean, prev: string | null, prevAtStart: boolean): boolean {
    if (this.anywhere.has(token) || (atStart && this.atStart.has(token))) return true;
    if (prev === null) return false;
    const pair = `${prev} ${token}`;
    return this.anywhere.has(pair) || (prevAtStart && this.atStart.has(pair));
  }
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

/** countWords(text), and whether any watched token stands in its norm, in one pass; no token is kept. */
export function wordsAndWatch(text: string, watch: TokenWatch): { words: number; watched: boolean } {
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    const { words, watched } = scan(lower, true, false, watch);
    return { words, watched };
  }
  return { words: countWords(text), watched: scan(lower, false, false, watch).watched };
}

const OTHER_APOSTROPHES = /[\u2018\u2019\u02BC`\u00B4]/g;

// The kinds of ASCII characters, looked up without a call: most text is mostly ASCII.
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, code) => classify(String.fromCharCode(code)));

/**
 * One pass over lower-cased text: the WORD matches counted (when `count`); the norm tokens, kept
 * (`withTokens`) or looked up in `watch`: runs of letters, digits and joiners stripped of joiners
 * at the ends, and runs of end marks as their first mark.
 */
function scan(lower: string, count: boolean, withTokens = !count, watch?: TokenWatch): { words: number; tokens: string[]; watched: boolean } {
  const tokens: string[] = [];
  const tokenize = withTokens || watch !== undefined;
  const n = lower.length;
  let words = 0;
  let watched = false;
  // Whether the next token may open a sentence: the first one, or one after an end mark.
  let atStart = true;
  // The token before, when it may open a watched pair, and whether it opened a sentence.
  let prev: string | null = null;
  let prevAtStart = false;
  // WORD: 0 outside a word, 1 inside one, 2 just after a joiner that may continue it.
  let state = 0;
  // The current run of letters, digits and joiners: from `from` (-1 when none), and where it last had a letter or digit.
  let from = -1;
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
    if (count && i < n) {
      // U+02BC is a letter to WORD, though normalization reads it as an apostrophe.
      if (kind === Kind.Word || code === 0x02bc) {
        if (state === 0) words += 1;
        state = 1;
      } else state = state === 1 && (code === 0x27 || code === 0x2019 || code === 0x2d) ? 2 : 0;
    }
    if (tokenize) {
      if (i < n && (kind === Kind.Word || kind === Kind.Joiner)) {
        if (from < 0) from = i;
        if (kind === Kind.Word) {
          if (firstWord < 0) firstWord = i;
          lastWordEnd = i + width;
        } else if (code !== 0x27 && code !== 0x2d) other = true;
      } else {
        if (from >= 0) {
          // The run, stripped of the joiners at its ends.
          if (firstWord >= 0) {
            const first = lower.charCodeAt(firstWord);
            const length = lastWordEnd - firstWord;
            const opens = !withTokens && watch!.mayOpen(first, length);
            const closes = !withTokens && prev !== null && watch!.mayClose(first, length);
            if (withTokens || other || opens || closes) {
              let token = lower.slice(firstWord, lastWordEnd);
              if (other) token = token.replace(OTHER_APOSTROPHES, "'");
              if (withTokens) tokens.push(token);
              else if (!watched && watch!.watches(token, atStart, closes ? prev : null, prevAtStart)) watched = true;
              prev = opens ? token : null;
            } else prev = null;
            prevAtStart = atStart;
            atStart = false;
          }
          from = -1;
          firstWord = -1;
          other = false;
        }
        if (kind === Kind.EndMark && i < n) {
          // A run of end marks is one token, its first mark; "…" reads as ".".
          const mark = code === 0x2026 ? '.' : lower[i]!;
          if (withTokens) tokens.push(mark);
          else if (!watched && watch!.watches(mark, atStart, null, false)) watched = true;
          atStart = true;
          prev = null;
          while (i + 1 < n && kindAt(lower, i + 1) === Kind.EndMark) i += 1;
        }
      }
    }
    i += width;
  }
  return { words, tokens, watched };
}

/** The tokens of a normalized sentence, end marks included (" could you ? " is `could`, `you`, `?`). */
export function tokensOf(norm: string): string[] {
  return norm.split(' ').filter((t) => t !== '');
}

/** The word tokens of a normalized sentence, without end marks. */
export function words(norm: string): string[] {
  return norm.split(' ').filter((t) => t !== '' && t !== '?' && t !== '.' && t !== '!');
}
