/**
 * What a rule may look at: the sentence, the rest of its turn, and the turn before it.
 * Features that cost more than a string test (compromise's parse) are computed lazily, once.
 */
import type { Role } from '../model.js';
import type { Block, BlockKind } from '../segment/markdown.js';
import type { Sentence } from '../segment/sentences.js';
import type { SegmentedTurn } from '../segment/turn.js';
import { words } from '../segment/normalize.js';
import { wordScan } from './pattern.js';
import { compromiseAsks } from './question.js';

export interface TurnView {
  role: Role;
  /** Who spoke it, where the input says (a meeting has many speakers of one role). */
  speaker?: string;
  /** The turn's text, as it stands. */
  text: string;
  /** Its markdown blocks (segment/markdown.ts). */
  blocks: readonly Block[];
  sentences: Sentence[];
  /** Words outside masked spans. */
  words: number;
  /** Present when the turn is segmented on demand: the questions below are then answered without splitting every block. */
  segments?: SegmentedTurn;
}

/** The turn's sentences' norms joined; on demand, the blocks' norms, which hold the same word phrases. */
function joinedNorm(turn: TurnView): string {
  return turn.segments ? turn.segments.joinedNorm() : turn.sentences.map((s) => s.norm).join('');
}

const MAKE_IT = ['sound', 'more', 'less', 'better', 'shorter', 'longer'].map((w) => `make it ${w}`);

/**
 * Words that ask for an artefact: a story, a quiz, a script. When the turn before asked for one,
 * a long reply is that artefact, and its questions and "I see"s belong to its characters.
 */
const CONTENT_VERBS = ['write', 'create', 'generate', 'compose', 'draft', 'make', 'give me', 'list', 'continue', 'rewrite', 'translate', 'produce', 'come up with', 'roleplay', 'role-play', 'pretend', 'act as', 'imagine'];
const CONTENT_NOUNS = ['story', 'stories', 'poem', 'poems', 'script', 'dialogue', 'dialog', 'scene', 'questions', 'quiz', 'survey', 'questionnaire', 'essay', 'article', 'email', 'letter', 'chapter', 'episode', 'song', 'lyrics', 'roleplay', 'role-play', 'conversation', 'interview', 'faq', 'exam', 'post', 'tweet', 'speech', 'narrative', 'fanfic', 'screenplay', 'play', 'novel', 'prompt', 'prompts', 'riddle', 'riddles', 'joke', 'jokes', 'character', 'characters'];

// Asking for the user's own text back, reworked: the reply is that text, whatever it asks.
const REWORKS = ['rewrite', 'rephrase', 'paraphrase', 'reword', 'proofread', 'polish', 'translate', 'summarize', 'summarise', 'correct the grammar', 'fix the grammar', 'improve this', 'improve the', ...MAKE_IT];

// The opening of a role-play or interactive story: every later reply speaks in character.
const FICTIONS = [
  'roleplay', 'role-play', 'role play', 'roleplaying', 'role-playing', 'pretend to be', 'pretend you are', "pretend you're", 'act as', 'act like',
  'answer like', 'respond like', 'reply like', 'talk like', 'play the role', 'stay in character', 'in character', 'text adventure',
  'interactive story', 'interactive fiction', 'interactive game', 'text-based game', 'text-based adventure', 'text-based rpg',
  'you will play', 'you are playing', "let's play", 'play a game', 'game master', 'dungeon master', 'you are the narrator',
];

/** Any of the phrases as whole words of a normalized text. */
const anyOf = (phrases: readonly string[]) => new RegExp(` (${phrases.join('|')}) `);
const CONTENT_VERB = anyOf(CONTENT_VERBS);
const CONTENT_NOUN = anyOf(CONTENT_NOUNS);
const REWORK = anyOf(REWORKS);
const FICTION = anyOf(FICTIONS);

// Scans of a turn's raw text that must find something before the phrases above can match.
const split = (phrases: readonly string[]) => phrases.map((p) => p.split(' '));
const MAY_REQUEST_CONTENT = wordScan(split([...REWORKS, ...CONTENT_VERBS]));
const MAY_OPEN_FICTION = wordScan(split(FICTIONS));

/** Whether a turn segmented on demand has, in some block, a word the scan finds; no block is normalized. */
function rawMatch(turn: TurnView, scan: RegExp): boolean {
  return !turn.segments || turn.segments.blocks.some((b) => scan.test(b.masked.toLowerCase()));
}

