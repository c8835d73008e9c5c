import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendStepSummary, fitBytes, formatAnnotations, formatStepSummary, MAX_ANNOTATIONS, STEP_SUMMARY_LIMIT } from '../../src/gate/github.js';
import { evaluateGate, verdict } from '../../src/gate/verdict.js';
import { tempDir } from '../helpers/cli.js';
import { configOf, summaryOf } from './helpers.js';

describe('formatAnnotations', () => {
  it('emits at most 10, errors before warnings, the worst first, the last saying how many more', () => {
    const models = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${String(i).padStart(2, '0')}`, { n: 100, acts: { any: i } }]));
    const config = configOf({ thresholds: { any: { min_rate: 0.1 }, clarification: { min_rate: 0.5, warn_only: true } } });
    const lines = formatAnnotations(evaluateGate(summaryOf(models), config)).trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_ANNOTATIONS);
    expect(lines.slice(0, MAX_ANNOTATIONS - 1).every((l) => l.startsWith('::error '))).toBe(true);
    // m00 has rate 0, the furthest below the 10% floor.
    expect(lines[0]).toMatch(/^::error title=grounding gate%3A m00 any min_rate ≥ 10\.0%25::m00: any min_rate ≥ 10\.0%25: 0\.0%25/);
    expect(lines[8]).toContain('m08');
    expect(lines[9]).toBe('::notice title=grounding gate::13 more checks need attention; see the job summary.');
  });

  it('escapes what would end or split a workflow command, and passes no control character', () => {
    const out = formatAnnotations(evaluateGate(summaryOf({ 'evil%\n::error::x,y:z\u001b[2J': { n: 100 } }), configOf({ thresholds: { any: { min_rate: 0.1 } } })));
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toContain('title=grounding gate%3A evil%25?%3A%3Aerror%3A%3Ax%2Cy%3Az?[2J any');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('is empty when every check passes', () => {
    expect(formatAnnotations(evaluateGate(summaryOf({ m: { n: 100, acts: { any: 50 } } }), configOf({ thresholds: { any: { min_rate: 0.1 } } })))).toBe('');
  });
});

describe('the step summary', () => {
  it('leads with the verdict and a row per check', () => {
    const result = evaluateGate(summaryOf({ m: { n: 100, acts: { any: 5 } } }), configOf({ thresholds: { any: { min_rate: 0.1 } } }));
    const md = formatStepSummary(result, verdict(result), '# report');
    expect(md.split('\n').slice(0, 9)).toEqual([
      '## grounding gate: failed',
      '',
      'FAILED: 1 of 1 threshold checks on 1 model missed.',
      '',
      'Rates: tagged (min_rate, max_gap and max_regression read the share of turns the tagger tagged).',
      '',
      '| verdict | model | threshold | rate [95% CI] | reason |',
      '|---|---|---|---|---|',
      '| ❌ fail | m | any min_rate ≥ 10.0% | 5.0% [2.2–11.2] n=100 | 5.0% is below the 10.0% floor |',
    ]);
    expect(md.endsWith('# report')).toBe(true);
  });

  it('cuts at a line end to fit, and says so', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i} ✅`).join('\n');
    const fitted = fitBytes(text, 2000);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(2000);
    expect(fitted).toContain('truncated');
    expect(fitted).not.toContain('\ufffd');
    expect(fitBytes('short', 2000)).toBe('short');
    // No room even for the note: nothing, rather than a note that overshoots the budget.
    expect(fitBytes(text, 50)).toBe('');
  });

  it('keeps the whole file under 1 MiB when appending to one that is nearly full', async () => {
    const file = join(tempDir(), 'summary.md');
    writeFileSync(file, 'x'.repeat(STEP_SUMMARY_LIMIT - 5000));
    const written = await appendStepSummary(file, 'y\n'.repeat(100_000));
    expect(written).toBeGreaterThan(0);
    expect(readFileSync(file).length).toBeLessThan(STEP_SUMMARY_LIMIT);
    expect(await appendStepSummary(file, 'more')).toBeLessThan(5000);
  });
});
