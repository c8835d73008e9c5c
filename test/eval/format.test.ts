/** The `grounding eval` tables: one row per mapped act with precision, recall and F1, then the confusion summary; and two taggers side by side. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, type EvalResult } from '../../src/eval/evaluate.js';
import { formatEval, formatEvalComparison, formatEvalMarkdown } from '../../src/eval/format.js';
import { loadLabelMap, SCHEMES, type Scheme } from '../../src/eval/labelmap.js';
import { readLabelled } from '../../src/eval/read/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const INPUTS: Record<Scheme, string> = { mrda: 'mrda', swda: 'swda/tiny.txt', esconv: 'esconv', p4g: 'p4g', 'typed-chat': 'typed-chat' };

/** The cells of the table row for `act` (the first table's, when there are several). */
function row(text: string, act: string): string[] | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`│ ${act} `));
  return line?.split('│').slice(1, -1).map((c) => c.trim());
}

function fixtureResult(scheme: Scheme, tagger: 'rules' | 'learned' = 'rules'): EvalResult {
  const split = scheme === 'p4g' ? 'all' : scheme === 'typed-chat' ? 'dev' : 'val';
  return evaluate(readLabelled(scheme, `${FIXTURES}${INPUTS[scheme]}`, split), loadLabelMap(scheme), { tagger });
}

describe('formatEval', () => {
  it.each(SCHEMES)('prints a row for every act the %s map scores, and its confusion line', (scheme) => {
    const map = loadLabelMap(scheme);
    const result = fixtureResult(scheme);
    const text = formatEval(result, `${scheme} fixture`);
    expect(text.split('\n')[0]).toBe(`${scheme} fixture: ${result.dialogues} dialogues, ${result.units} scored units, rules tagger`);
    const weighted = scheme === 'typed-chat' ? ['weighted P', 'weighted R', 'weighted F1'] : [];
    expect(row(text, 'act')).toEqual(['act', 'precision', 'recall', 'F1', ...weighted, 'support', 'tagged']);
    for (const act of Object.keys(map.acts)) {
      const cells = row(text, act);
      expect(cells, `a row for ${act}`).toBeDefined();
      for (const cell of cells!.slice(1, 4 + weighted.length)) expect(cell).toMatch(/^(\d\.\d{3}|—)$/);
      expect(text).toContain(`  ${act}: recall by label `);
    }
  });

  it('prints the fixture figures, the confusions and the unscored tags', () => {
    const text = formatEval(fixtureResult('mrda'), 'mrda val');
    expect(row(text, 'clarification')).toEqual(['clarification', '1.000', '0.500', '0.667', '2', '1']);
    expect(row(text, 'acknowledgement')).toEqual(['acknowledgement', '0.667', '1.000', '0.800', '2', '3']);
    expect(text).toContain('  clarification: recall by label br 1/2; false positives by gold label none');
    expect(text).toContain('  acknowledgement: recall by label b 1/1, bk 1/1; false positives by gold label aa 1');
    expect(text).toContain('  tagged without a gold label in this scheme (not scored): followup 1');
    expect(text).not.toContain('by role');
  });

  it('prints weighted scores and the per-role breakdown for typed chat', () => {
    const text = formatEval(fixtureResult('typed-chat'), 'typed-chat dev');
    // acknowledgement: tp 1 (weight 1), fp 1 (weight 2).
    expect(row(text, 'acknowledgement')).toEqual(['acknowledgement', '0.500', '1.000', '0.667', '0.333', '1.000', '0.500', '1', '2']);
    expect(text).toContain('  acknowledgement by role (precision/recall/F1): assistant 0.500/1.000/0.667 (support 1), user —/—/— (support 0)');
  });

  it('prints a dash, not NaN, when nothing was scored', () => {
    const text = formatEval(evaluate([], loadLabelMap('swda')), 'empty');
    expect(text).not.toContain('NaN');
    expect(row(text, 'clarification')).toEqual(['clarification', '—', '—', '—', '0', '0']);
  });
});

describe('formatEvalComparison and formatEvalMarkdown', () => {
  it('put the rules and the learned tagger side by side, one row per act', () => {
    const results = { rules: fixtureResult('mrda', 'rules'), learned: fixtureResult('mrda', 'learned') };
    const text = formatEvalComparison(results, 'mrda val');
    expect(row(text, 'act')).toEqual(['act', 'rules P', 'rules R', 'rules F1', 'learned P', 'learned R', 'learned F1', 'support']);
    expect(row(text, 'clarification')!.slice(0, 4)).toEqual(['clarification', '1.000', '0.500', '0.667']);
    expect(row(text, 'clarification')!.at(-1)).toBe('2');
  });

  it('writes blank weighted cells for corpora without weights and figures for typed chat', () => {
    const table = formatEvalMarkdown([
      { corpus: 'MRDA', split: 'val', results: { rules: fixtureResult('mrda'), learned: fixtureResult('mrda', 'learned') } },
      { corpus: 'typed chat', split: 'dev', results: { rules: fixtureResult('typed-chat'), learned: fixtureResult('typed-chat', 'learned') } },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toBe('| corpus | split | act | rules precision | rules recall | rules F1 | learned precision | learned recall | learned F1 | rules weighted F1 | learned weighted F1 | support |');
    expect(lines.find((l) => l.startsWith('| MRDA | val | clarification |'))).toMatch(/^\| MRDA \| val \| clarification \| 1\.000 \| 0\.500 \| 0\.667 \| [^|]+ \| [^|]+ \| [^|]+ \|  \|  \| 2 \|$/);
    expect(lines.find((l) => l.startsWith('| typed chat | dev | acknowledgement |'))).toMatch(/^\| typed chat \| dev \| acknowledgement \| 0\.500 \| 1\.000 \| 0\.667 \| .* \| 0\.500 \| \d\.\d{3} \| 1 \|$/);
  });
});
