/**
 * The matching form of a sentence: lower case, straight apostrophes, words and the end marks
 * `? . !` as space-separated tokens, with a space at each end. " so you want it in utc right ? "
 * Lexicon patterns compile to regular expressions over this form (see tag/pattern.ts).
 */

const APOSTROPHES = /[\u2018\u2019\u02BC`´]/g;
// Anything that is not a letter, digit, apostrophe, hyphen inside a word, or an end mark.
const SEPARATORS = /[^\p{L}\p{N}'?!.-]+/gu;

export function normalize(text: string): string {
  const lowered = text
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/\u2026/g, '.')
    .replace(SEPARATORS, ' ')
    // End marks become tokens of their own; runs collapse to one ("?!" reads as "?").
    .replace(/([?!.])[?!.]*/g, ' $1 ')
    // Hyphens and apostrophes only count inside words: "uh-huh" stays, " - " goes.
    .replace(/(^|\s)['-]+|['-]+(?=\s|$)/g, '$1 ');
  const tokens = lowered.split(/\s+/).filter(Boolean);
  return tokens.length ? ` ${tokens.join(' ')} ` : ' ';
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n += 1;
  return n;
}

/** The word tokens of a normalized sentence, without end marks. */
export function words(norm: string): string[] {
  return norm.split(' ').filter((t) => t !== '' && t !== '?' && t !== '.' && t !== '!');
}
