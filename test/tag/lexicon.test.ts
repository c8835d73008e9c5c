/**
 * The lexicons as data: every entry's example is caught by that very entry, every counterexample
 * is not, the same for the rules written as code, and bad lexicons are rejected when they load
 * with a message that names the file, the entry and the fix.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { ACT_IDS } from '../../src/model.js';
import { segment } from '../../src/segment/sentences.js';
import { compileLexicons, lexiconDir, loadLexicons, parseLexicon, type LexiconEntry } from '../../src/tag/lexicon.js';
import { ACTS } from '../../src/tag/registry.js';
import { formatTrace, tagCase, type Case } from '../helpers/act-tester.js';
import { ROOT } from '../helpers/cli.js';

const NEUTRAL_STATEMENT = 'I have a question about my report.';
const NEUTRAL_QUESTION = 'Can you help me with my report?';
const OPENING_SENTENCE = 'Here is the revised plan.';

/** The turn an entry's example is read in: a prev, role and position that meet the entry's `when`. */
function contextFor(entry: LexiconEntry, text: string): Case {
  const { when } = entry;
  const prev = when.after === 'question' ? NEUTRAL_QUESTION : NEUTRAL_STATEMENT;
  const role = when.role ?? 'assistant';
  // An entry that never counts first is read after an opening sentence, unless its example has one.
  if (when.first === false && segment(text).sentences.length < 2) return { text: `${OPENING_SENTENCE} ${text}`, prev, role };
  return { text, prev, role };
}

describe('lexicon examples and counterexamples', () => {
  for (const act of ACTS) {
    describe(act.id, () => {
      for (const entry of act.entries) {
        if (entry.kind === 'cue') {
          it(`${entry.rule} catches its example ${JSON.stringify(entry.example)}`, () => {
            const outcome = tagCase(contextFor(entry, entry.example));
            const rules = outcome.findings.filter((f) => f.act === act.id).map((f) => f.rule);
            expect(rules, formatTrace(outcome)).toContain(entry.rule);
          });
        } else {
          it(`${entry.rule} (veto) rules out its example ${JSON.stringify(entry.example)}`, () => {
            const outcome = tagCase(contextFor(entry, entry.example));
            const steps = outcome.traces.flatMap((t) => t.decisions.filter((d) => d.act === act.id).flatMap((d) => d.steps));
            const trace = formatTrace(outcome);
            expect(steps.some((s) => s.rule === entry.rule && s.kind === 'veto' && s.outcome === 'fired'), trace).toBe(true);
            expect(outcome.findings.filter((f) => f.act === act.id), trace).toEqual([]);
          });
        }
        const counter = entry.counterexample;
        if (counter !== undefined) {
          it(`${entry.rule} does not catch its counterexample ${JSON.stringify(counter)}`, () => {
            const outcome = tagCase(contextFor(entry, counter));
            expect(outcome.findings.map((f) => f.rule), formatTrace(outcome)).not.toContain(entry.rule);
          });
        }
      }
      for (const rule of act.rules) {
        const id = `${act.id}/${rule.id}`;
        it(`${id} (code) catches its example ${JSON.stringify(rule.example.text)}`, () => {
          const outcome = tagCase(rule.example);
          expect(outcome.findings.filter((f) => f.act === act.id).map((f) => f.rule), formatTrace(outcome)).toEqual([id]);
        });
        it(`${id} (code) does not catch its counterexample ${JSON.stringify(rule.counterexample.text)}`, () => {
          const outcome = tagCase(rule.counterexample);
          const steps = outcome.traces.flatMap((t) => t.decisions.flatMap((d) => d.steps));
          expect(steps.map((s) => s.rule), formatTrace(outcome)).not.toContain(id);
        });
      }
    });
  }

  it('every entry and rule has an example, and every rule a counterexample', () => {
    for (const act of ACTS) {
      for (const entry of act.entries) expect(entry.example.trim(), entry.rule).not.toBe('');
      for (const rule of act.rules) {
        expect(rule.example.text.trim(), rule.id).not.toBe('');
        expect(rule.counterexample.text.trim(), rule.id).not.toBe('');
      }
    }
  });
});

/** A minimal valid lexicon, with `entries` replaced. */
function lexicon(entries: string, extra = ''): string {
  return `act: clarification\ndescription: test lexicon\n${extra}entries:\n${entries}`;
}

const ENTRY = `  - id: do-you-mean\n    patterns: ["do you mean"]\n    note: asks\n    example: Do you mean it?\n`;
const FILE = 'lexicons/en/clarification.yml';

