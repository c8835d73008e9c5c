/**
 * The features of one unit, as names: the model file keeps a weight per name, and an explanation
 * shows the names that weighed most. Five families, as the tagger issue asks:
 *   - the words: unigrams and bigrams of the unit's tokens (end marks included), its opening words
 *     and its head word after discourse openers, its closing tokens;
 *   - the lexicons and rules: every cue, veto and rule that fired on the sentence around the unit,
 *     and cues whose phrase matched but whose condition did not (`unmet:`), so that the lexicons
 *     stay the explainable knowledge they are and the model learns how far to trust each;
 *   - form and position: question or not, which kind of question, length, first or last in the
 *     turn, in a short turn or a long one's closing block, in a list item;
 *   - the turn before: whether it asked a question, its length, and how many of the unit's content
 *     words it used (restatements and follow-ups live there);
 *   - role: in typed chat every feature is also emitted joined to the speaker's role, so that a
 *     user's "why?" and an assistant's can weigh differently. Transcripts and typed chat are read
 *     by a model each (model.ts), so what "okay." means in a meeting need not be what it means
 *     in a chat with an assistant.
 */
import type { Domain, Role } from '../../model.js';
import type { Step } from '../act.js';
import { AUXILIARIES, ENGLISH, OPENERS, WH_WORDS, isContentWord } from '../context.js';
import type { Unit } from './units.js';

/** What the features read of the turn before. */
export interface PrevInfo {
  role: Role;
  words: number;
  /** Whether its last unit of its own ends with "?". */
  asked: boolean;
  /** Whether the same speaker said it (an utterance continuing their own turn). */
  sameSpeaker: boolean;
  /** Its text, lower-cased: content words are looked up in it. */
  lower: string;
  /** The words of its first unit and of its last (a complaint opens a turn; a question closes one), and the same without repeats. */
  opening: readonly string[];
  closing: readonly string[];
  openingSet: ReadonlySet<string>;
  closingSet: ReadonlySet<string>;
}

export interface UnitContext {
  unit: Unit;
  role: Role;
  domain: Domain;
  /** Words in the turn (outside masked spans). */
  turnWords: number;
  /** The kind of block the unit stands in. */
  listItem: boolean;
  prev: PrevInfo | null;
  /** Steps of every cue, veto and rule on the candidate sentences around the unit. */
  steps: readonly Step[];
}

/**
 * Where features go. A feature's name is `prefix` then its parts, joined by spaces
 * (`put('b:', 'i', 'misunderstood')` is `b:i misunderstood`); `at` names parts by their index in the
 * unit's tokens, given first to `start` with `<s>` and `</s>` around them. The model scores a unit by
 * hashing each token once and combining the hashes (model.ts), so tagging builds no feature
 * string; training and explanations build the names (featureNames).
 */
export interface FeatureSink {
  start(tokens: readonly string[]): void;
  at(prefix: string, i: number, j?: number, k?: number): void;
  put(prefix: string, a?: string, b?: string, c?: string): void;
}

/** The name of a feature from its parts. */
export function featureName(prefix: string, a?: string, b?: string, c?: string): string {
  return a === undefined ? prefix : b === undefined ? prefix + a : c === undefined ? `${prefix}${a} ${b}` : `${prefix}${a} ${b} ${c}`;
}

/** A sink that names every feature it is given. */
export class NameSink implements FeatureSink {
  readonly names = new Set<string>();
  private tokens: readonly string[] = [];

  start(tokens: readonly string[]): void {
    this.tokens = tokens;
  }

  at(prefix: string, i: number, j?: number, k?: number): void {
    const t = this.tokens;
    this.names.add(featureName(prefix, t[i], j === undefined ? undefined : t[j], k === undefined ? undefined : t[k]));
  }

  put(prefix: string, a?: string, b?: string, c?: string): void {
    this.names.add(featureName(prefix, a, b, c));
  }
}

/** A unit's features as names, repeats left out. */
export function featureNames(ctx: UnitContext, config: Pick<FeatureConfig, 'chars'>): string[] {
  const sink = new NameSink();
  baseFeatures(ctx, config, sink);
  return [...sink.names];
}

