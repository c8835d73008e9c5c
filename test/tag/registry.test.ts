/**
 * The registry checks itself: act ids, lexicon files, act source files, test files and the
 * order in which acts yield to each other all agree.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACT_IDS, type ActId } from '../../src/model.js';
import { lexiconDir, loadLexicons } from '../../src/tag/lexicon.js';
import { ACTS, getAct } from '../../src/tag/registry.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the act registry', () => {
  it('holds exactly the acts of ACT_IDS, each once', () => {
    const ids = ACTS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ACT_IDS].sort());
  });

  for (const id of ACT_IDS) {
    describe(id, () => {
      const act = getAct(id);

      it('has a lexicon file, a source file and a test file named after it', () => {
        expect(existsSync(join(lexiconDir(), `${id}.yml`)), `lexicons/en/${id}.yml`).toBe(true);
        expect(existsSync(join(ROOT, 'src', 'tag', 'acts', `${id}.ts`)), `src/tag/acts/${id}.ts`).toBe(true);
        expect(existsSync(join(ROOT, 'test', 'tag', 'acts', `${id}.test.ts`)), `test/tag/acts/${id}.test.ts`).toBe(true);
      });

      it("carries its lexicon's description and entries", () => {
        const lexicon = loadLexicons().lexicons.get(id)!;
        expect(act.description).toBe(lexicon.description);
        expect(act.description.trim()).not.toBe('');
        expect(act.entries.map((e) => e.rule)).toEqual(lexicon.entries.map((e) => e.rule));
      });

      it('prefixes every rule id with the act, and no two rules share an id', () => {
        for (const entry of act.entries) expect(entry.rule).toBe(`${id}/${entry.id}`);
        const ids = [...act.entries.map((e) => e.id), ...act.rules.map((r) => r.id)];
        expect(new Set(ids).size, ids.join(', ')).toBe(ids.length);
        for (const rule of act.rules) expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      });

      it('has at least one cue, entry or rule, that can find it', () => {
        expect(act.entries.some((e) => e.kind === 'cue') || act.rules.length > 0).toBe(true);
      });

      it('yields only to real acts that are decided before it', () => {
        const position = ACTS.findIndex((a) => a.id === id);
        for (const other of act.yieldsTo) {
          expect(ACT_IDS as readonly string[], other).toContain(other);
          expect(other, 'an act does not yield to itself').not.toBe(id);
          expect(ACTS.findIndex((a) => a.id === other), `${id} yields to ${other}, which must come first in ACTS`).toBeLessThan(position);
        }
      });

      it('has unconditional vetoes: an offer rules the act out wherever it stands', () => {
        for (const entry of act.entries.filter((e) => e.kind === 'veto')) expect(entry.when, entry.rule).toEqual({});
      });
    });
  }

  it('never has two acts yield to each other', () => {
    for (const act of ACTS) {
      for (const other of act.yieldsTo) expect(getAct(other).yieldsTo as readonly ActId[]).not.toContain(act.id);
    }
  });

  it('names the known ids when asked for an unknown one', () => {
    expect(() => getAct('greeting' as ActId)).toThrow(/Expected an act id of clarification, understanding-check, acknowledgement, followup, repair, reassurance, not `greeting`/);
  });
});
