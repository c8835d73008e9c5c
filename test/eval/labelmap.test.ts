/** The label maps in corpora/label-maps: each loads and validates, and a label may stand for one act only. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { goldActs, labelMapDir, loadLabelMap, SCHEMES } from '../../src/eval/labelmap.js';
import { ACT_IDS } from '../../src/model.js';

/** A map folder holding mrda.yml as shipped, changed by `edit`. */
function editedMrda(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'grounding-maps-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const shipped = readFileSync(join(labelMapDir(), 'mrda.yml'), 'utf8');
  const edited = edit(shipped);
  expect(edited, 'the edit must change the shipped map').not.toBe(shipped);
  writeFileSync(join(dir, 'mrda.yml'), edited);
  return dir;
}

describe('loadLabelMap', () => {
  it.each(SCHEMES)('loads the shipped %s map, citing its source, each label mapped to one act', (scheme) => {
    const map = loadLabelMap(scheme);
    expect(map.scheme).toBe(scheme);
    expect(map.format).toBe(scheme);
    expect(map.source.length).toBeGreaterThan(20);
    const acts = Object.keys(map.acts);
    expect(acts.length).toBeGreaterThan(0);
    for (const act of acts) expect(ACT_IDS).toContain(act);
    const labels = Object.values(map.acts).flatMap((e) => e!.labels);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('refuses a label mapped to two acts, naming the label, both acts and the file', () => {
    const dir = editedMrda((y) => y.replace('labels: [br]', 'labels: [br, bk]'));
    expect(() => loadLabelMap('mrda', dir)).toThrow(UsageError);
    expect(() => loadLabelMap('mrda', dir)).toThrow(`${join(dir, 'mrda.yml')}: label \`bk\` maps to both acknowledgement and clarification. Map each label to one act.`);
  });

  it.each([
    ['an act id that does not exist', (y: string) => y.replace('  clarification:\n', '  backchannel:\n'), /field `acts`: .*backchannel/],
    ['an empty label list', (y: string) => y.replace('labels: [br]', 'labels: []'), /field `acts\.clarification\.labels`/],
    ['an unknown top-level key', (y: string) => `${y}\nextra: true\n`, /field `\(top level\)`: .*extra/],
  ])('refuses %s with a UsageError naming the field', (_name, edit, message) => {
    const dir = editedMrda(edit);
    expect(() => loadLabelMap('mrda', dir)).toThrow(UsageError);
    expect(() => loadLabelMap('mrda', dir)).toThrow(message);
  });
});

describe('goldActs', () => {
  it('maps gold labels to the acts they stand for, ignoring confusers and unmapped labels', () => {
    const mrda = loadLabelMap('mrda');
    expect(goldActs(mrda, ['bk'])).toEqual(new Set(['acknowledgement']));
    expect(goldActs(mrda, ['br'])).toEqual(new Set(['clarification']));
    expect(goldActs(mrda, ['f'])).toEqual(new Set(['understanding-check']));
    expect(goldActs(mrda, ['aa'])).toEqual(new Set());
    expect(goldActs(loadLabelMap('p4g'), ['comment-partner', 'personal-related-inquiry'])).toEqual(new Set(['followup']));
  });
});