/** How a kind of text's model reads units: transcripts and typed chat have a model each. */
export interface FeatureConfig {
  /** Each feature also joined to the speaker's role (`user|…`, `assistant|…`): typed chat, where roles differ in what they do. */
  roles: boolean;
  /** Character 4-grams of the unit's words (`c:`), which carry stems and other languages' words. */
  chars: boolean;
}

const BUCKETS = new Map<readonly number[], string[]>();

/** `≤5`, `>34`: the first edge n is at most, or past the last; the names are made once per edge list. */
function bucket(n: number, edges: readonly number[]): string {
  let names = BUCKETS.get(edges);
  if (!names) BUCKETS.set(edges, (names = [...edges.map((e) => `≤${e}`), `>${edges[edges.length - 1]}`]));
  for (let i = 0; i < edges.length; i += 1) if (n <= edges[i]!) return names[i]!;
  return names[edges.length]!;
}

const LENGTHS = [1, 2, 3, 5, 8, 13, 21, 34];
const SHARED = [0, 1, 2, 4];
const TURN_WORDS = [3, 8, 20, 60, 150, 400];

/** Plural and possessive folded: "files" ~ "file" (as context.ts's overlap does). */
function stem(word: string): string {
  return word.endsWith("'s") ? word.slice(0, -2) : word.endsWith('s') ? word.slice(0, -1) : word;
}

const YOU = new Set(['you', 'your', "you're", "you've"]);
const I = new Set(['i', 'my', "i'm", 'me', "i've"]);
const isEndMark = (t: string) => t === '?' || t === '.' || t === '!';

/** Whether `word` stands in `text` as a whole word (lower case). */
function hasWord(text: string, word: string): boolean {
  let at = text.indexOf(word);
  while (at >= 0) {
    const before = at === 0 ? 32 : text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + word.length);
    if (!isWordChar(before) && (Number.isNaN(after) || !isWordChar(after) || after === 115 /* plural s */)) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c > 127;
}

const CHAR_SPAN = 120;

/** Character 4-grams of the first CHAR_SPAN characters of a norm, each word padded with spaces. */
function charGrams(norm: string, sink: FeatureSink): void {
  const text = norm.length > CHAR_SPAN ? norm.slice(0, CHAR_SPAN) : norm;
  const seen = new Set<string>();
  for (let i = 0; i + 4 <= text.length; i += 1) {
    const g = text.slice(i, i + 4);
    if (g.trim().length < 2 || seen.has(g)) continue;
    seen.add(g);
    sink.put('c:', g);
  }
}

/** The plain features of a unit, before joining: those of the unit itself and those of its turn. */
export function baseFeatures(ctx: UnitContext, config: Pick<FeatureConfig, 'chars'>, sink: FeatureSink): void {
  unitOwnFeatures(ctx, config, sink);
  turnFeatures(ctx, sink);
}

/** The features every unit of a turn shares (the turn's length, the turn before, the role): the tagger scores them once a turn. */
export function turnFeatures(ctx: Omit<UnitContext, 'unit' | 'steps' | 'listItem'>, sink: FeatureSink): void {
  sink.put('turn:', bucket(ctx.turnWords, TURN_WORDS));
  sink.put('role:', ctx.role);
  const { prev } = ctx;
  if (!prev) return void sink.put('prev:none');
  sink.put(prev.asked ? 'prev:asked' : 'prev:stated');
  if (prev.sameSpeaker) sink.put('prev:same-speaker');
  sink.put('prev:', bucket(prev.words, TURN_WORDS));
  for (const w of prev.openingSet) sink.put('prev-opens:', w);
  if (prev.opening.length > 0) sink.put('prev-s1:', prev.opening[0]);
  for (const w of prev.closingSet) sink.put('prev-closes:', w);
}

