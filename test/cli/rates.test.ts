/** `analyze --rates tagged|estimated` end to end: which basis the gap uses, and a usage error when there are no estimates to use. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SummarySchema } from '../../src/measure/summary.js';
import { baselineWithEstimates, baselineWithoutEstimates } from '../helpers/baseline.js';
import { cli, SAMPLES, tempDir } from '../helpers/cli.js';

describe('analyze --rates', () => {
  it('compares a baseline written before estimates on tagged rates, as before', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const old = baselineWithoutEstimates(dir);
    const r = await cli(['analyze', SAMPLES, '--baseline', old, '-o', join(dir, 's.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Gaps compare tagged rates (--rates tagged)');
    const summary = SummarySchema.parse(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')));
    expect(summary.rates).toBe('tagged');
    expect(summary.groups.find((g) => g.role === 'assistant')!.any.baseline).toMatchObject({ estimate: null });
  });

  it('refuses --rates estimated against a baseline without estimates: exit 2, naming the file and the fix', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const old = baselineWithoutEstimates(dir);
    const r = await cli(['analyze', SAMPLES, '--baseline', old, '--rates', 'estimated']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${old}: expected a human baseline with estimated rates for --rates estimated, found one without`);
    expect(r.stderr).toContain('Use --rates tagged');
    expect(r.stdout).toBe('');
  });

  it('with --rates estimated, takes every gap from the estimates and says so', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const r = await cli(['analyze', SAMPLES, '--baseline', baselineWithEstimates(dir), '--rates', 'estimated', '-o', join(dir, 's.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Gaps compare estimated rates (--rates estimated)');
    const summary = SummarySchema.parse(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')));
    expect(summary).toMatchObject({ rates: 'estimated', tagger: { kind: 'learned' } });
    for (const g of summary.groups.filter((g) => g.role === 'assistant')) {
      const r = g.acts.clarification;
      expect(r.estimate).not.toBeNull();
      const human = r.baseline!.estimate!.rate;
      expect(r.gap).toBe(human === 0 ? null : (r.estimate!.rate - human) / human);
    }
  });

  it('refuses an unknown basis', async () => {
    const r = await cli(['analyze', SAMPLES, '--rates', 'guessed']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid values:[\s\S]*rates/);
  });
});
