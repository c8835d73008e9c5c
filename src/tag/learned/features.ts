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
 *   - role and kind of text: every feature is also emitted joined to the kind of text (spoken or
 *     typed) and, in typed chat, to the role, so that what "okay." means in a meeting need not be
 *     what it means in a chat with an assistant.
 */
import type { Domain, Role } from '../../model.js';
import { words } from '../../segment/normalize.js';
import type { Step } from '../act.js';
import { AUXILIARIES, OPENERS, WH_WORDS, contentWords } from '../context.js';
import type { Unit } from './units.js';

/** What the features read of the turn before. */
export interface PrevInfo {
  role: Role;
  words: number;
  /** Whether its last unit of its own ends with "?". */
  asked: boolean;
  /** Its text, lower-cased: content words are looked up in it. */
  lower: string;
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

/** Which joined copies are emitted besides the plain features. */
export interface FeatureConfig {
  /** `domain`: each feature also joined to the kind of text; `domain-role`: and in typed chat, to the role too. */
  conjoin: 'none' | 'domain' | 'domain-role';
}

function bucket(n: number, edges: readonly number[]): string {
  for (const edge of edges) if (n <= edge) return `≤${edge}`;
  return `>${edges[edges.length - 1]}`;
}

const LENGTHS = [1, 2, 3, 5, 8, 13, 21, 34];
const TURN_WORDS = [3, 8, 20, 60, 150, 400];

function stem(word: string): string {
  return word.replace(/(?:'s|s)$/, '');
}

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

/** The plain features of a unit, before joining. */
export function baseFeatures(ctx: UnitContext, emit: (name: string) => void): void {
  const { unit } = ctx;
  const tokens = unit.norm.split(' ').filter((t) => t !== '');
  const seen = new Set<string>();
  for (const t of tokens) {
    if (seen.has(t)) continue;
    seen.add(t);
    emit(`w:${t}`);
  }
  let prevToken = '<s>';
  for (const t of tokens) {
    emit(`b:${prevToken} ${t}`);
    prevToken = t;
  }
  emit(`b:${prevToken} </s>`);
  const ws = words(unit.norm);
  if (ws.length > 0) {
    emit(`s1:${ws[0]}`);
    if (ws.length > 1) emit(`s2:${ws[0]} ${ws[1]}`);
    if (ws.length > 2) emit(`s3:${ws[0]} ${ws[1]} ${ws[2]}`);
  }
  const headAt = ws.findIndex((w) => !OPENERS.has(w));
  const head = headAt >= 0 ? ws[headAt]! : '';
  if (head) emit(`h:${head}`);
  if (headAt > 0) emit(`opener:${ws[0]}`);
  const lastToken = tokens[tokens.length - 1] ?? '';
  emit(`e1:${lastToken}`);
  if (tokens.length > 1) emit(`e2:${tokens[tokens.length - 2]} ${lastToken}`);

  // Form.
  const question = lastToken === '?';
  emit(`len:${bucket(ws.length, LENGTHS)}`);
  emit(question ? 'form:question' : lastToken === '.' ? 'form:period' : lastToken === '!' ? 'form:exclamation' : 'form:unpunctuated');
  const headKind = WH_WORDS.has(head) ? 'wh' : AUXILIARIES.has(head) ? 'aux' : 'other';
  emit(`head:${headKind}`);
  if (question) emit(`question:${headKind}`);
  if (ws.some((w) => w === 'you' || w === 'your' || w === "you're" || w === "you've")) emit('you');
  if (ws.some((w) => w === 'i' || w === 'my' || w === "i'm" || w === 'me' || w === "i've")) emit('i');

  // Position.
  if (unit.first && unit.last) emit('pos:whole-turn');
  else emit(unit.first ? 'pos:first' : unit.last ? 'pos:last' : 'pos:middle');
  if (unit.closing) emit('pos:closing');
  if (ctx.listItem) emit('pos:list-item');
  emit(`turn:${bucket(ctx.turnWords, TURN_WORDS)}`);

  // The turn before.
  const { prev } = ctx;
  if (!prev) emit('prev:none');
  else {
    emit(prev.asked ? 'prev:asked' : 'prev:stated');
    emit(`prev:${bucket(prev.words, TURN_WORDS)}`);
    if (prev.asked && ws.length > 0) emit(`prev-asked:${ws[0]}`);
    const content = [...new Set(contentWords(unit.norm).map(stem))];
    if (content.length > 0) {
      const shared = content.filter((w) => hasWord(prev.lower, w)).length;
      emit(`shared:${bucket(shared, [0, 1, 2, 4])}`);
      const share = shared / content.length;
      emit(`overlap:${share === 0 ? '0' : share < 0.34 ? 'low' : share < 0.67 ? 'mid' : 'high'}`);
      if (question) emit(`question-overlap:${share === 0 ? '0' : share < 0.5 ? 'low' : 'high'}`);
    } else emit('content:none');
  }

  // Lexicons and rules.
  for (const step of ctx.steps) {
    if (step.kind === 'veto') {
      if (step.outcome === 'fired') emit(`veto:${step.rule}`);
    } else emit(`${step.outcome === 'fired' ? 'rule' : 'unmet'}:${step.rule}`);
  }
  emit(`role:${ctx.role}`);
}

/** The prefixes of a unit's joined copies (see FeatureConfig). */
export function featurePrefixes(domain: Domain, role: Role, config: FeatureConfig): string[] {
  const prefixes: string[] = [];
  if (config.conjoin !== 'none') prefixes.push(domain === 'spoken' ? 'spoken|' : 'typed|');
  if (config.conjoin === 'domain-role' && domain === 'typed') prefixes.push(`typed-${role}|`);
  return prefixes;
}

/** Plain features and their joined copies. */
export function joinFeatures(base: readonly string[], prefixes: readonly string[], emit: (name: string) => void): void {
  for (const name of base) {
    emit(name);
    for (const p of prefixes) emit(p + name);
  }
}

/** Every feature of a unit: the plain ones and their joined copies (see FeatureConfig). */
export function unitFeatures(ctx: UnitContext, config: FeatureConfig, emit: (name: string) => void): void {
  const prefixes = featurePrefixes(ctx.domain, ctx.role, config);
  baseFeatures(ctx, (name) => {
    emit(name);
    for (const p of prefixes) emit(p + name);
  });
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
  'content:none': 'no content words',
  you: 'addresses the other ("you")',
  i: 'speaks of the speaker ("I")',
};

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
  else if (kind === 'shared') text = `${value} content words shared with the turn before`;
  else if (kind === 'overlap' || kind === 'question-overlap') text = `${kind === 'overlap' ? '' : 'a question with '}${value} overlap with the turn before`;
  else if (kind === 'role') text = `said by the ${value}`;
  else text = plain; // rule:, veto:, unmet: read as they are
  return text + scope;
}