/** The features of the unit itself, read against the turn before. */
export function unitOwnFeatures(ctx: UnitContext, config: Pick<FeatureConfig, 'chars'>, sink: FeatureSink): void {
  const { unit } = ctx;
  // The norm is " tok tok ? ": its tokens between the spaces, with `<s>` and `</s>` around them.
  const tokens = unit.norm.split(' ');
  tokens[0] = '<s>';
  tokens[tokens.length - 1] = '</s>';
  sink.start(tokens);
  const last = tokens.length - 2;
  const ws: number[] = [];
  let you = false;
  let i = false;
  let english = false;
  // Repeats are left out where the features are read: featureNames, and the model's scorer.
  for (let k = 1; k <= last; k += 1) {
    const t = tokens[k]!;
    sink.at('w:', k);
    sink.at('b:', k - 1, k);
    if (isEndMark(t)) continue;
    ws.push(k);
    you ||= YOU.has(t);
    i ||= I.has(t);
    english ||= ENGLISH.has(t);
  }
  sink.at('b:', last, last + 1);
  if (ws.length > 0) {
    sink.at('s1:', ws[0]!);
    if (ws.length > 1) sink.at('s2:', ws[0]!, ws[1]!);
    if (ws.length > 2) sink.at('s3:', ws[0]!, ws[1]!, ws[2]!);
  }
  const headAt = ws.findIndex((k) => !OPENERS.has(tokens[k]!));
  const head = headAt >= 0 ? tokens[ws[headAt]!]! : '';
  if (head) sink.at('h:', ws[headAt]!);
  if (headAt > 0) sink.at('opener:', ws[0]!);
  const lastToken = last >= 1 ? tokens[last]! : '';
  if (last >= 1) sink.at('e1:', last);
  else sink.put('e1:', '');
  if (last > 1) sink.at('e2:', last - 1, last);

  // Form.
  const question = lastToken === '?';
  sink.put('len:', bucket(ws.length, LENGTHS));
  sink.put(question ? 'form:question' : lastToken === '.' ? 'form:period' : lastToken === '!' ? 'form:exclamation' : 'form:unpunctuated');
  const headKind = WH_WORDS.has(head) ? 'wh' : AUXILIARIES.has(head) ? 'aux' : 'other';
  sink.put('head:', headKind);
  if (question) sink.put('question:', headKind);
  if (you) sink.put('you');
  if (i) sink.put('i');
  // Another language: the English words above mean nothing there, and its own words are rare in training.
  if (ws.length > 3 && !english) sink.put('not-english');

  // Position.
  if (unit.first && unit.last) sink.put('pos:whole-turn');
  else sink.put(unit.first ? 'pos:first' : unit.last ? 'pos:last' : 'pos:middle');
  if (unit.closing) sink.put('pos:closing');
  if (ctx.listItem) sink.put('pos:list-item');

  // The turn before.
  const { prev } = ctx;
  if (prev) {
    // Who spoke before changes what a short reply is: "yeah." after the other's statement is a backchannel; after one's own, a continuation.
    const speaker = prev.sameSpeaker ? 'same' : 'other';
    if (ws.length > 0) sink.put('s1-after:', tokens[ws[0]!], speaker);
    sink.put('form-after:', question ? 'question' : lastToken === '.' ? 'period' : 'other', speaker, prev.asked ? 'asked' : 'stated');
    sink.put('len-after:', bucket(ws.length, LENGTHS), prev.asked ? 'asked' : 'stated');
    if (prev.asked && ws.length > 0) sink.at('prev-asked:', ws[0]!);
    const content = new Set<string>();
    for (const k of ws) if (isContentWord(tokens[k]!)) content.add(stem(tokens[k]!));
    if (content.size > 0) {
      let shared = 0;
      for (const w of content) if (hasWord(prev.lower, w)) shared += 1;
      sink.put('shared:', bucket(shared, SHARED));
      const share = shared / content.size;
      sink.put('overlap:', share === 0 ? '0' : share < 0.34 ? 'low' : share < 0.67 ? 'mid' : 'high');
      if (question) sink.put('question-overlap:', share === 0 ? '0' : share < 0.5 ? 'low' : 'high');
    } else sink.put('content:none');
  }

  // Lexicons and rules.
  for (const step of ctx.steps) {
    if (step.kind === 'veto') {
      if (step.outcome === 'fired') sink.put('veto:', step.rule);
    } else sink.put(step.outcome === 'fired' ? 'rule:' : 'unmet:', step.rule);
  }
  if (config.chars) charGrams(unit.norm, sink);
}

/** The prefixes of a unit's joined copies (see FeatureConfig). */
export function featurePrefixes(role: Role, config: Pick<FeatureConfig, 'roles'>): string[] {
  return config.roles ? [`${role}|`] : [];
}

