/**
 * ConvoKit's coordination markers: which of eight function-word categories an utterance shows.
 * The patterns are data (`lexicons/coordination/markers.txt`, ConvoKit's own file); this is the
 * scanner that reads text the way ConvoKit's `Coordination` does, quirks included, so that scores
 * match its own to the last bit:
 * - presence, not counts: a category is shown when any of its patterns matches;
 * - lowercased text, where only `[a-z0-9_]` are word characters; the straight apostrophe goes on
 *   inside a pattern (`i'm`), but a word is not started right after one within a word (`o'clock`
 *   has no `clock`), and a curly apostrophe ends a word (`I’m` is `i` and `m`);
 * - a pattern without a trailing `\b` is a prefix (`anybod` matches `anybody`);
 * - one word may count for several categories (`so` is conj and adverb).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowersToAscii } from '../segment/normalize.js';

/** ConvoKit's categories, in its order (a speaker's score sums its markers in this order). */
export const MARKERS = ['article', 'auxverb', 'conj', 'adverb', 'ppron', 'ipron', 'preps', 'quant'] as const;
export type Marker = (typeof MARKERS)[number];

/** A set of markers as bits, bit i for MARKERS[i]. */
export type MarkerSet = number;

const ALL_MARKERS: MarkerSet = (1 << MARKERS.length) - 1;

export function markersFile(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons', 'coordination', 'markers.txt');
}

/** Characters stay within ASCII in the patterns; other text never moves the scanner on. */
const ASCII = 128;
const APOSTROPHE = 0x27;
const NONE = -1;

/**
 * The patterns as a trie over ASCII, flat: `next[state * 128 + char]` is the next state or NONE,
 * `boundary[state]` the state after a word boundary (a pattern's `\b`), and `ends[state]` the
 * markers of the patterns that end there.
 */
export interface MarkerTrie {
  next: Int32Array;
  boundary: Int32Array;
  ends: Uint8Array;
}

/** Build the trie from the file's text: one `category<TAB>\bpat\b|\bpat|…` line per category. */
export function compileMarkers(text: string, file = 'markers.txt'): MarkerTrie {
  const states: Array<{ next: Map<number, number>; boundary: number; ends: number }> = [];
  const add = () => states.push({ next: new Map(), boundary: NONE, ends: 0 }) - 1;
  add();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const [category, patterns, ...rest] = line.replace(/\r$/, '').split('\t');
    const bit = MARKERS.indexOf(category as Marker);
    if (bit < 0 || patterns === undefined || rest.length > 0) {
      throw new Error(`${file}:${i + 1}: expected \`category<TAB>patterns\` with a category of ${MARKERS.join(', ')}, found \`${line.slice(0, 40)}\`.`);
    }
    for (const pattern of patterns.split('|')) {
      const word = pattern.replaceAll('\\b', '#');
      if (!/^#[a-z0-9_']+#?$/.test(word)) throw new Error(`${file}:${i + 1}: expected word patterns like \\bword\\b or \\bprefix, found \`${pattern}\`.`);
      let state = 0;
      for (const ch of word.slice(1)) {
        const s = states[state]!;
        if (ch === '#') {
          if (s.boundary === NONE) s.boundary = add();
          state = s.boundary;
          continue;
        }
        const code = ch.charCodeAt(0);
        let to = s.next.get(code);
        if (to === undefined) {
          to = add();
          s.next.set(code, to);
        }
        state = to;
      }
      states[state]!.ends |= 1 << bit;
    }
  });
  const trie: MarkerTrie = { next: new Int32Array(states.length * ASCII).fill(NONE), boundary: new Int32Array(states.length), ends: new Uint8Array(states.length) };
  states.forEach((s, i) => {
    for (const [code, to] of s.next) trie.next[i * ASCII + code] = to;
    trie.boundary[i] = s.boundary;
    trie.ends[i] = s.ends;
  });
  return trie;
}

let shipped: MarkerTrie | null = null;

/** The shipped markers, read once. */
export function loadMarkers(): MarkerTrie {
  shipped ??= compileMarkers(readFileSync(markersFile(), 'utf8'), markersFile());
  return shipped;
}

/** Per ASCII code: 1 for a word character (`[a-z0-9_]`, and `A-Z`, which are lowercased). */
const WORD = new Uint8Array(ASCII);
for (let c = 0; c < ASCII; c++) WORD[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;

/**
 * The markers `text` shows. One pass over its characters with ASCII lowercased inline; anything
 * outside ASCII is a non-word character, which is also what ConvoKit sees of it (a surrogate pair
 * is two such characters here and one there, which leaves the same state after the next one).
 */
export function markersOf(text: string, trie: MarkerTrie = loadMarkers()): MarkerSet {
  const { next, boundary, ends } = trie;
  const n = text.length;
  let found = 0;
  let state = NONE;
  let lastWord = false;
  let lastApostrophe = false;
  // A trailing space closes the last word, as in ConvoKit.
  for (let i = 0; i <= n; i++) {
    let c = i < n ? text.charCodeAt(i) : 0x20;
    if (state === NONE && lastWord) {
      // Inside a word no pattern follows: nothing can happen before the word ends.
      while (c < ASCII && WORD[c] === 1) c = ++i < n ? text.charCodeAt(i) : 0x20;
    }
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    // Read as ConvoKit does, from the lower-cased text: the same up to here, so read it from the start.
    else if (c >= ASCII && lowersToAscii(c)) return markersOf(text.toLowerCase(), trie);
    const word = c < ASCII && WORD[c] === 1;
    if (!lastWord && word && (!lastApostrophe || state === NONE)) state = 0;
    if (state !== NONE) {
      const to = c < ASCII ? next[state * ASCII + c]! : NONE;
      if (to !== NONE) {
        // An apostrophe inside a pattern (it's): the word before it has ended too (it).
        if (!word && boundary[state]! !== NONE) found |= ends[boundary[state]!]!;
        state = to;
      } else if (!word && lastWord && boundary[state]! !== NONE) {
        state = boundary[state]!;
      } else {
        state = NONE;
      }
    }
    if (state !== NONE) {
      found |= ends[state]!;
      // Markers are present or not: once every one is, the rest of the text changes nothing.
      if (found === ALL_MARKERS) return found;
    }
    lastWord = word;
    lastApostrophe = c === APOSTROPHE;
  }
  return found;
}

/** The names of a marker set, in ConvoKit's order. */
export function markerNames(set: MarkerSet): Marker[] {
  return MARKERS.filter((_, i) => (set & (1 << i)) !== 0);
}