export function requestsContent(turn: TurnView | null): boolean {
  if (!turn || !rawMatch(turn, MAY_REQUEST_CONTENT)) return false;
  const text = joinedNorm(turn);
  return REWORK.test(text) || (CONTENT_VERB.test(text) && CONTENT_NOUN.test(text));
}

/** Whether a conversation opened with a role-play or interactive-story setup. */
export function opensFiction(first: TurnView | undefined): boolean {
  return first !== undefined && first.role === 'user' && rawMatch(first, MAY_OPEN_FICTION) && FICTION.test(joinedNorm(first));
}

export interface SentenceContext {
  sentence: Sentence;
  turn: TurnView;
  /** The turn immediately before, or null for a conversation's first turn. */
  prev: TurnView | null;
}

export const AUXILIARIES = new Set(
  "is are was were am do does did can could would will should shall may might must have has had isn't aren't wasn't weren't don't doesn't didn't can't couldn't wouldn't won't shouldn't haven't hasn't".split(' '),
);
export const WH_WORDS = new Set("what which who whom whose where when why how what's who's where's when's why's how's whats".split(' '));
// Words that carry no topic: overlap with the previous turn is measured on the rest.
const FUNCTION_WORDS = new Set(
  "a an the and or but so if then than that this these those there here it its it's i i'm i've i'd me my mine you you're you've your yours we our us they them their he she his her him to of in on at for from with by about as into like just really very also too not no yes yeah oh uh um okay ok well right do does did is are was were be been being am have has had can could would will should what which who where when why how".split(' '),
);

export function isQuestion(s: Sentence): boolean {
  return s.norm.endsWith(' ? ');
}

// Discourse openers that say nothing about the sentence's form: "well, do you…" is still a yes-no question.
export const OPENERS = new Set('so and but or oh ah well uh um now okay ok yeah yes no then like hmm right alright sorry wait hey'.split(' '));

/** The first word after any discourse openers. */
export function headWord(s: Sentence): string {
  return words(s.norm).find((w) => !OPENERS.has(w)) ?? '';
}

// An auxiliary before its subject anywhere: "in your opinion , do you think …" is inverted.
const INVERSION = / (do|does|did|is|are|was|were|can|could|would|will|should|have|has|had|am) (you|i|we|they|he|she|it|there|this|that) /;

/** A question with no wh-word and no inverted auxiliary: "you worked with p files ?" */
export function isDeclarativeQuestion(s: Sentence): boolean {
  if (!isQuestion(s)) return false;
  const head = headWord(s);
  return head !== '' && !AUXILIARIES.has(head) && !words(s.norm).some((w) => WH_WORDS.has(w)) && !INVERSION.test(s.norm);
}

// Frequent English words that other languages written in Latin script rarely use.
export const ENGLISH = new Set('the is are was were you your it that this to of and in for with do does did have has what so be not we they my me can will would should there'.split(' '));

// Operators, brackets and camelCase: code that was not fenced. "quantity / divider < min ?"
const CODE_LIKE = /[{}()[\]<>=%;/\\_|]|[a-z][A-Z]/;

/**
 * Whether rules that read sentence shape (not phrases) may judge this sentence: English prose, not
 * unfenced code, in Latin script and, past three words, with a common English word in it.
 * "Wie passiert eine Inflation?" and "minQuantity ?" are not.
 */
export function isProse(s: Sentence): boolean {
  if (CODE_LIKE.test(s.text)) return false;
  const letters = s.norm.replace(/[^\p{L}]/gu, '');
  const latin = letters.replace(/[^a-z]/g, '');
  if (letters.length === 0 || latin.length / letters.length < 0.9) return false;
  const w = words(s.norm);
  return w.length <= 3 || w.some((x) => ENGLISH.has(x));
}

// A turn up to this many words is read whole; past it, only its closing paragraph speaks to the other.
export const SHORT_TURN_WORDS = 60;

/**
 * Whether the sentence closes its turn: in a short turn, or in a long one's last block. A question
 * put to the other party closes a reply ("…What have you tried so far?"); questions in the middle
 * of a long one are mostly content (survey items, sample dialogue, marketing copy).
 */
export function isClosing(ctx: SentenceContext): boolean {
  return closesTurn(ctx.turn, ctx.sentence.blockIndex, ctx.sentence.block);
}

/** isClosing for every sentence of one block: it depends on nothing but the block. */
export function closesTurn(turn: TurnView, blockIndex: number, kind: BlockKind): boolean {
  if (turn.words <= SHORT_TURN_WORDS) return true;
  // A list ending a long reply is content too: survey items, interview questions.
  const lastBlock = turn.segments ? turn.segments.lastSentenceBlock() : lastSentence(turn)?.blockIndex;
  return kind !== 'list-item' && blockIndex === lastBlock;
}

