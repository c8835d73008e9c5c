/**
 * Regex safety: no pattern can backtrack catastrophically, whether written in the code, in the
 * lexicons or by a user in a lexicon of their own.
 *
 * - Every regular expression in src/ (found by the TypeScript parser: literals, and `new RegExp`
 *   of literal text) runs against adversarial 100 KB strings, built from generic runs and from the
 *   characters the pattern itself looks for, within a time budget no super-linear pattern can meet.
 *   A pattern over it, which a busy machine can cause, is timed again on the same strings at an
 *   eighth of the size and at full size (test/helpers/growth.ts): it fails when its time grows
 *   faster than linearly.
 * - Any phrase pattern a user could write (generated from the pattern language's grammar)
 *   compiles to a regex whose only repeats are bounded, and runs in linear time the same way; a
 *   raw regular expression in a lexicon is refused, never compiled.
 * - Whole turns of 100 KB adversarial text tag in a few seconds.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { Conversation } from '../../src/model.js';
import { normalize } from '../../src/segment/normalize.js';
import { parseLexicon } from '../../src/tag/lexicon.js';
import { compilePattern, GAP_WORDS, PatternError } from '../../src/tag/pattern.js';
import { withoutGaps } from '../helpers/gaps.js';
import { growth, LINEAR_LIMIT } from '../helpers/growth.js';
import { ACTS } from '../../src/tag/registry.js';
import { tagConversation } from '../../src/tag/tagger.js';
import { ROOT } from '../helpers/cli.js';

const SIZE = 100_000;
/** One pattern over every adversarial string. A linear scan of them all takes a few ms; a quadratic one, minutes. */
const BUDGET_MS = 1_500;
/**
 * The same for a generated user pattern. Gaps nest (`(* [* *] *) do`): each is bounded, so the
 * scan stays linear, but every way to share up to 16 words among four gaps is tried at each
 * position, which took up to 1.5 s here with the rest of the suite running.
 */
const USER_BUDGET_MS = 5_000;

interface Found {
  where: string;
  regex: RegExp;
}

