/**
 * The candidate filter: cheap tests that find the blocks and sentences where an act could be
 * tagged, so that wink-nlp splits, and the acts read, only those. Every test is a necessary
 * condition of some cue or rule, so the filter never changes a tag; test/tag/candidates.test.ts
 * tags with and without it over the fixtures, generated turns and the real corpora, and compares.
 *
 * - A cue fires only where its pattern matches, and a pattern matches only where its anchor stands
 *   (pattern.ts `patternAnchor`). A block's norm tokens come with counting its words (one pass,
 *   segment/turn.ts); the cues whose lookouts (a word or two of each anchor) stand among them are
 *   looked up, and each such pattern, loosened to run over a whole block (a sentence may start
 *   or end at any end mark), picks the blocks worth splitting.
 * - The code rules read only a closing sentence with a turn before it, and need a question: a
 *   "?", or, for `followup/picks-up`, a sentence that opens with a wh-word or an auxiliary and
 *   stops without final punctuation (then compromise reads it).
 */
import type { Role } from '../model.js';
import { tokensOf } from '../segment/normalize.js';
import type { SegmentedTurn } from '../segment/turn.js';
import type { Sentence } from '../segment/sentences.js';
import { AUXILIARIES, OPENERS, WH_WORDS, closesTurn, endsUnpunctuated, headWord, type TurnView } from './context.js';
import { rarestToken, tokenRate } from './pattern.js';
import { ACTS } from './registry.js';

/**
 * What each code rule needs of a sentence before it can fire; every rule also needs the sentence
 * to close its turn (isClosing) and a turn before it. `question`: the sentence ends with "?".
 * `asks-from-head`: it reads as a question ("?", or no final punctuation and compromise says so),
 * and its first word after openers is a wh-word or an auxiliary. A test checks every rule is listed.
 */
export const RULE_NEEDS: Readonly<Record<string, 'question' | 'asks-from-head'>> = {
  'understanding-check/restatement-question': 'question',
  'understanding-check/echo': 'question',
  'understanding-check/you-declarative': 'question',
  'followup/picks-up': 'asks-from-head',
};

// How a pattern's source ends when it must close a sentence, and how it starts, loosened to a block, when it must open one.
const END = '(?:[.!] )*$';
const OPENS = '(?:^ |[.!?] )';

/**
 * A pattern loosened from one sentence to a whole block's norm: a sentence starts at the block's
 * start or after an end mark, and ends at the block's end or next to one (see segment/turn.ts).
 */
export function overBlock(regex: RegExp): RegExp {
  let source = regex.source;
  if (source.endsWith(END)) source = `${source.slice(0, -END.length)}(?:[.!] )*(?:$|(?<=[.!?] )|(?=[.!?] ))`;
  if (source.startsWith('^ ')) source = `${OPENS}${source.slice(2)}`;
  return new RegExp(source);
}

/**
 * A pattern that must open a sentence, loosened to a block (overBlock), as a sticky regex of what
 * follows the sentence's opening: it is tried only where a sentence of the block opens (see
 * sentenceStarts), where the block regex would be tried at every position. Null for any other.
 */
export function opening(block: RegExp): RegExp | null {
  return block.source.startsWith(OPENS) ? new RegExp(block.source.slice(OPENS.length), 'y') : null;
}

/** Where a sentence may open in a block's norm: after its leading space, and after each end mark and its space (overBlock's OPENS). */
export function sentenceStarts(norm: string): number[] {
  const starts: number[] = norm.charCodeAt(0) === 32 ? [1] : [];
  for (let p = norm.indexOf(' ', 1); p >= 0; p = norm.indexOf(' ', p + 1)) {
    const c = norm.charCodeAt(p - 1);
    if (c === 46 || c === 33 || c === 63) starts.push(p + 1);
  }
  return starts;
}

/** Whether `sticky` (opening) matches at one of `starts`: the block regex it came from matches. */
export function opensAny(sticky: RegExp, norm: string, starts: readonly number[]): boolean {
  for (const at of starts) {
    sticky.lastIndex = at;
    if (sticky.test(norm)) return true;
  }
  return false;
}

