/**
 * The lexicon pattern language. Patterns are phrases, not free regular expressions, so that none
 * can backtrack catastrophically: every construct consumes whole tokens of the normalized
 * sentence (see segment/normalize.ts), and the only repetition is a bounded gap.
 *
 *   do you mean            the words, anywhere in the sentence
 *   ^ (oh|ah) i see $      `^` the sentence starts here; `$` it ends here, allowing `.` and `!`
 *   huh ? $                 (write the `?` to end on a question)
 *   [just] to confirm      `[…]` optional, `(a|b c)` alternatives, nestable
 *   so you * right ?       `*` zero to four words; `?` `.` `!` the end marks themselves
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
      } else if (t.value === '*') out += `(?:[^ ]+ ){0,${GAP_WORDS}}`;
      else if (t.value === '(' || t.value === '[') {
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
