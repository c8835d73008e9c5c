/**
 * The lexicon pattern language. Patterns are phrases, not free regular expressions, so that none
 * can backtrack catastrophically: every construct consumes whole tokens of the normalized
 * sentence (see segment/normalize.ts), and the only repetition is a bounded gap.
 *
 *   do you mean            the words, anywhere in the sentence
 *   ^ (oh|ah) i see $      `^` the sentence starts here; `$` it ends here, allowing `.` and `!`
 *   huh ? $                 (write the `?` to end on a question)
 *   [just] to confirm      `[…]` optional, `(a|b c)` alternatives, nestable
 *   so you * right ?       `*` zero to four words (`* *` zero to eight); `?` `.` `!` the end marks themselves
 *   @backchannel           any phrase of the lexicon's set of that name
 */

export const GAP_WORDS = 4;

type Token = { kind: 'word' | 'mark' | 'set'; value: string } | { kind: 'op'; value: '(' | ')' | '[' | ']' | '|' | '^' | '$' | '*' };

export class PatternError extends Error {
  override name = 'PatternError';
}

const TOKEN = /\s*(?:([()[\]|^$*])|([?.!])|@([a-z][a-z0-9-]*)|([\p{Ll}\p{N}][\p{Ll}\p{N}'-]*))/uy;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) {
      const rest = source.slice(at).trimStart();
      throw new PatternError(`unexpected \`${rest.slice(0, 12)}\` at column ${at + 1}; use lower-case words, ( | ), [ ], *, ^, $, ? . ! or @set`);
    }
    if (m[1]) tokens.push({ kind: 'op', value: m[1] as '(' });
    else if (m[2]) tokens.push({ kind: 'mark', value: m[2] });
    else if (m[3]) tokens.push({ kind: 'set', value: m[3] });
    else tokens.push({ kind: 'word', value: m[4]! });
  }
  return tokens;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase from a set or word list, as a run of tokens: "all right" → "all right ". */
export function phraseSource(phrase: string): string {
  const norm = phrase.trim().toLowerCase().split(/\s+/);
  return norm.map((w) => `${escape(w)} `).join('');
}

/** Compile one pattern to a regular expression over normalized sentences. */
export function compilePattern(source: string, sets: Readonly<Record<string, readonly string[]>>): RegExp {
  const tokens = tokenize(source);
  let i = 0;
  let anchoredStart = false;
  let anchoredEnd = false;
  if (tokens[0]?.kind === 'op' && tokens[0].value === '^') {
    anchoredStart = true;
    i = 1;
  }
  const last = tokens[tokens.length - 1];
  let end = tokens.length;
  if (last?.kind === 'op' && last.value === '$' && tokens.length > i) {
    anchoredEnd = true;
    end -= 1;
  }

  function parseAlternatives(close: ')' | ']' | null): string {
    const alternatives: string[] = [parseSequence(close)];
    while (i < end && tokens[i]!.kind === 'op' && tokens[i]!.value === '|') {
      i += 1;
      alternatives.push(parseSequence(close));
    }
    return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
  }

  function parseSequence(close: ')' | ']' | null): string {
    let out = '';
    let items = 0;
    while (i < end) {
      const t = tokens[i]!;
      if (t.kind === 'op' && (t.value === '|' || t.value === close)) break;
      i += 1;
      items += 1;
      if (t.kind === 'word') out += `${escape(t.value)} `;
      else if (t.kind === 'mark') {
        // "(a|b)? c" would silently demand a literal "?" mid-sentence; optional parts are written "[a|b]".
        if (i !== end || close !== null) throw new PatternError(`the end mark \`${t.value}\` may only end a pattern; write an optional part as \`[…]\``);
        out += `${escape(t.value)} `;
      }
      else if (t.kind === 'set') {
        const set = sets[t.value];
        if (!set || set.length === 0) throw new PatternError(`unknown set @${t.value}; define it under \`sets:\``);
        out += `(?:${set.map(phraseSource).join('|')})`;
      } else if (t.value === '*') {
        // Gaps in a row are one longer gap: "* *" is zero to eight words, and never backtracks through the ways of splitting them.
        let gaps = 1;
        while (i < end && tokens[i]!.kind === 'op' && tokens[i]!.value === '*') {
          i += 1;
          gaps += 1;
        }
        out += `(?:[^ ]+ ){0,${gaps * GAP_WORDS}}`;
      } else if (t.value === '(' || t.value === '[') {
        const closer = t.value === '(' ? ')' : ']';
        const inner = parseAlternatives(closer);
        if (i >= end || tokens[i]!.value !== closer) throw new PatternError(`\`${t.value}\` is never closed with \`${closer}\``);
        i += 1;
        out += closer === ')' ? `(?:${inner})` : `(?:${inner})?`;
      } else if (t.value === ')' || t.value === ']') throw new PatternError(`unmatched \`${t.value}\`; remove it or open its group`);
      else throw new PatternError(`\`${t.value}\` is out of place; \`^\` may only start a pattern and \`$\` only end it`);
    }
    if (items === 0) throw new PatternError('an empty alternative or group; remove the stray `|` or empty brackets');
    return out;
  }

  const body = parseAlternatives(null);
  if (i < end) throw new PatternError(`unmatched \`${String(tokens[i]!.value)}\``);
  if (/^(?:\(\?:\[\^ \]\+ \)\{0,\d+\})+$/.test(body)) throw new PatternError('a pattern of gaps alone matches everything; add a word');
  return new RegExp(`${anchoredStart ? '^ ' : ' '}${body}${anchoredEnd ? '(?:[.!] )*$' : ''}`);
}

/** A parsed pattern, for finding the words every match must contain. */
type Node =
  | { kind: 'token'; value: string }
  | { kind: 'set'; phrases: string[][] }
  | { kind: 'gap' }
  | { kind: 'optional'; inner: Node }
  | { kind: 'alternatives'; options: Node[] }
  | { kind: 'sequence'; items: Node[] };

function parseNodes(tokens: Token[], sets: Readonly<Record<string, readonly string[]>>): Node {
  let i = tokens[0]?.kind === 'op' && tokens[0].value === '^' ? 1 : 0;
  const last = tokens[tokens.length - 1];
  const end = last?.kind === 'op' && last.value === '$' && tokens.length > i ? tokens.length - 1 : tokens.length;
  const alternatives = (): Node => {
    const options = [sequence()];
    while (i < end && tokens[i]!.value === '|') {
      i += 1;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alternatives', options };
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    while (i < end) {
      const t = tokens[i]!;
      if (t.kind === 'op' && (t.value === '|' || t.value === ')' || t.value === ']')) break;
      i += 1;
      if (t.kind === 'word' || t.kind === 'mark') items.push({ kind: 'token', value: t.value });
      else if (t.kind === 'set') items.push({ kind: 'set', phrases: (sets[t.value] ?? []).map((p) => p.trim().toLowerCase().split(/\s+/)) });
      else if (t.value === '*') items.push({ kind: 'gap' });
      else if (t.value === '(' || t.value === '[') {
        const inner = alternatives();
        i += 1; // the closing bracket, checked by compilePattern
        items.push(t.value === '(' ? inner : { kind: 'optional', inner });
      }
    }
    return items.length === 1 ? items[0]! : { kind: 'sequence', items };
  };
  return alternatives();
}

/**
 * What every match of a pattern holds: one of a few runs of consecutive tokens (`phrases`), and,
 * when `start` is given, at the start of the sentence after the optional parts listed there
 * (each a set of phrases, in order, each present or not). `?` `.` `!` are the end marks.
 */
export interface Anchor {
  phrases: string[][];
  start?: string[][][];
}

type Phrases = string[][];

const MARKS = new Set(['?', '.', '!']);
// Beyond this many phrases a cross product of alternatives is not worth scanning for.
const MAX_PHRASES = 64;

// Words so frequent in chat text that a scan for one alone finds too many lines.
const FREQUENT = new Set(
  [
    "a an the and or but so if to of in on at for from with by as into about is are was were be been being am do does did done have has had",
    "can could would will should may might must shall i i'm i've i'd i'll me my mine you you're you've you'd you'll your yours it it's its",
    "he she they them their his her him we us our this that that's these those there here what which who whom how when where why not no yes",
    "don't doesn't didn't can't won't isn't aren't oh ok okay well just really very more most all any some one two other only also still since",
    "then than now get got see know think like want need make made sure right let please help give show tell say said back long start feel",
    "use using used go going come end try found find check provide information following message question questions context often else",
    "consider follow share second moment love looking look correct correctly understanding understand options time way thing things good",
    "new first last next much many each every same own over out up down off again even new work working",
  ].join(' ').split(' '),
);

/** Roughly how often a token stands at a given place in chat text. */
export function tokenRate(t: string): number {
  if (t === '?') return 0; // every line with "?" is a candidate anyway
  if (t === '.') return 1;
  if (t === '!') return 0.05;
  if (FREQUENT.has(t)) return 0.01;
  return t.length < 3 ? 0.003 : 0.0003;
}

// A phrase at a sentence's start is about this much rarer than anywhere in it.
const AT_START = 0.1;

/** The phrase's rarest token: a scan for it finds every place the phrase stands. */
export function rarestToken(phrase: readonly string[]): string {
  return phrase.reduce((best, t) => (tokenRate(t) < tokenRate(best) || (tokenRate(t) === tokenRate(best) && t.length > best.length) ? t : best));
}

/** Roughly how often one of the phrases stands at a given place. */
function rate(phrases: Phrases): number {
  let sum = 0;
  for (const p of phrases) sum += p.reduce((r, t) => r * tokenRate(t), 1);
  return sum;
}

const exact = new WeakMap<Node, Phrases | null>();

/** Every token sequence the node can match, when there are few and none is empty; else null. */
function exactly(node: Node): Phrases | null {
  let phrases = exact.get(node);
  if (phrases === undefined) exact.set(node, (phrases = exactlyOnce(node)));
  return phrases;
}

function exactlyOnce(node: Node): Phrases | null {
  switch (node.kind) {
    case 'token':
      return [[node.value]];
    case 'set':
      return node.phrases;
    case 'gap':
    case 'optional':
      return null;
    case 'alternatives': {
      const out: Phrases = [];
      for (const option of node.options) {
        const phrases = exactly(option);
        if (!phrases) return null;
        out.push(...phrases);
      }
      return out.length <= MAX_PHRASES ? out : null;
    }
    case 'sequence': {
      let out: Phrases = [[]];
      for (const item of node.items) {
        const phrases = exactly(item);
        if (!phrases || out.length * phrases.length > MAX_PHRASES) return null;
        out = out.flatMap((head) => phrases.map((tail) => [...head, ...tail]));
      }
      return out;
    }
  }
}

/** A phrase set a scan can look for: no empty phrase, and end marks only alone. */
function scannable(phrases: Phrases | null): phrases is Phrases {
  return phrases !== null && phrases.length > 0 && phrases.every((p) => p.length === 1 || (p.length > 1 && !p.some((t) => MARKS.has(t))));
}

/** The rarer of two phrase sets, either of which may be null. */
function rarer(a: Phrases | null, b: Phrases | null): Phrases | null {
  if (!scannable(a)) return scannable(b) ? b : null;
  if (!scannable(b)) return a;
  return rate(b) < rate(a) ? b : a;
}

/** The runs of up to three consecutive items from `k`, as phrases: the rarest that can be scanned. */
function runFrom(items: readonly Node[], k: number): Phrases | null {
  let best: Phrases | null = null;
  for (const width of [1, 2, 3]) {
    if (k + width <= items.length) best = rarer(best, exactly({ kind: 'sequence', items: items.slice(k, k + width) }));
  }
  return best;
}

/** Phrases of which every match holds one, the rarest choice; or null. */
function anywhere(node: Node): Phrases | null {
  let best = rarer(null, exactly(node));
  if (node.kind === 'alternatives') {
    const out: Phrases = [];
    for (const option of node.options) {
      const phrases = anywhere(option);
      if (!phrases) return best;
      out.push(...phrases);
    }
    best = rarer(best, out);
  } else if (node.kind === 'sequence') {
    node.items.forEach((item, k) => {
      best = rarer(best, anywhere(item));
      best = rarer(best, runFrom(node.items, k));
    });
  }
  return best;
}

/** What every match starts with: optional parts, then one of some phrases; or null. */
function first(node: Node): Required<Anchor> | null {
  if (node.kind === 'sequence') {
    const start: Phrases[] = [];
    for (const [k, item] of node.items.entries()) {
      if (item.kind === 'gap') return null;
      if (item.kind === 'optional') {
        const phrases = exactly(item.inner);
        if (!scannable(phrases)) return null;
        start.push(phrases);
        continue;
      }
      const phrases = runFrom(node.items, k);
      return phrases ? { phrases, start } : null;
    }
    return null;
  }
  const phrases = rarer(null, exactly(node));
  return phrases ? { phrases, start: [] } : null;
}

/**
 * What every match of the pattern holds, the rarest choice found: `(do|did) you mean` → "do you
 * mean" or "did you mean" anywhere; `^ [@opener] just to confirm` → "just to confirm" at the
 * sentence's start, perhaps after an opener; `so you * right ?` → "?". A scan for it finds every
 * sentence the pattern could match, and few others. Null when no such choice was found.
 */
export function patternAnchor(source: string, sets: Readonly<Record<string, readonly string[]>>): Anchor | null {
  // Only for a source compilePattern accepts: the parse below trusts its checks.
  const tokens = tokenize(source);
  const node = parseNodes(tokens, sets);
  const inside = anywhere(node);
  const atStart = tokens[0]?.kind === 'op' && tokens[0].value === '^' ? first(node) : null;
  if (atStart && (!inside || rate(atStart.phrases) * AT_START < rate(inside))) return atStart;
  return inside ? { phrases: inside } : null;
}

const APOSTROPHE = "['\u2018\u2019\u02BC`\u00B4]";

/** A normalized token as it may stand in raw lower-cased text: any apostrophe for "'" (see normalize.ts). */
export function rawToken(token: string): string {
  return escape(token).replace(/'/g, APOSTROPHE);
}

/**
 * A scan over raw lower-cased text that finds every place one of the phrases could stand in its
 * normalized form: the rarest word of each, as a whole word. A normalized token is a run of letters,
 * digits, apostrophes and hyphens, so in the raw text no letter or digit touches it.
 */
export function wordScan(phrases: readonly (readonly string[])[]): RegExp {
  const words = [...new Set(phrases.map(rarestToken))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(rawToken).join('|')})(?![\\p{L}\\p{N}])`, 'u');
}