/** Plain features and their joined copies. */
export function joinFeatures(base: readonly string[], prefixes: readonly string[], emit: (name: string) => void): void {
  for (const name of base) {
    emit(name);
    for (const p of prefixes) emit(p + name);
  }
}

const PLAIN: Record<string, string> = {
  'form:question': 'ends with a question mark',
  'form:period': 'ends with a full stop',
  'form:exclamation': 'ends with an exclamation mark',
  'form:unpunctuated': 'has no final punctuation',
  'pos:whole-turn': 'is the whole turn',
  'pos:first': 'opens the turn',
  'pos:last': 'closes the turn',
  'pos:middle': 'stands mid-turn',
  'pos:closing': 'in the closing part of the turn',
  'pos:list-item': 'in a list item',
  'prev:none': 'no turn before',
  'prev:asked': 'the turn before asked a question',
  'prev:stated': 'the turn before asked nothing',
  'prev:same-speaker': 'the same speaker said the turn before',
  'content:none': 'no content words',
  you: 'addresses the other ("you")',
  'not-english': 'not in English',
  i: 'speaks of the speaker ("I")',
};

/** A feature and its weight as explanations show them: `"misunderstood" +1.40`. */
export function describeWeighed(feature: string, weight: number): string {
  return `${describeFeature(feature)} ${weight >= 0 ? '+' : '−'}${Math.abs(weight).toFixed(2)}`;
}

/** A feature name as an explanation shows it: `"misunderstood"`, `rule:repair/i-misunderstood`, `the turn before asked a question`. */
export function describeFeature(name: string): string {
  const bar = name.indexOf('|');
  const scope = bar >= 0 ? ` (${name.slice(0, bar)})` : '';
  const plain = bar >= 0 ? name.slice(bar + 1) : name;
  const colon = plain.indexOf(':');
  const kind = plain.slice(0, colon);
  const value = plain.slice(colon + 1);
  let text: string;
  if (PLAIN[plain]) text = PLAIN[plain]!;
  else if (kind === 'w') text = `"${value}"`;
  else if (kind === 'b') text = `"${value.replace('<s> ', '^').replace(' </s>', '$')}"`;
  else if (kind === 's1' || kind === 's2' || kind === 's3') text = `opens with "${value}"`;
  else if (kind === 'h') text = `head word "${value}"`;
  else if (kind === 'opener') text = `opener "${value}"`;
  else if (kind === 'e1' || kind === 'e2') text = `ends with "${value}"`;
  else if (kind === 'len') text = `${value} words`;
  else if (kind === 'head') text = `head word is ${value === 'wh' ? 'a wh-word' : value === 'aux' ? 'an auxiliary' : 'neither wh-word nor auxiliary'}`;
  else if (kind === 'question') text = `a ${value === 'wh' ? 'wh-' : value === 'aux' ? 'yes/no ' : 'declarative '}question`;
  else if (kind === 'turn') text = `turn of ${value} words`;
  else if (kind === 'prev') text = `turn before of ${value} words`;
  else if (kind === 'prev-asked') text = `"${value}" after a question`;
  else if (kind === 'prev-opens') text = `"${value}" in the turn before's first sentence`;
  else if (kind === 's1-after') text = `opens with "${value.split(' ')[0]}" after ${value.endsWith('same') ? 'the same' : 'another'} speaker`;
  else if (kind === 'form-after') text = `a ${value.split(' ')[0]} after ${value.split(' ')[1] === 'same' ? 'the same' : 'another'} speaker's turn that ${value.endsWith('asked') ? 'asked' : 'stated'}`;
  else if (kind === 'len-after') text = `${value.split(' ')[0]} words after a turn that ${value.endsWith('asked') ? 'asked' : 'stated'}`;
  else if (kind === 'prev-s1') text = `the turn before opens with "${value}"`;
  else if (kind === 'prev-closes') text = `"${value}" in the turn before's last sentence`;
  else if (kind === 'shared') text = `${value} content words shared with the turn before`;
  else if (kind === 'overlap' || kind === 'question-overlap') text = `${kind === 'overlap' ? '' : 'a question with '}${value} overlap with the turn before`;
  else if (kind === 'role') text = `said by the ${value}`;
  else if (kind === 'c') text = `"${value.trim()}" in a word`;
  else text = plain; // rule:, veto:, unmet: read as they are
  return text + scope;
}
