/** The `grounding eval` table: one row per mapped act with precision, recall and F1, then the confusion summary. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { formatEval } from '../../src/eval/format.js';
import { loadLabelMap, SCHEMES, type Scheme } from '../../src/eval/labelmap.js';
import { readLabelled } from '../../src/eval/read/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const INPUTS: Record<Scheme, string> = { mrda: 'mrda', swda: 'swda/tiny.txt', esconv: 'esconv', p4g: 'p4g' };

/** The cells of the table row for `act`. */
function row(text: string, act: string): string[] | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`│ ${act} `));
  return line?.split('│').slice(1, -1).map((c) => c.trim());
}

describe('formatEval', () => {
  it.each(SCHEMES)('prints a row for every act the %s map scores, and its confusion line', (scheme) => {
    const map = loadLabelMap(scheme);
    const split = scheme === 'p4g' ? 'all' : 'val';
    const result = evaluate(readLabelled(scheme, `${FIXTURES}${INPUTS[scheme]}`, split), map);
    const text = formatEval(result, `${scheme} fixture`);
    expect(text.split('\n')[0]).toBe(`${scheme} fixture: ${result.dialogues} dialogues, ${result.units} scored units`);
    expect(row(text, 'act')).toEqual(['act', 'precision', 'recall', 'F1', 'support', 'tagged']);
    for (const act of Object.keys(map.acts)) {
      const cells = row(text, act);
      expect(cells, `a row for ${act}`).toBeDefined();
      for (const cell of cells!.slice(1, 4)) expect(cell).toMatch(/^(\d\.\d{3}|—)$/);
      expect(text).toContain(`  ${act}: recall by label `);
    }
  });

  it('prints the fixture figures, the confusions and the unscored tags', () => {
    const result = evaluate(readLabelled('mrda', `${FIXTURES}mrda`, 'val'), loadLabelMap('mrda'));
    const text = formatEval(result, 'mrda val');
    expect(row(text, 'clarification')).toEqual(['clarification', '1.000', '0.500', '0.667', '2', '1']);
    expect(row(text, 'acknowledgement')).toEqual(['acknowledgement', '0.667', '1.000', '0.800', '2', '3']);
    expect(text).toContain('  clarification: recall by label br 1/2; false positives by gold label none');
    expect(text).toContain('  acknowledgement: recall by label b 1/1, bk 1/1; false positives by gold label aa 1');
    expect(text).toContain('  tagged without a gold label in this scheme (not scored): followup 1');
  });

  it('prints a dash, not NaN, when nothing was scored', () => {
    const text = formatEval(evaluate([], loadLabelMap('swda')), 'empty');
    expect(text).not.toContain('NaN');
    expect(row(text, 'clarification')).toEqual(['clarification', '—', '—', '—', '0', '0']);
  });
});
