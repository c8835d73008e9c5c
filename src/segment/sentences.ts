/** Sentence units with character offsets: markdown blocks, split into sentences by wink-nlp. */
import winkNLP, { type ItemSentence, type ItemToken, type Model, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { toBlocks, type Block, type BlockKind } from './markdown.js';
import { normalize, countWords } from './normalize.js';

export interface Sentence {
  /** Index of the sentence within the turn. */
  index: number;
  /** Offsets into the turn text, end exclusive. */
  start: number;
  end: number;
  /** The sentence as it stands in the turn. */
  text: string;
  /** Lower-cased tokens of the masked sentence, space-separated, with a space at each end: what rules match. */
  norm: string;
  block: BlockKind;
  /** Index of the block (line, list item, heading) the sentence is in. */
  blockIndex: number;
}

export interface Segmented {
  sentences: Sentence[];
  /** Words outside masked spans. */
  words: number;
}

/** The part of wink-nlp's core model that holds the words it has met. */
interface CoreModel {
  features: { lexeme: { hash: Record<string, number>; list: string[] } };
}

// The model's CER loader re-serializes its data on every call, so it is loaded once for all instances.
const metaCER = (() => {
  let loaded: unknown;
  return () => (loaded ??= (model.metaCER as () => unknown)());
})();

// Word ids grow with every new word; long before they reach the model's marker ids (1,080,000 and
// up), the instance is replaced by a fresh one.
const RENEW_AFTER_WORDS = 100_000;

/**
 * wink-nlp's sentence splitter, made a pure function of its input. wink-nlp caches every new word
 * it meets, and a word it has met before is tokenized by the cache, not afresh; so the same line
 * could split differently after some histories ("When I do 20/100 I then…"). That would make tags
 * depend on what was read before, and on how the work was shared among threads. Here, the words
 * a document added are forgotten after it, so every block is split as by a fresh instance.
 */
class SentenceSplitter {
  private nlp!: WinkMethods;
  private lexeme!: CoreModel['features']['lexeme'];
  private known = 0;
  private base = 0;

  constructor() {
    this.renew();
  }

  private renew(): void {
    let core: CoreModel | undefined;
    const fresh = { ...model, metaCER, core: () => (core = (model.core as () => CoreModel)()) } as unknown as Model;
    // Sentence boundary detection only: part-of-speech tagging is left to compromise, on candidates.
    this.nlp = winkNLP(fresh, ['sbd']);
    this.lexeme = core!.features.lexeme;
    this.known = this.base = this.lexeme.list.length;
  }

  /** Forget the words the last document added; their ids stay taken, so ids never repeat. */
  private forget(): void {
    const { hash, list } = this.lexeme;
    for (let i = this.known; i < list.length; i += 1) delete hash[list[i]!];
    this.known = list.length;
    if (this.known - this.base > RENEW_AFTER_WORDS) this.renew();
  }

  /** Split one masked block into [start, end) ranges relative to the block, trimmed of spaces. */
  split(masked: string): Array<[number, number]> {
    const its = this.nlp.its;
    try {
      const doc = this.nlp.readDoc(masked);
      let pos = 0;
      // Token offsets come from the preceding spaces and values, which reproduce the input exactly.
      const tokenStarts: number[] = [];
      const tokenEnds: number[] = [];
      doc.tokens().each((t: ItemToken) => {
        pos += (t.out(its.precedingSpaces) as string).length;
        tokenStarts.push(pos);
        pos += (t.out(its.value) as string).length;
        tokenEnds.push(pos);
      });
      const ranges: Array<[number, number]> = [];
      doc.sentences().each((s: ItemSentence) => {
        const [first, last] = s.out(its.span) as unknown as [number, number];
        let start = tokenStarts[first];
        const end = tokenEnds[last];
        // wink-nlp makes a tab a token of its own; a sentence starts at its first visible character.
        while (start !== undefined && end !== undefined && start < end && /\s/.test(masked[start]!)) start += 1;
        if (start !== undefined && end !== undefined && end > start) ranges.push([start, end]);
      });
      return ranges;
    } finally {
      this.forget();
    }
  }
}

let splitter: SentenceSplitter | null = null;

/** The sentences of one block, numbered from `firstIndex`; sentences with no word or end mark are left out. */
export function blockSentences(text: string, block: Block, firstIndex: number): Sentence[] {
  splitter ??= new SentenceSplitter();
  const sentences: Sentence[] = [];
  for (const [from, to] of splitter.split(block.masked)) {
    const norm = normalize(block.masked.slice(from, to));
    if (norm.trim() === '') continue;
    sentences.push({
      index: firstIndex + sentences.length,
      start: block.start + from,
      end: block.start + to,
      text: text.slice(block.start + from, block.start + to),
      norm,
      block: block.kind,
      blockIndex: block.index,
    });
  }
  return sentences;
}

export function segment(text: string): Segmented {
  const sentences: Sentence[] = [];
  let words = 0;
  for (const block of toBlocks(text)) {
    words += countWords(block.masked);
    for (const sentence of blockSentences(text, block, sentences.length)) sentences.push(sentence);
  }
  return { sentences, words };
}
