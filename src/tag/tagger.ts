/**
 * The tag stage: every sentence of a turn, read against the turn before it. The lexicons' cues and
 * the code rules read the candidate sentences (candidates.ts); then, by default, the learned model
 * (learned/) reads the turn's units with the rules' steps among its features, and decides (in typed
 * chat, a rule that fires tags as well: learned/decide.ts). With
 * `tagger: 'rules'` the rules decide alone, as they did before the model.
 */
import { TAGGERS, type TaggerKind } from '../choices.js';
import type { ActId, Conversation, Domain, Finding, Role, TaggedTurn, Turn } from '../model.js';
import { segment, type Sentence } from '../segment/sentences.js';
import { SegmentedTurn } from '../segment/turn.js';
import type { Decision } from './act.js';
import { blockMayHoldAct, possibleCues, sentenceMayHoldAct, type PossibleCues } from './candidates.js';
import { opensFiction, requestsContent, type TurnView } from './context.js';
import { decideLearned, domainOf, type ModelTrace, type UnitsHook } from './learned/decide.js';
import { loadModel, type LearnedModel } from './learned/model.js';
import { voicesFeeling } from './acts/reassurance.js';
import { ACTS } from './registry.js';

export interface SentenceTrace {
  sentence: Sentence;
  decisions: Array<Decision & { yieldedTo?: ActId }>;
}

export interface TaggedView {
  findings: Finding[];
  /** Every step of every act, when tagged with `trace`. */
  traces?: SentenceTrace[];
  /** The learned model's reading, when tagged with `trace` by the learned tagger. */
  model?: ModelTrace;
}

export function viewOf(role: Role, text: string): TurnView {
  return { role, text, ...segment(text) };
}

type LazyView = TurnView & { segments: SegmentedTurn };

