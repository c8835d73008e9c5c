/** The tag stage: every sentence of a turn, read against the turn before it, by every act. */
import type { ActId, Conversation, Finding, Role, TaggedTurn, Turn } from '../model.js';
import { segment, type Sentence } from '../segment/sentences.js';
import { SegmentedTurn } from '../segment/turn.js';
import type { Decision } from './act.js';
import { anchorWatch, blockMayHoldAct, sentenceMayHoldAct } from './candidates.js';
import { opensFiction, requestsContent, type TurnView } from './context.js';
import { ACTS } from './registry.js';

export interface SentenceTrace {
  sentence: Sentence;
  decisions: Array<Decision & { yieldedTo?: ActId }>;
}

export interface TaggedView {
  findings: Finding[];
  /** Every step of every act, when tagged with `trace`. */
  traces?: SentenceTrace[];
}

export function viewOf(role: Role, text: string): TurnView {
  return { role, ...segment(text) };
}

type LazyView = TurnView & { segments: SegmentedTurn };

/** A view whose blocks are split into sentences only when read (see segment/turn.ts). */
export function lazyViewOf(role: Role, text: string): LazyView {
  const segments = new SegmentedTurn(text, anchorWatch());
  return {
    role,
    words: segments.words,
    segments,
    get sentences() {
      return segments.sentences;
    },
  };
}

// A reply this long to a request for a story, quiz or script is the artefact itself.
const ARTEFACT_WORDS = 80;

// A drafted letter runs from its salutation line ("Dear Ms. Cheng,") to its sign-off ("Best regards,").
const GREETING = '(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))\\b';
const SALUTATION = new RegExp(`^${GREETING}[^!?\\n]{0,60},$`, 'i');
const FAREWELL = '(?:(?:best|kind|warm|warmest)(?: regards| wishes)?|regards|sincerely|yours(?: sincerely| truly)?|cheers|thanks|thank you|many thanks|respectfully)\\b';
const SIGN_OFF = new RegExp(`^${FAREWELL}[^.!?\\n]{0,20}[,!]?$`, 'i');
// The same words standing as words of their own anywhere in a line: what stands before a sentence is never a letter.
const HAS_GREETING = new RegExp(`(?<![\\p{L}\\p{N}])${GREETING}`, 'iu');
const HAS_FAREWELL = new RegExp(`(?<![\\p{L}\\p{N}])${FAREWELL}`, 'iu');

/**
 * The sentences that speak for the speaker. In an artefact written on request, only its framing
 * (the first and last lines: "Sure! Here is the story:", "Want another?") is the speaker's own;
 * in a drafted letter, only what stands outside it.
 */
function ownSentences(view: TurnView, prev: TurnView | null): Sentence[] {
  let sentences = view.sentences;
  // A salutation stands on a line of its own: "Hi, how are you?" opens no letter.
  const open = sentences.findIndex((s, i) => SALUTATION.test(s.text.trim()) && sentences[i + 1]?.blockIndex !== s.blockIndex);
  if (open >= 0) {
    const close = sentences.findIndex((s, i) => i > open && SIGN_OFF.test(s.text.trim()));
    sentences = sentences.filter((_, i) => i < open || (close >= 0 && i > close));
  }
  if (view.words < ARTEFACT_WORDS || !requestsContent(prev)) return sentences;
  const first = view.sentences[0]?.blockIndex;
  const last = view.sentences[view.sentences.length - 1]?.blockIndex;
  return sentences.filter((s) => s.blockIndex === first || s.blockIndex === last);
}

/** Decide every act for one sentence; add its findings, and with `traces` every step. */
function tagSentence(sentence: Sentence, view: TurnView, prev: TurnView | null, turnId: string, findings: Finding[], traces?: SentenceTrace[]): void {
  const ctx = { sentence, turn: view, prev };
  const trace = traces !== undefined;
  const found = new Set<ActId>();
  const decisions: SentenceTrace['decisions'] = [];
  for (const act of ACTS) {
    const decision = act.detect(ctx, trace);
    const yieldedTo = decision.fired ? act.yieldsTo.find((other) => found.has(other)) : undefined;
    if (decision.fired && !yieldedTo) {
      found.add(act.id);
      const finding: Finding = {
        act: act.id,
        rule: decision.fired.rule,
        turnId,
        sentence: 0,
        start: sentence.start,
        end: sentence.end,
        text: sentence.text,
        reason: decision.fired.reason,
      };
      // A turn segmented on demand numbers its sentences only when asked: counting them takes
      // splitting every block before this one, which only `grounding tag` needs.
      if (Object.getOwnPropertyDescriptor(sentence, 'index')?.get) Object.defineProperty(finding, 'sentence', { get: () => sentence.index, enumerable: true, configurable: true });
      else finding.sentence = sentence.index;
      findings.push(finding);
    }
    if (trace) decisions.push(yieldedTo ? { ...decision, yieldedTo } : decision);
  }
  traces?.push({ sentence, decisions });
}

/** Decide every act for every sentence of `view`, given the turn before it. */
export function tagView(view: TurnView, prev: TurnView | null, turnId: string, trace = false): TaggedView {
  const findings: Finding[] = [];
  const traces: SentenceTrace[] | undefined = trace ? [] : undefined;
  for (const sentence of ownSentences(view, prev)) tagSentence(sentence, view, prev, turnId, findings, traces);
  return traces ? { findings, traces } : { findings };
}