interface Cue {
  role: Role | undefined;
  sentence: RegExp;
  block: RegExp;
  /** The block regex as a sticky regex of what follows a sentence's opening, for a pattern that must open one. */
  opening: RegExp | null;
}

/** What a lookout (a token, or a token and the next) names: cues anywhere in a block, or opening a sentence there. */
interface Lookout {
  anywhere: Cue[];
  atStart: Cue[];
  /** The two-token lookouts this token opens, by their second token. */
  pairs: Map<string, Lookout> | null;
}

interface Filter {
  /** Cues with no anchor: tested on every block. */
  unanchored: Cue[];
  /** Lookouts by their (first) token: most tokens name nothing. */
  lookouts: Map<string, Lookout>;
}

let filter: Filter | null = null;

function lookoutOf(lookouts: Map<string, Lookout>, key: string): Lookout {
  let found = lookouts.get(key);
  if (!found) lookouts.set(key, (found = { anywhere: [], atStart: [], pairs: null }));
  return found;
}

function add(cues: Cue[], cue: Cue): void {
  if (!cues.includes(cue)) cues.push(cue);
}

// A word this common (pattern.ts tokenRate) names almost every block; a pair with the next word, few.
const COMMON = 0.01;

/** The one or two consecutive tokens of a phrase to look out for: its rarest word, or for a phrase of common words the longest pair. */
function lookoutTokens(phrase: readonly string[], atStart: boolean): string[] {
  if (atStart) return phrase.length > 1 && tokenRate(phrase[0]!) >= COMMON ? phrase.slice(0, 2) : phrase.slice(0, 1);
  const rarest = rarestToken(phrase);
  if (phrase.length < 2 || tokenRate(rarest) < COMMON) return [rarest];
  let best = 0;
  for (let k = 1; k + 1 < phrase.length; k += 1) if (phrase[k]!.length + phrase[k + 1]!.length > phrase[best]!.length + phrase[best + 1]!.length) best = k;
  return phrase.slice(best, best + 2);
}

/**
 * Index the cues by their anchors (pattern.ts): each phrase that may stand anywhere by its lookout
 * (one word, or two); each phrase that must open a sentence by its first word or two there, and
 * the optional parts before it by their first words there; end marks anywhere.
 */
function build(): Filter {
  const unanchored: Cue[] = [];
  const lookouts = new Map<string, Lookout>();
  for (const act of ACTS) {
    for (const entry of act.entries) {
      if (entry.kind !== 'cue') continue;
      for (const p of entry.patterns) {
        const block = overBlock(p.regex);
        const cue = { role: entry.when.role, sentence: p.regex, block, opening: opening(block) };
        const { anchor } = p;
        if (anchor === null) {
          unanchored.push(cue);
          continue;
        }
        const index = (phrase: readonly string[], start: boolean) => {
          const mark = phrase.length === 1 && /^[.!?]$/.test(phrase[0]!);
          const tokens = mark ? [...phrase] : lookoutTokens(phrase, start);
          const first = lookoutOf(lookouts, tokens[0]!);
          const found = tokens.length === 1 ? first : lookoutOf((first.pairs ??= new Map()), tokens[1]!);
          add(start && !mark ? found.atStart : found.anywhere, cue);
        };
        for (const phrase of anchor.phrases) index(phrase, anchor.start !== undefined);
        for (const options of anchor.start ?? []) for (const phrase of options) index(phrase.slice(0, 1), true);
      }
    }
  }
  return { unanchored, lookouts };
}

function current(): Filter {
  filter ??= build();
  return filter;
}

const isEndMark = (token: string | undefined) => token === '.' || token === '?' || token === '!';

/**
 * The cues whose lookouts stand among a block's tokens, of the speaker's role or of any (null).
 * Every token of every sentence of the block is one of them, in order, and a sentence opens the
 * block or follows an end mark (see segment/turn.ts).
 */
