/**
 * Every pattern's anchor (pattern.ts patternAnchor) is in every sentence the pattern matches: the
 * candidate filter looks for anchors, so a match without one would be a tag the filter loses.
 * Checked on sentences generated from each lexicon pattern's own grammar, with words around them.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { normalize } from '../../src/segment/normalize.js';
import { lexiconDir } from '../../src/tag/lexicon.js';
import { compilePattern, patternAnchor, type Anchor } from '../../src/tag/pattern.js';

/** Every lexicon's sets, its own over the shared ones, by act. */
function lexiconSets(): Map<string, Record<string, string[]>> {
  const dir = lexiconDir();
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  const shared = Object.assign({}, ...files.filter((f) => f.startsWith('_')).map((f) => parseYaml(readFileSync(join(dir, f), 'utf8')).sets));
  const out = new Map<string, Record<string, string[]>>();
  for (const f of files.filter((f) => !f.startsWith('_'))) {
    const data = parseYaml(readFileSync(join(dir, f), 'utf8'));
    out.set(f, { ...shared, ...(data.sets ?? {}) });
    for (const e of data.entries) for (const p of e.patterns) PATTERNS.push({ file: f, source: p });
  }
  return out;
}
const PATTERNS: Array<{ file: string; source: string }> = [];
const SETS = lexiconSets();
const FILLER = ['the', 'file', 'you', 'so', 'it', 'report', 'mean', 'see', '.', '?', '!', ','];

/** A random sentence the pattern matches: its grammar expanded, gaps filled, words around it. */
function expand(source: string, sets: Record<string, string[]>, pick: () => number): string {
  const tokens = source.match(/[()[\]|^$*]|@[a-z][a-z0-9-]*|[^\s()[\]|^$*]+/g) ?? [];
  let i = 0;
  const choose = <T,>(xs: readonly T[]): T => xs[Math.floor(pick() * xs.length)]!;
  const alternatives = (): string[] => {
    const options: string[][] = [sequence()];
    while (tokens[i] === '|') {
      i += 1;
      options.push(sequence());
    }
    return choose(options);
  };
  const sequence = (): string[] => {
    const out: string[] = [];
    while (i < tokens.length && !['|', ')', ']'].includes(tokens[i]!)) {
      const t = tokens[i++]!;
      if (t === '^' || t === '$') continue;
      if (t === '*') for (let k = Math.floor(pick() * 5); k > 0; k -= 1) out.push(choose(FILLER.filter((w) => /\w/.test(w))));
      else if (t === '(' || t === '[') {
        const inner = alternatives();
        i += 1;
        if (t === '(' || pick() < 0.5) out.push(...inner);
      } else if (t.startsWith('@')) out.push(choose(sets[t.slice(1)]!));
      else out.push(t);
    }
    return out;
  };
  const body = alternatives().join(' ');
  const before = source.startsWith('^') ? '' : choose(['', 'well the file', 'ok.', 'I know']);
  const after = source.trimEnd().endsWith('$') ? choose(['', '.', '!']) : choose(['', 'please', 'now?', '. next']);
  return `${before} ${body} ${after}`;
}

/** Whether the anchor stands in the normalized sentence as the filter looks for it. */
function holds(anchor: Anchor, norm: string): boolean {
  const tokens = norm.split(' ').filter(Boolean);
  const at = (k: number, phrase: readonly string[]) => phrase.every((t, j) => tokens[k + j] === t);
  const marks = anchor.phrases.filter((p) => p.length === 1 && /^[.!?]$/.test(p[0]!));
  if (marks.some(([m]) => tokens.includes(m!))) return true;
  if (!anchor.start) return tokens.some((_, k) => anchor.phrases.some((p) => at(k, p)));
  let positions = [0];
  for (const options of anchor.start) positions = [...positions, ...positions.flatMap((k) => options.filter((p) => at(k, p)).map((p) => k + p.length))];
  return positions.some((k) => anchor.phrases.some((p) => at(k, p)));
}

describe('patternAnchor', () => {
  it('finds an anchor for every lexicon pattern', () => {
    expect(PATTERNS.length).toBeGreaterThan(80);
    const missing = PATTERNS.filter((p) => patternAnchor(p.source, SETS.get(p.file)!) === null).map((p) => p.source);
    expect(missing).toEqual([]);
  });

  it('names the rarest phrases: whole phrases anywhere, or at the start after optional openers', () => {
    const sets = { opener: ['oh', 'all right'] };
    expect(patternAnchor('(do|did) you mean', sets)).toEqual({ phrases: [['do', 'you', 'mean'], ['did', 'you', 'mean']] });
    expect(patternAnchor('so you * right ?', sets)).toEqual({ phrases: [['?']] });
    expect(patternAnchor('^ [@opener] just to confirm', sets)).toEqual({ phrases: [['just', 'to', 'confirm']], start: [[['oh'], ['all', 'right']]] });
    expect(patternAnchor('[a] [b]', sets)).toBeNull();
  });

  it('holds in every sentence each lexicon pattern matches', () => {
    let matched = 0;
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), fc.infiniteStream(fc.integer({ min: 0, max: 999 })), ({ file, source }, stream) => {
        const sets = SETS.get(file)!;
        const it = stream[Symbol.iterator]();
        const norm = normalize(expand(source, sets, () => (it.next().value as number) / 1000));
        // The generator writes what the grammar allows; a sentence the pattern rejects proves nothing.
        if (!compilePattern(source, sets).test(norm)) return;
        matched += 1;
        const anchor = patternAnchor(source, sets)!;
        expect(holds(anchor, norm), `${source} → ${JSON.stringify(norm)} lacks ${JSON.stringify(anchor)}`).toBe(true);
      }),
      { numRuns: 5_000 },
    );
    expect(matched).toBeGreaterThan(3_000);
  });
});