/** Where a drafted letter stands in a turn segmented on demand: the sentences ownSentences leaves out. */
interface Letter {
  /** The salutation: the last sentence of its block. */
  open: { block: number; sentence: number };
  /** The first sign-off after it, if any; everything from the salutation on is left out without one. */
  close: { block: number; sentence: number } | null;
}

/**
 * ownSentences' salutation and sign-off, found by splitting only the blocks that could hold them:
 * a salutation ends its line with a comma, and both start a sentence with their greeting or farewell.
 */
function findLetter(segments: SegmentedTurn): Letter | null {
  let open: Letter['open'] | null = null;
  for (let i = 0; i < segments.blocks.length && !open; i += 1) {
    const { masked } = segments.blocks[i]!;
    if (!(segments.splitOnly(i) ? masked.includes(',') : /,\s*$/.test(masked)) || !HAS_GREETING.test(masked)) continue;
    const sentences = segments.sentencesOf(i);
    const last = sentences.length - 1;
    if (last >= 0 && SALUTATION.test(sentences[last]!.text.trim())) open = { block: i, sentence: last };
  }
  if (!open) return null;
  for (let i = open.block + 1; i < segments.blocks.length; i += 1) {
    if (!HAS_FAREWELL.test(segments.blocks[i]!.masked)) continue;
    const sentence = segments.sentencesOf(i).findIndex((s) => SIGN_OFF.test(s.text.trim()));
    if (sentence >= 0) return { open, close: { block: i, sentence } };
  }
  return { open, close: null };
}

/** Whether ownSentences leaves the sentence out as part of the letter. */
function inLetter(letter: Letter, block: number, sentence: number): boolean {
  const { open, close } = letter;
  const afterOpen = block > open.block || (block === open.block && sentence >= open.sentence);
  const afterClose = close !== null && (block > close.block || (block === close.block && sentence > close.sentence));
  return afterOpen && !afterClose;
}

/**
 * tagView's findings, reading only the candidate blocks and sentences (see candidates.ts): the
 * same sentences in the same order, minus those no act could tag.
 */
function tagCandidates(view: LazyView, prev: TurnView | null, turnId: string): Finding[] {
  const findings: Finding[] = [];
  const { segments } = view;
  const hasPrev = prev !== null;
  const first = segments.firstSentenceBlock();
  const last = segments.lastSentenceBlock();
  if (first < 0) return findings;
  const letter = findLetter(segments);
  const artefact = view.words >= ARTEFACT_WORDS && requestsContent(prev);
  for (let i = first; i <= last; i += 1) {
    if (artefact && i !== first && i !== last) continue;
    if (letter && inLetter(letter, i, 0) && inLetter(letter, i, Number.MAX_SAFE_INTEGER)) continue;
    if (!segments.hasSentence(i) || !blockMayHoldAct(view, i, hasPrev)) continue;
    segments.sentencesOf(i).forEach((sentence, k) => {
      if (letter && inLetter(letter, i, k)) return;
      if (sentenceMayHoldAct(view, sentence, hasPrev)) tagSentence(sentence, view, prev, turnId, findings);
    });
  }
  return findings;
}

export interface TagOptions {
  /**
   * Read only the blocks and sentences where an act could be tagged (the default). False reads
   * every sentence, as tagView does: slower, and the same tags; tests compare the two.
   */
  filter?: boolean;
}

/**
 * Tag one conversation, turn by turn; each turn is read against the one before it. In a
 * conversation that opens with a role-play setup the assistant speaks in character, so its turns
 * are counted but hold no acts of its own.
 */
export function tagConversation(conversation: Conversation, options: TagOptions = {}): TaggedTurn[] {
  const viewFor = viewMaker(options);
  let prev: TurnView | null = null;
  let fiction = false;
  return conversation.turns.map((turn, i) => {
    const view = viewFor(turn);
    if (i === 0) fiction = opensFiction(view);
    const tagged = tagTurn(turn, view, prev, fiction);
    prev = view;
    return tagged;
  });
}

/**
 * The last turn of a conversation, tagged as `tagConversation` tags it, reading only what that
 * depends on: the first turn (a role-play setup) and the turn before. For comparing replies at one
 * position without tagging the whole context again.
 */
export function tagLastTurn(conversation: Conversation, options: TagOptions = {}): TaggedTurn | undefined {
  const { turns } = conversation;
  const last = turns.length - 1;
  if (last < 0) return undefined;
  const viewFor = viewMaker(options);
  const first = viewFor(turns[0]!);
  const viewAt = (i: number) => (i === 0 ? first : viewFor(turns[i]!));
  return tagTurn(turns[last]!, viewAt(last), last === 0 ? null : viewAt(last - 1), opensFiction(first));
}

function viewMaker(options: TagOptions): (turn: Turn) => TurnView {
  const filter = options.filter ?? true;
  return (turn) => (filter ? lazyViewOf(turn.role, turn.text) : viewOf(turn.role, turn.text));
}

/** One turn's findings, given its view, the view of the turn before and whether the conversation is fiction. */
function tagTurn(turn: Turn, view: TurnView, prev: TurnView | null, fiction: boolean): TaggedTurn {
  let findings: Finding[] = [];
  if (!(fiction && turn.role === 'assistant')) findings = view.segments ? tagCandidates(view as LazyView, prev, turn.id) : tagView(view, prev, turn.id).findings;
  return { turn, findings, words: view.words };
}
