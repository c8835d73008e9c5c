import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { Role } from '../../src/model.js';
import { loadLexicons, parseLexicon, type LexiconEntry } from '../../src/tag/lexicon.js';
import { ACTS } from '../../src/tag/registry.js';
import { tagView, viewOf } from '../../src/tag/tagger.js';

/** A turn before each example that satisfies the entry's conditions. */
function prevFor(entry: LexiconEntry): string {
  return entry.when.after === 'question' ? 'Is the server running?' : 'I have a question about my quarterly report.';
}

function rulesFired(text: string, prev: string | undefined, role: Role): string[] {
  const other: Role = role === 'assistant' ? 'user' : 'assistant';
  const { traces } = tagView(viewOf(role, text), prev === undefined ? null : viewOf(other, prev), 't', true);
  return (traces ?? []).flatMap((t) => t.decisions.flatMap((d) => d.steps.filter((s) => s.outcome === 'fired').map((s) => s.rule)));
}

describe('every lexicon entry', () => {
  for (const act of ACTS) {
    for (const entry of act.entries) {
      const role: Role = entry.when.role ?? 'assistant';
      it(`${entry.rule}: its example fires it`, () => {
        expect(rulesFired(entry.example, prevFor(entry), role)).toContain(entry.rule);
      });
      if (entry.counterexample) {
        it(`${entry.rule}: its counterexample does not`, () => {
          expect(rulesFired(entry.counterexample!, prevFor(entry), role)).not.toContain(entry.rule);
        });
      }
    }
  }
});

describe('every code rule', () => {
  for (const act of ACTS) {
    for (const rule of act.rules) {
      const id = `${act.id}/${rule.id}`;
      it(`${id}: its example tags the act by this rule`, () => {
        const { findings } = tagView(viewOf('assistant', rule.example.text), rule.example.prev ? viewOf('user', rule.example.prev) : null, 't');
        expect(findings.map((f) => f.rule)).toContain(id);
      });
      it(`${id}: its counterexample does not fire it`, () => {
        expect(rulesFired(rule.counterexample.text, rule.counterexample.prev, 'assistant')).not.toContain(id);
      });
    }
  }
});

const entry = (over: string) => `act: clarification\ndescription: d\nentries:\n${over}`;

describe('parseLexicon rejects, naming file, entry and fix', () => {
  it.each([
    ['a duplicate id', entry('  - {id: a, patterns: [x], note: n, example: e}\n  - {id: a, patterns: [y], note: n, example: e}\n'), /lex\.yml: entry 2 \(`a`\): duplicate id `a`\. Give each entry its own id\./],
    ['an empty pattern list', entry('  - {id: a, patterns: [], note: n, example: e}\n'), /field `entries\.0\.patterns`: give at least one pattern/],
    ['an empty pattern', entry("  - {id: a, patterns: [''], note: n, example: e}\n"), /a pattern may not be empty/],
    ['an unknown set', entry('  - {id: a, patterns: ["@nope"], note: n, example: e}\n'), /pattern `@nope`: unknown set @nope; define it under `sets:`\. Rewrite the pattern\./],
    ['an unclosed group', entry('  - {id: a, patterns: ["(a|b"], note: n, example: e}\n'), /is never closed/],
    ['upper-case words', entry('  - {id: a, patterns: ["Hello"], note: n, example: e}\n'), /use lower-case words/],
    ['a caret in the middle', entry('  - {id: a, patterns: ["a ^ b"], note: n, example: e}\n'), /out of place/],
    ['gaps only', entry('  - {id: a, patterns: ["* *"], note: n, example: e}\n'), /gaps alone matches everything/],
    ['an end mark mid-pattern', entry('  - {id: a, patterns: ["(a|b)? c"], note: n, example: e}\n'), /may only end a pattern/],
    ['an unknown key', entry('  - {id: a, patterns: [x], note: n, example: e, weight: 2}\n'), /field `entries\.0`/],
    ['a non-kebab id', entry('  - {id: Bad_Id, patterns: [x], note: n, example: e}\n'), /kebab-case/],
    ['invalid YAML', 'act: [unclosed', /lex\.yml: YAML:/],
  ])('%s', (_name, text, message) => {
    expect(() => parseLexicon(text, 'lex.yml')).toThrow(UsageError);
    expect(() => parseLexicon(text, 'lex.yml')).toThrow(message);
  });
});

describe('loadLexicons', () => {
  it('loads one lexicon per act, with a stable hash', () => {
    const { lexicons, hash } = loadLexicons();
    expect([...lexicons.keys()].sort()).toEqual(ACTS.map((a) => a.id).sort());
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('requires a file for every act', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grounding-lex-'));
    try {
      writeFileSync(join(dir, 'repair.yml'), 'act: repair\ndescription: d\nentries:\n  - {id: a, patterns: [x], note: n, example: e}\n');
      expect(() => loadLexicons(dir)).toThrow(/expected a lexicon file `clarification\.yml`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