function errorOf(text: string, shared = {}): string {
  try {
    parseLexicon(text, FILE, shared);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected parseLexicon to reject the lexicon');
}

describe('parseLexicon', () => {
  it('accepts a minimal lexicon and prefixes rule ids with the act', () => {
    const parsed = parseLexicon(lexicon(ENTRY), FILE);
    expect(parsed.act).toBe('clarification');
    expect(parsed.entries.map((e) => [e.rule, e.kind])).toEqual([['clarification/do-you-mean', 'cue']]);
    expect(parsed.entries[0]!.patterns[0]!.regex.test(' so do you mean this ? ')).toBe(true);
    expect(parsed.entries[0]!.when).toEqual({});
  });

  it('uses shared sets, and a lexicon set of the same name wins', () => {
    const entry = `  - id: opener-cue\n    patterns: ["^ @opener i see"]\n    note: n\n    example: e\n`;
    const shared = parseLexicon(lexicon(entry), FILE, { opener: ['oh'] });
    expect(shared.entries[0]!.patterns[0]!.regex.test(' oh i see . ')).toBe(true);
    const own = parseLexicon(lexicon(entry, 'sets:\n  opener: [ah]\n'), FILE, { opener: ['oh'] });
    expect(own.entries[0]!.patterns[0]!.regex.test(' oh i see . ')).toBe(false);
    expect(own.entries[0]!.patterns[0]!.regex.test(' ah i see . ')).toBe(true);
  });

  it('rejects duplicate ids, naming the file, the entry and the fix', () => {
    const message = errorOf(lexicon(ENTRY + ENTRY));
    expect(message).toContain(FILE);
    expect(message).toContain('entry 2 (`do-you-mean`)');
    expect(message).toContain('duplicate id');
    expect(message).toContain('Give each entry its own id.');
  });

  it('rejects an empty pattern list, naming the field', () => {
    const message = errorOf(lexicon(`  - id: empty\n    patterns: []\n    note: n\n    example: e\n`));
    expect(message).toContain(FILE);
    expect(message).toContain('entries.0.patterns');
    expect(message).toContain('give at least one pattern');
  });

  it('rejects an empty pattern', () => {
    const message = errorOf(lexicon(`  - id: empty\n    patterns: [""]\n    note: n\n    example: e\n`));
    expect(message).toContain('entries.0.patterns.0');
    expect(message).toContain('a pattern may not be empty');
  });

  it('rejects unknown keys in an entry, in `when` and at the top level', () => {
    expect(errorOf(lexicon(`${ENTRY}    colour: red\n`))).toMatch(/clarification\.yml: field `entries\.0`.*colour/);
    expect(errorOf(lexicon(`${ENTRY}    when: { last: true }\n`))).toMatch(/field `entries\.0\.when`.*last/);
    expect(errorOf(lexicon(ENTRY, 'author: me\n'))).toMatch(/field `\(top level\)`.*author/);
  });

  it('rejects an act that does not exist and ids that are not kebab-case', () => {
    expect(errorOf(lexicon(ENTRY).replace('act: clarification', 'act: greeting'))).toContain('field `act`');
    expect(errorOf(lexicon(ENTRY.replace('do-you-mean', 'Do_You_Mean')))).toContain('use kebab-case');
  });

  it('rejects YAML that does not parse', () => {
    expect(errorOf('act: [clarification\n')).toMatch(/clarification\.yml: expected YAML, found a syntax error at line 2, column 1: .*Fix the YAML syntax\./);
  });

  const badPatterns: Array<[string, string, RegExp]> = [
    ['an unknown set', '@nowhere', /unknown set @nowhere; define it under `sets:`/],
    ['an unclosed group', '(do|did you mean', /`\(` is never closed with `\)`/],
    ['an unclosed option', '[just to confirm', /`\[` is never closed with `\]`/],
    ['a stray closer', 'do you mean)', /unmatched `\)`; remove it or open its group/],
    ['an upper-case word', 'Do you mean', /unexpected `Do you mean`.*use lower-case words/],
    ['`^` in the middle', 'do ^ you mean', /`\^` is out of place/],
    ['`$` in the middle', 'i see $ now', /`\$` is out of place/],
    ['an end mark in the middle', '(do|did)? you mean', /the end mark `\?` may only end a pattern/],
    ['gaps alone', '* *', /a pattern of gaps alone matches everything; add a word/],
    ['an anchored gap alone', '^ * $', /a pattern of gaps alone/],
    ['an empty alternative', '(a|)', /an empty alternative or group/],
    ['a regex construct', 'do you mean.+', /unexpected `\+`/],
  ];
  for (const [what, pattern, expected] of badPatterns) {
    it(`rejects ${what}: ${JSON.stringify(pattern)}`, () => {
      const message = errorOf(lexicon(`  - id: bad\n    patterns: [${JSON.stringify(pattern)}]\n    note: n\n    example: e\n`));
      expect(message).toContain(FILE);
      expect(message).toContain(`entry 1 (\`bad\`), pattern \`${pattern}\``);
      expect(message).toMatch(expected);
      expect(message).toContain('Rewrite the pattern.');
    });
  }
});

describe('loadLexicons', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the real lexicon folder, minus `drop`, with `replace` files overwritten or added. */
  function copy(drop: string[] = [], replace: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'grounding-lexicons-'));
    dirs.push(dir);
    for (const name of readdirSync(lexiconDir())) {
      if (!drop.includes(name)) writeFileSync(join(dir, name), readFileSync(join(lexiconDir(), name), 'utf8'));
    }
    for (const [name, text] of Object.entries(replace)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it('loads one lexicon per act from the real folder, with a stable hash', () => {
    const { lexicons, hash } = loadLexicons();
    expect([...lexicons.keys()].sort()).toEqual([...ACT_IDS].sort());
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(loadLexicons(copy()).hash).toBe(hash);
  });

  it('requires a file for every act', () => {
    const dir = copy(['repair.yml']);
    expect(() => loadLexicons(dir)).toThrow(UsageError);
    expect(() => loadLexicons(dir)).toThrow(/expected a lexicon file `repair\.yml` for the act `repair`, found none\. Add it\./);
  });

  it('requires each file to name its own act', () => {
    const text = readFileSync(join(lexiconDir(), 'followup.yml'), 'utf8');
    const dir = copy([], { 'repair.yml': text });
    expect(() => loadLexicons(dir)).toThrow(/repair\.yml: expected `act: repair` to match the file name, found `act: followup`/);
  });

  it('rejects a lexicon file for an act that does not exist', () => {
    const dir = copy([], { 'greeting.yml': lexicon(ENTRY).replace('act: clarification', 'act: greeting') });
    expect(() => loadLexicons(dir)).toThrow(/greeting\.yml: field `act`/);
  });

  it('validates the shared sets file', () => {
    const dir = copy([], { '_shared.yml': 'sets:\n  opener: []\n' });
    expect(() => loadLexicons(dir)).toThrow(/_shared\.yml: field `sets\.opener`/);
  });

  it('changes the hash when a lexicon or a word list beside them changes', () => {
    const text = readFileSync(join(lexiconDir(), 'repair.yml'), 'utf8');
    expect(loadLexicons(copy([], { 'repair.yml': `${text}\n# edited\n` })).hash).not.toBe(loadLexicons().hash);
    const feelings = readFileSync(join(lexiconDir(), 'feelings.txt'), 'utf8');
    expect(loadLexicons(copy([], { 'feelings.txt': `${feelings}\nhomesick\n` })).hash).not.toBe(loadLexicons().hash);
  });

  describe('the compiled form', () => {
    /** A copy of the lexicons and, outside it, their compiled form. */
    function compiledCopy(): { dir: string; file: string } {
      const dir = copy();
      const file = join(mkdtempSync(join(tmpdir(), 'grounding-compiled-')), 'lexicons.json');
      dirs.push(dirname(file));
      writeFileSync(file, compileLexicons(dir));
      return { dir, file };
    }

    it('reads back exactly what the YAML gives', () => {
      const { dir, file } = compiledCopy();
      const compiled = loadLexicons(dir, file);
      expect(compiled.from).toBe('compiled');
      const yaml = loadLexicons(dir, null);
      expect(yaml.from).toBe('yaml');
      expect(compiled.hash).toBe(yaml.hash);
      expect(compiled.lexicons).toEqual(yaml.lexicons);
      // toEqual compares regular expressions by source and flags; they must also match alike.
      const regexes = (l: typeof yaml) => [...l.lexicons.values()].flatMap((x) => x.entries.flatMap((e) => e.patterns.map((p) => p.regex)));
      expect(regexes(compiled).map((r) => r.test(' do you mean the red one ? '))).toEqual(regexes(yaml).map((r) => r.test(' do you mean the red one ? ')));
    });

    it('is used only while it was compiled from the same YAML, and never when it is unreadable', () => {
      const { dir, file } = compiledCopy();
      const repair = join(dir, 'repair.yml');
      writeFileSync(repair, `${readFileSync(repair, 'utf8')}\n# edited\n`);
      expect(loadLexicons(dir, file).from).toBe('yaml');
      writeFileSync(file, '{"key":');
      expect(loadLexicons(dir, file).from).toBe('yaml');
    });

    it('is what the build wrote for the bundled lexicons, and what the built CLI reads', async () => {
      const built = (await import(pathToFileURL(join(ROOT, 'dist', 'tag', 'lexicon.js')).href)) as typeof import('../../src/tag/lexicon.js');
      const loaded = built.loadLexicons();
      expect(loaded.from).toBe('compiled');
      expect(loaded.lexicons).toEqual(loadLexicons(lexiconDir(), null).lexicons);
    });
  });
});
