/**
 * A turn segmented on demand, for tagging at scale. Cutting a turn into blocks and counting its
 * words is cheap; splitting a block into sentences with wink-nlp is not, and most blocks hold no
 * act. Here a block is split only when its sentences are read, and what the tagger asks of the
 * whole turn comes from cheap tests that give what splitting would, for two reasons:
 *
 * - wink-nlp's sentences cover every token of a block, and its tokens reproduce the text, except
 *   where a block has whitespace other than spaces and tabs (no-break, ideographic spaces…).
 * - It ends a sentence only at a `.` `!` `?` token or an abbreviation ending in `.` (or up to two
 *   tokens after one: closing brackets and quotes; after an abbreviation, a word followed by `.`).
 *
 * So a block with no `.` `!` `?` is one sentence; a block holds a sentence exactly when it has a
 * letter, digit or end mark (what survives normalization); and normalizing a whole block gives the
 * word tokens of its sentences, in order, with an end mark wherever one sentence ends and the next
 * begins. Blocks where that may not hold (SPLIT_ONLY) are always split. test/segment/turn.test.ts
 * checks every answer against splitting, on the fixtures and the real corpora.
 */
import { toBlocks, type Block } from './markdown.js';
import { normalize, normTokens, tokensOf, wordsAndTokens } from './normalize.js';
import { blockSentences, type Sentence } from './sentences.js';

// Whitespace wink-nlp's tokens do not reproduce (everything but spaces and tabs), and the capital
// sigma, whose lower case depends on what follows it, so a block lower-cased whole can read
// differently from its sentences lower-cased apart ("ΟΔΟΣ.ΑΒ").
const SPLIT_ONLY = /[^\S \t]|\u03A3/;
const END_MARK = /[.!?]/;
// What survives normalization (see normalize.ts); U+02BC is a letter that becomes an apostrophe.
const SAYS_SOMETHING = /(?!\u02BC)[\p{L}\p{N}?!.\u2026]/u;

export class SegmentedTurn {
  readonly blocks: readonly Block[];
  /** Words outside masked spans, as segment() counts them. */
  readonly words: number;
  private readonly split: Array<Sentence[] | undefined> = [];
  private readonly tokenLists: Array<string[] | undefined> = [];
  private readonly norms: Array<string | undefined> = [];
  /** offsets[i]: sentences in the blocks before block i, known for i < offsets.length. */
  private readonly offsets: number[] = [0];
  private all: Sentence[] | undefined;
  private first: number | undefined;
  private last: number | undefined;

  private readonly onlySplit: boolean[];

  /** Each block is counted and normalized into tokens in one pass. */
  constructor(readonly text: string) {
    this.blocks = toBlocks(text);
    this.onlySplit = this.blocks.map((b) => SPLIT_ONLY.test(b.masked));
    let words = 0;
    this.blocks.forEach((block, i) => {
      const scanned = wordsAndTokens(block.masked);
      words += scanned.words;
      if (!this.onlySplit[i]) this.tokenLists[i] = scanned.tokens;
    });
    this.words = words;
  }

  /** Whether only splitting the block tells its sentences, and what they hold (see SPLIT_ONLY). */
  splitOnly(i: number): boolean {
    return this.onlySplit[i]!;
  }

  /** Whether the block's sentences are known without wink-nlp: one sentence (or none), reproduced exactly. */
  private plain(i: number): boolean {
    return !END_MARK.test(this.blocks[i]!.masked) && !this.splitOnly(i);
  }

  hasSentence(i: number): boolean {
    return this.splitOnly(i) ? this.sentencesOf(i).length > 0 : SAYS_SOMETHING.test(this.blocks[i]!.masked);
  }

  sentenceCount(i: number): number {
    if (this.split[i] === undefined && this.plain(i)) return this.hasSentence(i) ? 1 : 0;
    return this.sentencesOf(i).length;
  }

  /** How many sentences come before block `i`: the index of its first sentence in the turn. */
  offset(i: number): number {
    while (this.offsets.length <= i) {
      const k = this.offsets.length - 1;
      this.offsets.push(this.offsets[k]! + this.sentenceCount(k));
    }
    return this.offsets[i]!;
  }