/** A view whose blocks are split into sentences only when read (see segment/turn.ts). */
export function lazyViewOf(role: Role, text: string): LazyView {
  const segments = new SegmentedTurn(text);
  return {
    role,
    text,
    blocks: segments.blocks,
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

/**
 * Every act's decision on one sentence; an act that fired yields to one already found there. With
 * `trace`, every rule is tried and recorded; with `possible`, only those cue patterns are run (the
 * others cannot match: candidates.ts possibleCues).
 */
function decideSentence(sentence: Sentence, view: TurnView, prev: TurnView | null, trace = false, possible?: PossibleCues): SentenceTrace {
  const ctx = { sentence, turn: view, prev };
  const found = new Set<ActId>();
  const decisions: SentenceTrace['decisions'] = [];
  for (const act of ACTS) {
    const decision = act.detect(ctx, trace, possible);
    const yieldedTo = decision.fired ? act.yieldsTo.find((other) => found.has(other)) : undefined;
    if (decision.fired && !yieldedTo) found.add(act.id);
    decisions.push(yieldedTo ? { ...decision, yieldedTo } : decision);
  }
  return { sentence, decisions };
}

/** A finding on a sentence; its `sentence` number is read only when asked (see below). */
export function findingOn(sentence: Sentence, act: ActId, rule: string, reason: string, turnId: string, confidence?: number): Finding {
  const finding: Finding = { act, rule, turnId, sentence: 0, start: sentence.start, end: sentence.end, text: sentence.text, reason, ...(confidence !== undefined && { confidence }) };
  // A turn segmented on demand numbers its sentences only when asked: counting them takes
  // splitting every block before this one, which only `grounding tag` needs.
  if (Object.getOwnPropertyDescriptor(sentence, 'index')?.get) Object.defineProperty(finding, 'sentence', { get: () => sentence.index, enumerable: true, configurable: true });
  else finding.sentence = sentence.index;
  return finding;
}

/** The rules' findings: every act that fired on a sentence and did not yield there. */
export function ruleFindings(traces: readonly SentenceTrace[], turnId: string): Finding[] {
  const findings: Finding[] = [];
  for (const { sentence, decisions } of traces) {
    for (const d of decisions) if (d.fired && !d.yieldedTo) findings.push(findingOn(sentence, d.act, d.fired.rule, d.fired.reason, turnId));
  }
  return findings;
}

/** What the rules read of a turn: its own blocks, and the candidate sentences with every act's decision. */
interface RuleReading {
  own(block: number): boolean;
  candidates: SentenceTrace[];
  /** Every sentence of its own, with decisions, when the whole turn was read (tagView). */
  all?: SentenceTrace[];
}

/**
 * Read every sentence of the turn's own with every act (no candidate filter): for explain, eval of
 * one turn and tests. With `trace`, `all` records every rule tried; the candidates the model reads
 * keep the steps an untraced reading takes, as tagging does.
 */
function readAll(view: TurnView, prev: TurnView | null, trace = false): RuleReading {
  const own = ownSentences(view, prev);
  const all = own.map((s) => decideSentence(s, view, prev, trace));
  const hasPrev = prev !== null;
  const ownBlocks = new Set(own.map((s) => s.blockIndex));
  const candidates = all.filter((t) => sentenceMayHoldAct(view, t.sentence, hasPrev)).map((t) => (trace ? decideSentence(t.sentence, view, prev) : t));
  return { own: (i) => ownBlocks.has(i), candidates, all };
}

export interface ViewOptions {
  /** Default `learned`. */
  tagger?: TaggerKind;
  /** The kind of text the turn is from (default `typed`); a conversation's is worked out from all its turns. */
  domain?: Domain;
  /** The learned model to use instead of the shipped one. */
  model?: LearnedModel;
}

/** Decide every act for every sentence of `view`, given the turn before it. */
export function tagView(view: TurnView, prev: TurnView | null, turnId: string, trace = false, options: ViewOptions = {}): TaggedView {
  const reading = readAll(view, prev, trace);
  if ((options.tagger ?? 'learned') === 'rules') {
    const findings = ruleFindings(reading.all!, turnId);
    return trace ? { findings, traces: reading.all! } : { findings };
  }
  const model = options.model ?? loadModel();
  // The turn before is all the conversation there is here: the user felt if it voiced a feeling.
  let felt: boolean | undefined;
  const userFelt = () => (felt ??= prev !== null && prev.role === 'user' && voicesFeeling(prev.text));
  const decided = decideLearned({ turnId, role: view.role, view, prev, reading, domain: options.domain ?? 'typed', model, trace, sentencesOf: (block) => view.sentences.filter((s) => s.blockIndex === block), userFelt });
  return trace ? { findings: decided.findings, traces: reading.all!, model: decided.trace! } : { findings: decided.findings };
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

/** Whether some sentence of block `i` stands outside the letter: before its salutation or after its sign-off. */
function holdsOwnSentence(letter: Letter, segments: SegmentedTurn, i: number): boolean {
  const { open, close } = letter;
  const afterSignOff = close !== null && (i > close.block || (i === close.block && segments.sentenceCount(i) > close.sentence + 1));
  return i < open.block || (i === open.block && open.sentence > 0) || afterSignOff;
}

/** Whether ownSentences leaves the sentence out as part of the letter. */
function inLetter(letter: Letter, block: number, sentence: number): boolean {
  const { open, close } = letter;
  const afterOpen = block > open.block || (block === open.block && sentence >= open.sentence);
  const afterClose = close !== null && (block > close.block || (block === close.block && sentence > close.sentence));
  return afterOpen && !afterClose;
}

/**
 * What readAll gives, reading only the candidate blocks and sentences (see candidates.ts): the
 * same candidate sentences in the same order, and the same blocks of the turn's own.
 */
function readCandidates(view: LazyView, prev: TurnView | null): RuleReading {
  const candidates: SentenceTrace[] = [];
  const { segments } = view;
  const hasPrev = prev !== null;
  const first = segments.firstSentenceBlock();
  const last = segments.lastSentenceBlock();
  if (first < 0) return { own: () => false, candidates };
  const letter = findLetter(segments);
  const artefact = view.words >= ARTEFACT_WORDS && requestsContent(prev);
  const own = (i: number) => i >= first && i <= last && !(artefact && i !== first && i !== last) && segments.hasSentence(i) && (!letter || holdsOwnSentence(letter, segments, i));
  for (let i = first; i <= last; i += 1) {
    if (!own(i) || !blockMayHoldAct(view, i, hasPrev)) continue;
    segments.sentencesOf(i).forEach((sentence, k) => {
      if (letter && inLetter(letter, i, k)) return;
      // The cues that could match are read once: for the filter, and for the acts to run only those.
      const possible = possibleCues(sentence.norm);
      if (sentenceMayHoldAct(view, sentence, hasPrev, possible)) candidates.push(decideSentence(sentence, view, prev, false, possible));
    });
  }
  return { own, candidates };
}

export { TAGGERS, type TaggerKind };

export interface TagOptions {
  /** Default `learned`. */
  tagger?: TaggerKind;
  /**
   * Read only the blocks and sentences where an act could be tagged (the default). False reads
   * every sentence, as tagView does: slower, and the same tags; tests compare the two.
   */
  filter?: boolean;
  /** The learned model to use instead of the shipped one (training tags with the model it is fitting). */
  model?: LearnedModel;
  /** Called with every unit the learned tagger read and its features (training reads them here). */
  onUnits?: UnitsHook;
  /** Keep each turn's model reading (probabilities, thresholds, weightiest features) in `TaggedTurn.explain`. */
  explain?: boolean;
}

interface Env {
  tagger: TaggerKind;
  /** Null while training extracts features before any model exists: the rules then decide. */
  model: LearnedModel | null;
  domain: Domain;
  onUnits?: UnitsHook;
  explain: boolean;
}

function envOf(options: TagOptions, turns: readonly Turn[]): Env {
  const tagger = options.tagger ?? 'learned';
  const learned = tagger === 'learned';
  const model = learned ? (options.model ?? (options.onUnits ? null : loadModel())) : null;
  return { tagger, model, domain: learned ? domainOf(turns) : 'typed', onUnits: options.onUnits, explain: options.explain ?? false };
}

/**
 * Tag one conversation, turn by turn; each turn is read against the one before it. In a
 * conversation that opens with a role-play setup the assistant speaks in character, so its turns
 * are counted but hold no acts of its own.
 */
export function tagConversation(conversation: Conversation, options: TagOptions = {}): TaggedTurn[] {
  const viewFor = viewMaker(options);
  const env = envOf(options, conversation.turns);
  const felt = feltBefore(conversation.turns);
  let prev: TurnView | null = null;
  let fiction = false;
  return conversation.turns.map((turn, i) => {
    const view = viewFor(turn);
    if (i === 0) fiction = opensFiction(view);
    const tagged = tagTurn(turn, view, prev, fiction, env, () => felt(i));
    // The turn before is read no more: what it keeps alive of its reading should not outlive the young generation.
    prev?.segments?.release();
    prev = view;
    return tagged;
  });
}

/**
 * The last turn of a conversation, tagged as `tagConversation` tags it, reading only what that
 * depends on: the first turn (a role-play setup), the turn before, and the kind of text (a cheap
 * look at every turn).
 */
export function tagLastTurn(conversation: Conversation, options: TagOptions = {}): TaggedTurn | undefined {
  const { turns } = conversation;
  const last = turns.length - 1;
  if (last < 0) return undefined;
  const viewFor = viewMaker(options);
  const env = envOf(options, turns);
  const first = viewFor(turns[0]!);
  const viewAt = (i: number) => (i === 0 ? first : viewFor(turns[i]!));
  const felt = feltBefore(turns);
  return tagTurn(turns[last]!, viewAt(last), last === 0 ? null : viewAt(last - 1), opensFiction(first), env, () => felt(last));
}

/**
 * Whether a user turn before turn i voiced a feeling or a hardship (acts/reassurance.ts), for the
 * gate of the model's reassurance. Read on demand and once: most conversations never ask.
 */
function feltBefore(turns: readonly Turn[]): (i: number) => boolean {
  let read = 0;
  let at = -1;
  return (i) => {
    for (; at < 0 && read < i; read += 1) if (turns[read]!.role === 'user' && voicesFeeling(turns[read]!.text)) at = read;
    return at >= 0 && at < i;
  };
}

function viewMaker(options: TagOptions): (turn: Turn) => TurnView {
  const filter = options.filter ?? true;
  return (turn) => {
    // Set, not spread: spreading a view segmented on demand would read its `sentences`, splitting every block.
    const view = filter ? lazyViewOf(turn.role, turn.text) : viewOf(turn.role, turn.text);
    view.speaker = turn.speaker;
    return view;
  };
}

/** One turn's findings, given its view, the view of the turn before and whether the conversation is fiction. */
function tagTurn(turn: Turn, view: TurnView, prev: TurnView | null, fiction: boolean, env: Env, userFelt: () => boolean): TaggedTurn {
  const learned = env.tagger === 'learned';
  // In character, the assistant's turns hold no act of its own: nothing is read.
  if (fiction && turn.role === 'assistant') return { turn, findings: [], words: view.words, ...(learned && env.model && { scores: decideLearned.nothingRead(env.domain) }) };
  const reading = view.segments ? readCandidates(view as LazyView, prev) : readAll(view, prev);
  if (!learned) return { turn, findings: ruleFindings(reading.all ?? reading.candidates, turn.id), words: view.words };
  const sentencesOf = view.segments ? (block: number) => view.segments!.sentencesOf(block) : (block: number) => view.sentences.filter((s) => s.blockIndex === block);
  const decided = decideLearned({ turnId: turn.id, turn, role: turn.role, view, prev, reading, domain: env.domain, model: env.model, trace: env.explain, onUnits: env.onUnits, sentencesOf, userFelt });
  // Without a model (training's first pass) the rules decide; the features were handed over all the same.
  if (!env.model) return { turn, findings: ruleFindings(reading.all ?? reading.candidates, turn.id), words: view.words };
  return { turn, findings: decided.findings, words: view.words, scores: decided.scores!, ...(env.explain && { explain: decided.trace!.acts }) };
}