export function lastSentence(turn: TurnView | null): Sentence | undefined {
  if (turn?.segments) return turn.segments.lastSentence();
  return turn?.sentences[turn.sentences.length - 1];
}

/** Whether the previous turn ended by asking something. */
export function prevEndsWithQuestion(ctx: SentenceContext): boolean {
  const segments = ctx.prev?.segments;
  // A last block without a question mark cannot end on a question; no need to split it.
  if (segments && !segments.blocks[segments.lastSentenceBlock()]?.masked.includes('?')) return false;
  const last = lastSentence(ctx.prev);
  return last !== undefined && isQuestion(last);
}

/** Whether the sentence is its turn's first. */
export function isFirstSentence(ctx: SentenceContext): boolean {
  // On demand, a sentence outside the first block with a sentence is not the first, whatever came before.
  if (ctx.turn.segments && ctx.sentence.blockIndex !== ctx.turn.segments.firstSentenceBlock()) return false;
  return ctx.sentence.index === 0;
}

/** Whether the sentence is the whole turn. */
export function isWholeTurn(ctx: SentenceContext): boolean {
  const segments = ctx.turn.segments;
  if (!segments) return ctx.turn.sentences.length === 1;
  const first = segments.firstSentenceBlock();
  return first === segments.lastSentenceBlock() && segments.sentenceCount(first) === 1;
}

export function contentWords(norm: string): string[] {
  return words(norm).filter(isContentWord);
}

/** A word that carries a topic: not a function word, and longer than one letter. */
export function isContentWord(word: string): boolean {
  return word.length > 1 && !FUNCTION_WORDS.has(word);
}

const overlapCache = new WeakMap<TurnView, Set<string>>();

function stem(word: string): string {
  // Plural and possessive folding is enough for overlap: "files" ~ "file".
  return word.replace(/(?:'s|s)$/, '');
}

/** Share of the sentence's content words that the previous turn also used: how much it restates. */
export function overlapWithPrev(ctx: SentenceContext): number {
  if (!ctx.prev) return 0;
  let prevWords = overlapCache.get(ctx.prev);
  if (!prevWords) {
    // On demand, the blocks' norms hold the same words as the sentences' norms.
    const norms = ctx.prev.segments ? ctx.prev.segments.blocks.map((_, i) => ctx.prev!.segments!.norm(i)) : ctx.prev.sentences.map((s) => s.norm);
    prevWords = new Set(norms.flatMap((norm) => contentWords(norm).map(stem)));
    overlapCache.set(ctx.prev, prevWords);
  }
  const mine = contentWords(ctx.sentence.norm).map(stem);
  if (mine.length === 0) return 0;
  return mine.filter((w) => prevWords.has(w)).length / mine.length;
}

// Past this many words an unpunctuated run is not a typed question, and compromise's parse would be slow.
const QUESTION_WORDS_MAX = 40;

// Final punctuation that says the sentence does not ask: "When setting a table you should:".
const FINAL_PUNCTUATION = /[.!:;,)\]"'\u201D]\s*$/;

// Discourse openers and fillers at the start of a sentence, each a word of its own, with the commas and dashes after them.
const LEADING_OPENERS = new RegExp(`^\\s*(?:(?:${[...OPENERS].join('|')})(?=[\\s,.!\u2026-]|$)[\\s,.!\u2026-]*)+`, 'i');

/** Whether a sentence stops without final punctuation, so that without a "?" only compromise can tell whether it asks. */
export function endsUnpunctuated(s: Sentence): boolean {
  return !FINAL_PUNCTUATION.test(s.text);
}

/**
 * Whether a sentence asks something. A final "?" says yes and other final punctuation ("When
 * setting a table you should:") says no; a typed turn that simply stops ("what have you tried so
 * far") is read by compromise, from the first word after any openers ("so um how long have you
 * been playing"). compromise is about 40× slower than wink-nlp, so it is loaded on first use and
 * asked only about candidate sentences.
 */
export function readsAsQuestion(s: Sentence): boolean {
  if (isQuestion(s)) return true;
  if (!endsUnpunctuated(s) || words(s.norm).length > QUESTION_WORDS_MAX) return false;
  // compromise reads a question from its first word: past the openers, "so um how long have you been playing" opens with "how".
  const text = s.text.replace(LEADING_OPENERS, '');
  if (text === '') return false;
  return compromiseAsks(text);
}