  /** The block's sentences, exactly as segment() gives them; `index` is worked out when read. */
  sentencesOf(i: number): Sentence[] {
    let sentences = this.split[i];
    if (sentences) return sentences;
    const block = this.blocks[i]!;
    const local = this.plain(i) ? this.plainSentence(block) : blockSentences(this.text, block, 0);
    sentences = local.map((s) => {
      const within = s.index;
      return Object.defineProperty(s, 'index', { get: () => this.offset(i) + within, enumerable: true, configurable: true });
    });
    this.split[i] = sentences;
    return sentences;
  }

  /** A plain block is one sentence from its first visible character to its last token (tabs are tokens). */
  private plainSentence(block: Block): Sentence[] {
    const { masked } = block;
    const from = masked.search(/\S/);
    // Trailing spaces belong to no token (a loop: a regex anchored at the end rescans every run of spaces).
    let to = masked.length;
    while (to > 0 && masked.charCodeAt(to - 1) === 32) to -= 1;
    if (from < 0 || to <= from) return [];
    const norm = normalize(masked.slice(from, to));
    if (norm.trim() === '') return [];
    return [{ index: 0, start: block.start + from, end: block.start + to, text: this.text.slice(block.start + from, block.start + to), norm, block: block.kind, blockIndex: block.index }];
  }

  /** The block normalized whole, as tokens: its sentences' word tokens in order, an end mark between sentences. */
  tokens(i: number): string[] {
    let tokens = this.tokenLists[i];
    if (tokens === undefined) {
      // A block that splitting must read has none from the constructor, and no block has once released:
      // normalizing the block again gives the constructor's tokens (wordsAndTokens' are normTokens').
      tokens = this.splitOnly(i) ? this.sentencesOf(i).flatMap((s) => tokensOf(s.norm)) : normTokens(this.blocks[i]!.masked);
      this.tokenLists[i] = tokens;
    }
    return tokens;
  }

  /**
   * Let go of the blocks' tokens and norms, which are made again if asked for. The tagger reads
   * them while the turn and the one after it are tagged; after that, a turn stays referenced only
   * by its findings, which number their sentences when read, and its tokens were then the largest
   * part of what outlived the young generation's collections (a quarter of it, on WildChat).
   */
  release(): void {
    this.tokenLists.length = 0;
    this.norms.length = 0;
  }

  /** The block normalized whole (see tokens). */
  norm(i: number): string {
    let norm = this.norms[i];
    if (norm === undefined) {
      // A block only splitting can read keeps its sentences' norms as they are, joined.
      norm = this.splitOnly(i) ? this.sentencesOf(i).map((s) => s.norm).join('') : ` ${this.tokens(i).join(' ')} `;
      if (norm === '  ') norm = ' ';
      this.norms[i] = norm;
    }
    return norm;
  }

  /** The whole turn's normalized text, block after block; matches what the sentences' norms joined match, for word phrases. */
  joinedNorm(): string {
    let joined = '';
    for (let i = 0; i < this.blocks.length; i += 1) joined += this.norm(i);
    return joined;
  }

  /** The first block that holds a sentence, or -1. */
  firstSentenceBlock(): number {
    if (this.first === undefined) {
      this.first = -1;
      for (let i = 0; i < this.blocks.length && this.first < 0; i += 1) if (this.hasSentence(i)) this.first = i;
    }
    return this.first;
  }

  /** The last block that holds a sentence, or -1. */
  lastSentenceBlock(): number {
    if (this.last === undefined) {
      this.last = -1;
      for (let i = this.blocks.length - 1; i >= 0 && this.last < 0; i -= 1) if (this.hasSentence(i)) this.last = i;
    }
    return this.last;
  }

  /** The turn's last sentence, splitting only the block it is in. */
  lastSentence(): Sentence | undefined {
    const i = this.lastSentenceBlock();
    return i < 0 ? undefined : this.sentencesOf(i).at(-1);
  }

  /** Every sentence of the turn, splitting every block that needs it. */
  get sentences(): Sentence[] {
    if (!this.all) {
      this.all = [];
      for (let i = 0; i < this.blocks.length; i += 1) for (const s of this.sentencesOf(i)) this.all.push(s);
    }
    return this.all;
  }
}
