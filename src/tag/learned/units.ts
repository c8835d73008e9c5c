/**
 * What the learned model reads: units, sentence-like spans of a block cut where an end mark
 * stands before a space or the block's end ("Got it. Which file?" is two units; "3.5" and
 * "v1.2.3" are not cut). Units need no wink-nlp: splitting a block with it costs a hundred times
 * more, and the model reads the opening and closing units of every turn. A finding still names
 * the sentence wink-nlp finds around its unit, so `grounding tag` offsets stay sentences.
 *
 * Which units are read is fixed here, the same for every path through the tagger:
 *   - every unit of a short turn (at most SHORT_TURN_WORDS words: an utterance, a typed question);
 *   - in a longer turn, its opening unit ("I apologize for the confusion."), every question of its
 *     closing block ("Which version do you use?"), and every unit inside a sentence some cue or
 *     rule could tag (tag/candidates.ts): "Please share the error message." at the end of a long
 *     reply is read because a cue stands in it, not because it closes the reply.
 * Units in text that is not the speaker's own (the middle of an artefact written on request, a
 * drafted letter) are not read, as the rules do not read those sentences.
 */
import type { Block } from '../../segment/markdown.js';
import { normalize } from '../../segment/normalize.js';
import { SHORT_TURN_WORDS } from '../context.js';

export interface Unit {
  /** The block it stands in. */
  block: number;
  /** Offsets into the turn text, end exclusive. */
  start: number;
  end: number;
  /** The matching form (segment/normalize.ts). */
  norm: string;
  /** Where it stands in the turn's own text. */
  first: boolean;
  last: boolean;
  /** In the turn's closing block, or anywhere in a short turn. */
  closing: boolean;
}

const isEndMark = (c: number) => c === 46 || c === 33 || c === 63 || c === 0x2026; // . ! ? …
// Closing quotes and brackets may stand between an end mark and the space: `He said "fine." Then…`
const isCloser = (c: number) => c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019;
const isSpace = (c: number) => c === 32 || c === 9;

const END_MARK = /[.!?\u2026]/g;

/** The [start, end) ranges of a block's units, relative to the block, trimmed of spaces; empty units left out. */
export function unitRanges(masked: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let from = 0;
  const push = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && isSpace(masked.charCodeAt(a))) a += 1;
    while (b > a && isSpace(masked.charCodeAt(b - 1))) b -= 1;
    if (b > a) ranges.push([a, b]);
  };
  // The regex only jumps to the next end mark; the loop reads the run after it.
  END_MARK.lastIndex = 0;
  for (let m = END_MARK.exec(masked); m !== null; m = END_MARK.exec(masked)) {
    let j = m.index + 1;
    while (j < masked.length && isEndMark(masked.charCodeAt(j))) j += 1;
    while (j < masked.length && isCloser(masked.charCodeAt(j))) j += 1;
    if (j === masked.length || isSpace(masked.charCodeAt(j))) {
      push(j);
      from = j;
    }
    END_MARK.lastIndex = j;
  }
  push(masked.length);
  return ranges;
}

/** What choosing units needs to know of a turn. */
export interface UnitSource {
  blocks: readonly Block[];
  words: number;
  /** Whether a block is the speaker's own text (see the header). */
  own(block: number): boolean;
  /** Offsets of the sentences some cue or rule could tag: units inside them are read. */
  candidates: ReadonlyArray<readonly [number, number]>;
}

// What survives normalization (as in segment/turn.ts): a range without any of these is no unit.
const SAYS_SOMETHING = /(?!\u02BC)[\p{L}\p{N}?!.\u2026]/u;

function sayableRanges(block: Block): Array<[number, number]> {
  return unitRanges(block.masked).filter(([a, b]) => SAYS_SOMETHING.test(block.masked.slice(a, b)));
}

/**
 * The units the model reads in one turn, in text order. Only the blocks that can hold a read unit
 * are cut: in a long turn, its first and last blocks of its own and those holding a candidate.
 */
export function readUnits(source: UnitSource): Unit[] {
  const { blocks } = source;
  const short = source.words <= SHORT_TURN_WORDS;
  const cut = new Map<number, Array<[number, number]>>();
  const rangesOf = (i: number) => {
    let ranges = cut.get(i);
    if (!ranges) cut.set(i, (ranges = sayableRanges(blocks[i]!)));
    return ranges;
  };
  let firstBlock = -1;
  for (let i = 0; i < blocks.length && firstBlock < 0; i += 1) if (source.own(i) && rangesOf(i).length > 0) firstBlock = i;
  if (firstBlock < 0) return [];
  let lastBlock = -1;
  for (let i = blocks.length - 1; i >= firstBlock && lastBlock < 0; i -= 1) if (source.own(i) && rangesOf(i).length > 0) lastBlock = i;
  const read = new Set<number>(short ? blocks.filter((b) => source.own(b.index)).map((b) => b.index) : [firstBlock, lastBlock]);
  if (!short) {
    for (const [s, e] of source.candidates) for (const b of blocks) if (b.start < e && b.end > s && source.own(b.index)) read.add(b.index);
  }
  const units: Unit[] = [];
  for (const i of [...read].sort((a, b) => a - b)) {
    const block = blocks[i]!;
    const ranges = rangesOf(i);
    ranges.forEach(([a, z], k) => {
      const first = i === firstBlock && k === 0;
      const last = i === lastBlock && k === ranges.length - 1;
      const start = block.start + a;
      const end = block.start + z;
      const closing = short || i === lastBlock;
      const question = closing && /\?["'\u201D\u2019)\]]*$/.test(block.masked.slice(a, z));
      const inCandidate = !short && source.candidates.some(([s, e]) => start < e && end > s);
      // A long turn's closing unit is read when it asks or a cue stands in it: statements closing a long reply are its content.
      if (short || first || question || inCandidate) units.push({ block: i, start, end, norm: normalize(block.masked.slice(a, z)), first, last, closing });
    });
  }
  return units;
}
