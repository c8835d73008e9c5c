import { describe, expect, it } from 'vitest';
import { ACT_IDS } from '../../src/model.js';
import { CSV_HEADER, formatCsv } from '../../src/report/csv.js';
import { namedModels, scoredModels, summaryOf, twoModels } from '../helpers/tagged.js';
import { parseCsv } from '../helpers/csv.js';

describe('formatCsv', () => {
  it('writes the header and one row per group × act, any included', () => {
    const summary = summaryOf(twoModels(), true);
    const rows = parseCsv(formatCsv(summary));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(1 + summary.groups.length * (ACT_IDS.length + 1));
    expect(rows.every((r) => r.length === CSV_HEADER.length)).toBe(true);
    expect(rows.filter((r) => r[2] === 'any')).toHaveLength(summary.groups.length);
    const gpt = rows.find((r) => r[1] === 'gpt-x' && r[2] === 'acknowledgement')!;
    expect(Object.fromEntries(CSV_HEADER.map((h, i) => [h, gpt[i]]))).toMatchObject({ role: 'assistant', turns: '12', count: '6', rate: '0.5', baseline_rate: '0.2', baseline_n: '100', gap: '1.5' });
  });

  it('leaves the baseline columns empty without a baseline', () => {
    const rows = parseCsv(formatCsv(summaryOf(twoModels(), false)));
    const at = (name: string) => CSV_HEADER.indexOf(name as (typeof CSV_HEADER)[number]);
    for (const r of rows.slice(1)) expect([r[at('baseline_rate')], r[at('baseline_n')], r[at('gap')], r[at('p')]]).toEqual(['', '', '', '']);
  });

  it('neutralises formula-like names and keeps negative numbers numeric', () => {
    const names = ['=HYPERLINK("x")', '@cmd', '+1', '-2+3', '\tx', 'plain, "quoted"'];
    const text = formatCsv(summaryOf(namedModels(names), true));
    const rows = parseCsv(text);
    const groups = new Set(rows.slice(1).map((r) => r[1]));
    for (const name of names) expect(groups).toContain(/^[=+\-@\t]/.test(name) ? `'${name}` : name);
    expect(text).toContain(`,"'=HYPERLINK(""x"")",`);
    const clar = rows.find((r) => r[1] === "'@cmd" && r[2] === 'clarification')!;
    expect(clar[CSV_HEADER.indexOf('gap')]).toBe('-0.5');
    expect(clar[CSV_HEADER.indexOf('rate')]).toBe('0.1');
    // No cell a spreadsheet would evaluate: every text cell starting with a trigger was prefixed.
    for (const r of rows) for (const cell of r) if (/^[=+@\t\r]/.test(cell) || /^-[^\d]/.test(cell)) throw new Error(`formula-like cell ${cell}`);
  });

  it('writes the estimate, its interval and the human estimate', () => {
    const summary = summaryOf(scoredModels(), true, { human: { rate: 0.25, ci: [0.2, 0.3] }, rates: 'estimated' });
    const rows = parseCsv(formatCsv(summary));
    const row = (group: string, act: string) => Object.fromEntries(CSV_HEADER.map((h, i) => [h, rows.find((r) => r[1] === group && r[2] === act)![i]]));
    const gpt = row('gpt-x', 'any');
    // rates: estimated, so the gap is the estimates': (0.5 − 0.25) / 0.25.
    expect(gpt).toMatchObject({ estimate: '0.5', baseline_estimate: '0.25', gap: '1' });
    const e = summary.groups.find((g) => g.key === 'assistant:gpt-x')!.any.estimate!;
    expect([Number(gpt.estimate_low), Number(gpt.estimate_high)]).toEqual([Number(e.ci[0].toPrecision(12)), Number(e.ci[1].toPrecision(12))]);
    // Users have no baseline, but an estimate of their own.
    expect(row('(unknown)', 'repair')).toMatchObject({ baseline_estimate: '', gap: '' });
    expect(Number(row('(unknown)', 'repair').estimate)).toBeGreaterThan(0);
    // Rules alone: the estimate columns are empty.
    const plain = parseCsv(formatCsv(summaryOf(twoModels(), true)));
    const at = (name: string) => CSV_HEADER.indexOf(name as (typeof CSV_HEADER)[number]);
    for (const r of plain.slice(1)) expect([r[at('estimate')], r[at('estimate_low')], r[at('estimate_high')], r[at('baseline_estimate')]]).toEqual(['', '', '', '']);
  });
});
