/** Number formatting and row selection shared by every report, so all outputs show the same figures. */
import { ACT_IDS, type ActId, type Role } from '../model.js';
import type { Estimate } from '../measure/estimate.js';
import type { ActResult, GroupSummary, Summary } from '../measure/summary.js';
import { wilson } from '../measure/stats.js';

/** The columns of every report: the five acts, then any act. */
export const COLUMNS = [...ACT_IDS, 'any'] as const;
export type Column = ActId | 'any';

/** A gap is marked significant below this two-sided p-value. */
export const ALPHA = 0.05;

/** Roles that get a table, in report order; system and tool turns are not measured for grounding. */
const REPORTED_ROLES: readonly Role[] = ['assistant', 'user'];

export function actOf(group: GroupSummary, column: Column): ActResult {
  return column === 'any' ? group.any : group.acts[column];
}

export function groupsByRole(summary: Summary): Array<{ role: Role; groups: GroupSummary[] }> {
  return REPORTED_ROLES.map((role) => ({ role, groups: summary.groups.filter((g) => g.role === role) })).filter((r) => r.groups.length > 0);
}

export function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function interval(ci: readonly [number, number] | null): string {
  return ci === null ? '' : `[${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}]`;
}

/** `4.2% [2.1–7.9]`, or `—` when the group has no counted turns. */
export function rateWithInterval(rate: number | null, ci: readonly [number, number] | null): string {
  return rate === null ? '—' : `${pct(rate)} ${interval(ci)}`;
}

/** `est 4.1% [2.0–6.3]`: the estimated rate and its interval, or '' when there is none. */
export function estimateText(estimate: Estimate | null): string {
  return estimate ? `est ${pct(estimate.rate)} ${interval(estimate.ci)}` : '';
}

/** Relative gap as a signed whole percentage with a true minus sign: `−65%`, `+12%`. */
export function gapText(gap: number | null): string {
  if (gap === null) return '—';
  const whole = Math.round(gap * 100);
  return whole < 0 ? `−${-whole}%` : `+${whole}%`;
}

export function significant(result: ActResult): boolean {
  return result.p !== null && result.p < ALPHA;
}

/** `−65%*` when the gap is significant. */
export function markedGap(result: ActResult): string {
  return gapText(result.gap) + (significant(result) ? '*' : '');
}

/** The summary keeps only the baseline's rate and n; rebuild its count to give it a Wilson interval. */
export function baselineInterval(baseline: { rate: number | null; n: number }): [number, number] | null {
  return baseline.rate === null ? null : wilson(Math.round(baseline.rate * baseline.n), baseline.n);
}

export type HumanRate = NonNullable<ActResult['baseline']>;

/** The human baseline of a role's groups: every assistant group carries the same one. */
export function roleBaseline(groups: readonly GroupSummary[]): Record<Column, HumanRate> | null {
  const first = groups[0];
  if (!first || first.any.baseline === null) return null;
  return Object.fromEntries(COLUMNS.map((c) => [c, actOf(first, c).baseline])) as Record<Column, HumanRate>;
}

/** The human figure a gap was taken from: the baseline's rate, or its estimate under `rates: estimated`. */
export function humanRate(summary: Pick<Summary, 'rates'>, human: HumanRate): number | null {
  return summary.rates === 'estimated' ? (human.estimate?.rate ?? null) : human.rate;
}

/** Whether any group of the summary has an estimated rate (the learned tagger scored its turns). */
export function hasEstimates(summary: Summary): boolean {
  return summary.groups.some((g) => g.any.estimate !== null);
}

/** Which rates the gaps compare, said in every report. */
export function basisLine(summary: Pick<Summary, 'rates'>): string {
  return summary.rates === 'estimated'
    ? 'Gaps compare estimated rates (--rates estimated): the model\u2019s and the human baseline\u2019s, each corrected for the tagger\u2019s measured error; p from a z-test on the two estimates.'
    : 'Gaps compare tagged rates (--rates tagged): the share of turns the tagger tagged, against the human baseline\u2019s; p from a two-proportion z-test.';
}

export function per1kText(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

export function baselineLine(summary: Summary): string {
  const b = summary.baseline;
  const which = b && (b.domain === 'pooled' ? 'pooled (the mean of its domains)' : b.domain);
  return b ? `Human baseline ${b.version}, domain ${which}, from ${b.path}; it applies to the assistant role.` : 'No human baseline was used.';
}

export function sumSkipped(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** `invalid JSON: 1, no messages: 2`, in a stable order. */
export function reasonList(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, n]) => `${reason}: ${n}`)
    .join(', ');
}

export const LEGEND = [
  'Rate: share of counted turns with at least one instance of the act (the first turn of each conversation is not counted), with its 95% Wilson interval in percent.',
  'Est: the estimated rate, corrected for the tagger\u2019s measured error (present when the learned tagger scored the turns), with a 95% interval that includes the tagger\u2019s own uncertainty.',
  'Gap: (rate − human) / human; −65% means 65% below the human baseline.',
  `*: the gap is significant (two-sided, p < ${ALPHA}).`,
  'Per 1k words: grounding acts of any kind per 1,000 words outside code, quotes and placeholders.',
];

/** The legend, with the basis of the gaps. */
export function legend(summary: Pick<Summary, 'rates'>): string[] {
  return [...LEGEND, basisLine(summary)];
}