function cuesFor(tokens: readonly string[], role: Role | null): Cue[] {
  const { lookouts, unanchored } = current();
  const found: Cue[] = [];
  const take = (cues: readonly Cue[]) => {
    for (const cue of cues) if ((role === null || cue.role === undefined || cue.role === role) && !found.includes(cue)) found.push(cue);
  };
  const takeAt = (lookout: Lookout | undefined, opens: boolean) => {
    if (!lookout) return;
    take(lookout.anywhere);
    if (opens) take(lookout.atStart);
  };
  take(unanchored);
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k]!;
    const lookout = lookouts.get(token);
    if (!lookout) continue;
    const opens = k === 0 || isEndMark(tokens[k - 1]);
    takeAt(lookout, opens);
    if (lookout.pairs && k + 1 < tokens.length) takeAt(lookout.pairs.get(tokens[k + 1]!), opens);
  }
  return found;
}

/** Whether any sentence of block `i` of the turn could be tagged with an act. */
export function blockMayHoldAct(view: TurnView & { segments: SegmentedTurn }, i: number, hasPrev: boolean): boolean {
  const { segments } = view;
  const block = segments.blocks[i]!;
  // Where only splitting tells what the block holds, its norm says too little: read its sentences.
  if (segments.splitOnly(i)) return true;
  // The code rules read only a closing sentence with a turn before it (RULE_NEEDS).
  const ruled = hasPrev && closesTurn(view, i, block.kind);
  if (ruled && block.masked.includes('?')) return true;
  const cues = cuesFor(segments.tokens(i), view.role);
  if (cues.length > 0) {
    const norm = segments.norm(i);
    let starts: number[] | undefined;
    for (const cue of cues) {
      if (cue.opening ? opensAny(cue.opening, norm, (starts ??= sentenceStarts(norm))) : cue.block.test(norm)) return true;
    }
  }
  return ruled && opensWithHead(segments.tokens(i));
}

/** Whether some sentence of a block's tokens may open, after discourse openers, with a wh-word or an auxiliary. */
function opensWithHead(tokens: readonly string[]): boolean {
  let atStart = true;
  for (const token of tokens) {
    if (isEndMark(token)) atStart = true;
    // Openers, and end marks, are skipped on the way to the first word, as headWord skips them.
    else if (atStart && !OPENERS.has(token)) {
      if (WH_WORDS.has(token) || AUXILIARIES.has(token)) return true;
      atStart = false;
    }
  }
  return false;
}

/** The cue patterns that could match a sentence, each with the role its cue counts for (undefined: any). */
export type PossibleCues = ReadonlyMap<RegExp, Role | undefined>;

/**
 * The cue patterns that could match a sentence, whatever the speaker's role: those whose lookouts
 * stand among its tokens, and those with no anchor. No other cue pattern can match it, so an act's
 * `detect` skips them unrun (a pattern that needs another role still records its phrase as unmet).
 */
export function possibleCues(norm: string): PossibleCues {
  return new Map(cuesFor(tokensOf(norm), null).map((cue) => [cue.sentence, cue.role]));
}

/**
 * Whether this sentence could be tagged with an act: the same tests as blockMayHoldAct, on the
 * sentence itself. `possible`: its possibleCues, when the caller has them already.
 */
export function sentenceMayHoldAct(view: TurnView, sentence: Sentence, hasPrev: boolean, possible: PossibleCues = possibleCues(sentence.norm)): boolean {
  const { norm } = sentence;
  // Only the cues whose lookouts stand in the sentence can match it, as in a block: those of the speaker's role.
  for (const [regex, role] of possible) if ((role === undefined || role === view.role) && regex.test(norm)) return true;
  if (!hasPrev || !closesTurn(view, sentence.blockIndex, sentence.block)) return false;
  if (norm.endsWith(' ? ')) return true;
  if (!endsUnpunctuated(sentence)) return false;
  const head = headWord(sentence);
  return WH_WORDS.has(head) || AUXILIARIES.has(head);
}