/** Every regex literal, and every `new RegExp` of literal text, in the TypeScript sources under src/. */
function regexesInSource(): Found[] {
  const found: Found[] = [];
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(join(ROOT, 'src', file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      const where = `src/${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const end = literal.lastIndexOf('/');
        found.push({ where, regex: new RegExp(literal.slice(1, end), literal.slice(end + 1)) });
      } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp' && node.arguments?.length) {
        const [pattern, flags] = node.arguments;
        if (pattern && ts.isStringLiteralLike(pattern) && (!flags || ts.isStringLiteralLike(flags))) {
          found.push({ where, regex: new RegExp(pattern.text, flags && ts.isStringLiteralLike(flags) ? flags.text : '') });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const fill = (unit: string, tail = '', size = SIZE) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size - tail.length) + tail;

/** Runs of what patterns commonly repeat over, alone or after a prefix, each ending in a character that makes a match fail late. */
const generic = (size: number) => [
  ' ', 'a', 'a ', 'A', '0', '.', '?', '!', '-', '_', '*', '#', '|', ':', ': ', '"', "'", '`', '\\', '/', '(', ')', '[', ']', '{', '}', '<', '>',
  '\t', '\n', '\r\n', '\u2028', '\u00a0', '\u201c', '\u2019', '\u2026', 'é', '😀', '𝐖', 'a.', 'a b.', 'ab1', 'x:', 'A (', 'you ', 'so ', '- a',
  '**', '__', 'https://', '{{', '1. ', '> ',
].flatMap((unit) => [
  fill(unit, '', size),
  fill(unit, '\u0000', size),
  fill(unit, '!x', size),
  // After what a pattern anchors on (a word, a name and its colon), with an end it cannot take.
  `a${fill(unit, '\u0000', size)}`,
  `a:${fill(unit, 'x\u2028', size)}`,
]);
const GENERIC = generic(SIZE);

/** Strings built from the characters a pattern looks for: each, and each pair, repeated. */
function pumped(regex: RegExp, size = SIZE): string[] {
  const chars = [...new Set(regex.source.replace(/\\[pPu]\{[^}]*\}|\\u[0-9a-fA-F]{4}|\\./g, ' ').replace(/[()[\]{}|^$*+?]/g, ''))].filter((c) => c.trim()).slice(0, 12);
  const units = [...chars, ...chars.flatMap((a, i) => chars.slice(i + 1, i + 4).map((b) => `${a}${b}`)), ...chars.map((c) => `${c} `)];
  return units.map((u) => fill(u, '\u0000', size));
}

/** Run a pattern the way the code does: every match for /g, a sticky tokenizer's run of matches for /y, else the first. */
function exercise(regex: RegExp, text: string): void {
  if (regex.sticky) {
    const r = new RegExp(regex.source, regex.flags);
    for (let m = r.exec(text); m && r.lastIndex < text.length; m = r.exec(text)) if (m[0] === '') break;
  } else if (regex.global) {
    text.replace(new RegExp(regex.source, regex.flags), '');
  } else regex.exec(text);
}

/** Time to run the pattern over the strings; stops early once past the budget, so a slow pattern costs one budget. */
function timeOver(regex: RegExp, strings: readonly string[]): number {
  const started = performance.now();
  for (const s of strings) {
    exercise(regex, s);
    if (performance.now() - started > BUDGET_MS) break;
  }
  return performance.now() - started;
}

describe('regular expressions in the code', () => {
  const found = regexesInSource();

  it('finds the patterns it checks (the TypeScript parser sees the sources)', () => {
    expect(found.length).toBeGreaterThan(60);
    expect(found.some((f) => f.where.startsWith('src/ingest/transcript.ts'))).toBe(true);
    expect(found.some((f) => f.where.startsWith('src/segment/markdown.ts'))).toBe(true);
  });

  it(`runs every one over adversarial ${SIZE / 1000} KB strings in linear time`, () => {
    const slow: string[] = [];
    for (const { where, regex } of found) {
      timeOver(regex, ['warm up the compiled form of the pattern', 'é😀']);
      const ms = timeOver(regex, [...GENERIC, ...pumped(regex)]);
      if (ms <= BUDGET_MS) continue;
      // Over the budget: linear but slowed by a busy machine, or super-linear. How it grows tells.
      const ratio = growth((n) => [...generic(n), ...pumped(regex, n)], (s) => exercise(regex, s), SIZE / 8);
      if (ratio >= 8 * LINEAR_LIMIT) slow.push(`${where} /${regex.source.slice(0, 80)}/ took ${Math.round(ms)} ms, and 8× the input took ${ratio.toFixed(1)}× the time`);
    }
    expect(slow).toEqual([]);
  });

  it('tells a quadratic pattern from a linear one (the check can fail)', () => {
    // Two greedy runs of the same thing, then a character that never comes: n² steps on n a's.
    const quadratic = /^a*a*b$/;
    const at = (n: number) => timeOver(quadratic, ['a'.repeat(n)]);
    at(1_000);
    expect(at(10_000) / Math.max(at(1_000), 0.05)).toBeGreaterThan(20);
  });
});

describe('patterns a user writes in a lexicon', () => {
  const word = fc.constantFrom('do', 'you', 'mean', 'so', 'i', 'see', "i'm", 'uh-huh', 'a', 'it', '2019');
  const phrase: fc.Arbitrary<string> = fc.letrec<{ item: string; seq: string }>((tie) => ({
    item: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      word,
      word,
      fc.constant('*'),
      fc.constant('@opener'),
      fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((alts) => `(${alts.join('|')})`),
      fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((alts) => `[${alts.join('|')}]`),
    ),
    seq: fc.array(tie('item'), { minLength: 1, maxLength: 4 }).map((items) => items.join(' ')),
  })).seq;
  const pattern = fc.tuple(fc.boolean(), phrase, fc.constantFrom('', ' ?', ' $', ' ? $', ' .')).map(([start, body, end]) => `${start ? '^ ' : ''}${body}${end}`);
  const SETS = { opener: ['oh', 'ah', 'all right', 'well'] };
  const hostileAt = (size: number) =>
    [...generic(size).slice(0, 30), ...['do you ', 'so you mean ', 'i see . ', 'oh ', 'a ? '].map((unit) => fill(unit, '', size))].flatMap((s) => [s, normalize(s.slice(0, size / 5))]);
  const hostile = hostileAt(SIZE);

  it('compiles any pattern of the language to a regex whose only repeats are bounded, and runs it in linear time', () => {
    fc.assert(
      fc.property(pattern, (source) => {
        let regex: RegExp;
        try {
          regex = compilePattern(source, SETS);
        } catch (err) {
          // Some generated phrases are not in the language (e.g. gaps alone); they are refused, with a reason.
          expect(err).toBeInstanceOf(PatternError);
          return;
        }
        const rest = withoutGaps(regex.source).replace('(?:[.!] )*$', '');
        expect(rest, source).not.toMatch(/(?<!\\)[*+]|\{\d*,\d*\}/);
        if (timeOver(regex, hostile) <= USER_BUDGET_MS) return;
        expect(growth((n) => hostileAt(n), (s) => exercise(regex, s), SIZE / 8), source).toBeLessThan(8 * LINEAR_LIMIT);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses raw regular expressions in a lexicon file, naming the file and the entry', () => {
    const lexicon = (pattern: string) =>
      `act: clarification\ndescription: user lexicon\nentries:\n  - id: evil\n    patterns: [${JSON.stringify(pattern)}]\n    note: a test\n    example: a test\n`;
    for (const evil of ['(a+)+$', '.*.*=.*', '(?:x*)*y', '\\d{1,1000}{1,1000}', 'a{2,}', '(?<=a)b', 'x\\1', '[a-z]+']) {
      expect(() => parseLexicon(lexicon(evil), 'user/clarification.yml'), evil).toThrow(UsageError);
      expect(() => parseLexicon(lexicon(evil), 'user/clarification.yml'), evil).toThrow(/user\/clarification\.yml: .*evil/);
    }
    expect(parseLexicon(lexicon('do you mean'), 'user/clarification.yml').entries).toHaveLength(1);
    // What looks like a regex but is a phrase is read as a phrase: `*` is the bounded gap, not a repeat.
    const [entry] = parseLexicon(lexicon('(a|aa) * b'), 'user/clarification.yml').entries;
    expect(entry!.patterns[0]!.regex.source).toContain(`{0,${GAP_WORDS}}`);
  });

  it('reads a lexicon as data only: YAML tags that would run code in some loaders are refused, and run nothing', () => {
    const g = globalThis as { pwned?: boolean };
    for (const tag of ['!!js/function', '!!js/eval', '!!python/object/apply:os.system', '!<tag:yaml.org,2002:js/function>']) {
      const text = `act: clarification\ndescription: ${tag} "function () { globalThis.pwned = true; return 'x' }"\nentries:\n  - id: a\n    patterns: [do you mean]\n    note: n\n    example: Do you mean it?\n`;
      expect(() => parseLexicon(text, 'user/clarification.yml'), tag).toThrow(/user\/clarification\.yml: expected plain YAML data, found a tag at line 2/);
      expect(g.pwned).toBeUndefined();
    }
  });
});

describe('whole turns of adversarial text', () => {
  const TURNS: Array<[string, string]> = [
    ['one unbroken run', 'x'.repeat(SIZE)],
    ['words without end marks', fill('so you mean ')],
    ['questions', fill('Do you mean it? ')],
    ['a run of question marks', '?'.repeat(SIZE)],
    ['backticks and quotes', fill('`"\u201c')],
    ['open brackets', fill('[{(<')],
    ['list markers', fill('- ')],
    ['voiced lines', fill('Bob: Do you mean it?\n')],
    ['long lines of spaces', fill(' ', 'x?')],
    ['emoji and astral letters', fill('😀𝐖🬭 ')],
    ['urls', fill('https://a.b/?q= ')],
    ['markdown emphasis', fill('**Question**: ')],
  ];

  it('tags each 100 KB adversarial turn in under 5 s, with offsets inside the turn', () => {
    // Warm up: load the models and compile the lexicons, as the first turn of any run does.
    tagConversation(conversationOf('Hello.', 'Do you mean the 2019 edition? I see.'));
    const slow: string[] = [];
    for (const [name, text] of TURNS) {
      const started = performance.now();
      const [, tagged] = tagConversation(conversationOf('Which edition do you need?', text));
      const ms = performance.now() - started;
      if (ms > 5_000) slow.push(`${name}: ${Math.round(ms)} ms`);
      for (const f of tagged!.findings) expect(text.slice(f.start, f.end), name).toBe(f.text);
    }
    expect(slow).toEqual([]);
  });
});

function conversationOf(prev: string, text: string): Conversation {
  const turn = (index: number, role: 'user' | 'assistant', t: string) => ({ id: `t${index}`, conversationId: 'c', index, role, speaker: role, text: t, meta: {} });
  return { id: 'c', source: 'test', format: 'test', meta: {}, turns: [turn(0, 'user', prev), turn(1, 'assistant', text)] };
}
