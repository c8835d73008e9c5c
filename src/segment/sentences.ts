/** Sentence units with character offsets: markdown blocks, split into sentences by wink-nlp. */
import winkNLP, { type ItemSentence, type ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { toBlocks, type BlockKind } from './markdown.js';
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

// Sentence boundary detection only: part-of-speech tagging is left to compromise, on candidates.
const nlp = winkNLP(model, ['sbd']);
const its = nlp.its;

/** Split one masked block into [start, end) ranges relative to the block, trimmed of spaces. */
function splitBlock(masked: string): Array<[number, number]> {
  const doc = nlp.readDoc(masked);
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
}

export function segment(text: string): Segmented {
  const sentences: Sentence[] = [];
  let words = 0;
  for (const block of toBlocks(text)) {
    words += countWords(block.masked);
    for (const [from, to] of splitBlock(block.masked)) {
      const norm = normalize(block.masked.slice(from, to));
      if (norm.trim() === '') continue;
      sentences.push({
        index: sentences.length,
        start: block.start + from,
        end: block.start + to,
        text: text.slice(block.start + from, block.start + to),
        norm,
        block: block.kind,
        blockIndex: block.index,
      });
    }
  }
  return { sentences, words };
}
