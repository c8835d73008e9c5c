/**
 * A turn segmented on demand answers exactly as segment() does: the same sentences, numbered the
 * same, the same words, the same blocks holding sentences; and a block's norm holds its sentences'
 * tokens in order, each sentence opening the block or following an end mark. Checked on hand-made
 * turns, the fixtures and samples, and the shared corpora when present. Splitting is a pure
 * function of the text: what was split before changes nothing.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { segment, type Sentence } from '../../src/segment/sentences.js';
import { SegmentedTurn } from '../../src/segment/turn.js';
import { CORPORA, SAMPLES } from '../helpers/cli.js';
import { FIXTURES } from '../ingest/helpers.js';

const HAND_MADE = [
  'Hello there. How are you?',
  'Dr. Smith arrived at 3 p.m. today. He left.',
  'e.g. this one. i.e. that one. (See above.) "Quoted." Next',
  'Wait...what? Really?! Yes…no',
  'A line with no end mark\n- an item\n# A heading\n\tTabbed line.\t\nTrailing spaces   ',
  'Non\u00a0breaking\u00a0space. Next one.\n■\u3000Built a quotation system (duration: April',
  '```\nDo you mean x?\n```\nDone. `code?` and {{name}} and https://x.com/a?b=c now.',
  'Bob: Do you mean it?\nQuestion: which version?\n> quoted? yes\n| a | b? |',
  '—\n…\n???\n- \n1.',
  'When I do 20/100 I then multiplied by the 300 goals.',
  '你好吗？我很好。Привет! Как дела? ʼokay ΟΔΟΣ.ΑΒ İs',
  '',
];

function plain(s: Sentence) {
  return { index: s.index, start: s.start, end: s.end, text: s.text, norm: s.norm, block: s.block, blockIndex: s.blockIndex };
}

const isEndMark = (t: string | undefined) => t === '.' || t === '?' || t === '!';

function expectSameAsSegment(text: string): void {
  const eager = segment(text);
  const lazy = new SegmentedTurn(text);
  expect(lazy.words).toBe(eager.words);
  const byBlock = (i: number) => eager.sentences.filter((s) => s.blockIndex === i);
  let before = 0;
  lazy.blocks.forEach((block, i) => {
    const mine = byBlock(i);
    expect(lazy.hasSentence(i), `${JSON.stringify(block.masked)} holds a sentence`).toBe(mine.length > 0);
    expect(lazy.sentenceCount(i)).toBe(mine.length);
    expect(lazy.offset(i)).toBe(before);
    expect(lazy.sentencesOf(i).map(plain)).toEqual(mine.map(plain));
    before += mine.length;
    if (lazy.splitOnly(i)) return;
    // The block's tokens hold its sentences' words in order; each sentence's first word opens the
    // block or follows an end mark, and its last word ends the block or comes before one.
    const tokens = lazy.tokens(i);
    const wordAt: number[] = [];
    tokens.forEach((t, k) => {
      if (!isEndMark(t)) wordAt.push(k);
    });
    const sentenceWords = mine.map((s) => s.norm.split(' ').filter((t) => t !== '' && !isEndMark(t)));
    expect(wordAt.map((k) => tokens[k])).toEqual(sentenceWords.flat());
    let w = 0;
    for (const own of sentenceWords) {
      if (own.length === 0) continue;
      const first = wordAt[w]!;
      const last = wordAt[w + own.length - 1]!;
      expect(first === 0 || isEndMark(tokens[first - 1]), `${JSON.stringify(own)} opens a sentence in ${JSON.stringify(tokens)}`).toBe(true);
      expect(last === tokens.length - 1 || isEndMark(tokens[last + 1]), `${JSON.stringify(own)} ends a sentence in ${JSON.stringify(tokens)}`).toBe(true);
      w += own.length;
    }
  });
  expect(lazy.sentences.map(plain)).toEqual(eager.sentences.map(plain));
  const first = eager.sentences[0]?.blockIndex ?? -1;
  const last = eager.sentences.at(-1)?.blockIndex ?? -1;
  expect([lazy.firstSentenceBlock(), lazy.lastSentenceBlock()]).toEqual([first, last]);
  expect(lazy.lastSentence() && plain(lazy.lastSentence()!)).toEqual(eager.sentences.at(-1) && plain(eager.sentences.at(-1)!));
}

async function texts(inputs: string[], limit = Infinity): Promise<string[]> {
  const { conversations } = await ingest(inputs, { format: 'auto', skipInvalid: true });
  const out: string[] = [];
  for await (const c of conversations) {
    for (const t of c.turns) out.push(t.text);
    if (out.length >= limit) break;
  }
  return out;
}

describe('SegmentedTurn', () => {
  for (const text of HAND_MADE) {
    it(`answers as segment() does for ${JSON.stringify(text).slice(0, 60)}`, () => expectSameAsSegment(text));
  }

  it('answers as segment() does on every turn of the fixtures and samples', async () => {
    const all = await texts([FIXTURES, SAMPLES]);
    expect(all.length).toBeGreaterThan(100);
    for (const text of all) expectSameAsSegment(text);
  });

  it('gives the same tokens and norms again once released, whether read before or not', async () => {
    const all = [...HAND_MADE, ...(await texts([FIXTURES, SAMPLES]))];
    let released = 0;
    all.forEach((text, n) => {
      const kept = new SegmentedTurn(text);
      const read = (turn: SegmentedTurn) => ({ tokens: turn.blocks.map((_, i) => turn.tokens(i)), norms: turn.blocks.map((_, i) => turn.norm(i)), joined: turn.joinedNorm() });
      const before = read(kept);
      // Released after reading (as the tagger does), and released before anything was read.
      const after = new SegmentedTurn(text);
      if (n % 2 === 0) read(after);
      after.release();
      expect(read(after), JSON.stringify(text).slice(0, 80)).toEqual(before);
      // The constructor's tokens, for blocks that are not split, are what a release makes again.
      if (before.tokens.some((t, i) => t.length > 0 && !kept.splitOnly(i))) released += 1;
    });
    expect(released).toBeGreaterThan(100);
  });

  it('splits a block the same whatever was split before it', async () => {
    const all = [...HAND_MADE, ...(await texts([FIXTURES, SAMPLES]))];
    const forward = all.map((t) => segment(t).sentences.map(plain));
    const backward = [...all].reverse().map((t) => segment(t).sentences.map(plain)).reverse();
    expect(backward).toEqual(forward);
  });
});

const LLM = `${CORPORA}llm`;
if (!existsSync(LLM)) console.warn(`skipped: SegmentedTurn on real logs needs ../shared/corpora (never committed), not found at ${CORPORA}`);

describe.skipIf(!existsSync(LLM))('SegmentedTurn on the shared corpora', () => {
  it('answers as segment() does on 3,000 turns of WildChat and ShareGPT', async () => {
    const all = [...(await texts([`${LLM}/wildchat-sample`], 1500)), ...(await texts([`${LLM}/sharegpt-sample`], 1500))];
    for (const text of all) expectSameAsSegment(text);
  }, 120_000);
});
