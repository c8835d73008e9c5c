/** Number formatting and row selection shared by every report, so all outputs show the same figures. */
import { GROUNDING_ACT_IDS, type ActId, type GroundingActId, type Role } from '../model.js';
import type { ShareResult } from '../measure/curiosity.js';
import type { TrajectoryResult } from '../measure/trajectory.js';
import type { Estimate } from '../measure/estimate.js';
import type { ActResult, GroupSummary, Summary } from '../measure/summary.js';
import { wilson } from '../measure/stats.js';

/** The grounding columns of every report: the five grounding acts, then any of them. */
export const COLUMNS = [...GROUNDING_ACT_IDS, 'any'] as const;
export type Column = GroundingActId | 'any';

/** The rows of the long-format CSV: the grounding columns, then reassurance (appended, so earlier rows keep their order). */
export const ROW_ACTS = [...COLUMNS, 'reassurance'] as const;

/** A gap is marked significant below this two-sided p-value. */
export const ALPHA = 0.05;

/** Roles that get a table, in report order; system and tool turns are not measured for grounding. */
const REPORTED_ROLES: readonly Role[] = ['assistant', 'user'];

export function actOf(group: GroupSummary, column: ActId | 'any'): ActResult {
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

export const BEYOND_LEGEND = [
  'Reassurance: share of counted turns that soothe or validate without trying to understand ("Don\u2019t worry", "You\u2019re not alone"); not a grounding act, so never in any act.',
  'Curiosity: share of counted turns with a followup, clarification or understanding-check. Comfort: share with reassurance. Curiosity share: curiosity / (curiosity + comfort), over the turns with either (a turn with both counts on each side), 95% Wilson interval; vs: the human helpers\u2019 figure and the relative gap.',
  'Trajectory: per conversation with at least 4 user turns, the user\u2019s mean affect (text sentiment, \u22121 to +1) over their closing third of turns minus their opening third; the mean over conversations with a 95% t interval. \u2191 improved and \u2193 worsened: the shares with a change of at least 0.1 either way. Rift: the share of conversations with a negative trajectory, where the user repaired an assistant turn and where they did not. Text sentiment is not wellbeing.',
];

export const COORDINATION_LEGEND = `Coordination: ConvoKit\u2019s linguistic coordination toward the other side, the mean over speakers (each conversation\u2019s side is one speaker) of how much more often a reply shows a function-word marker when the turn it answers did [95% t interval over speakers]; vs: the human baseline\u2019s score for the same direction, and the difference (* p < ${ALPHA}); change: the score in the second half of a conversation minus the first.`;

export const LEGEND = [
  'Rate: share of counted turns with at least one instance of the act (the first turn of each conversation is not counted), with its 95% Wilson interval in percent.',
  'Est: the estimated rate, corrected for the tagger\u2019s measured error (present when the learned tagger scored the turns), with a 95% interval that includes the tagger\u2019s own uncertainty.',
  'Gap: (rate − human) / human; −65% means 65% below the human baseline.',
  `*: the gap is significant (two-sided, p < ${ALPHA}).`,
  'Per 1k words: grounding acts of any kind per 1,000 words outside code, quotes and placeholders.',
  COORDINATION_LEGEND,
  ...BEYOND_LEGEND,
];

/** The legend, with the basis of the gaps. */
export function legend(summary: Pick<Summary, 'rates'>): string[] {
  return [...LEGEND, basisLine(summary)];
}

/** A coordination score, signed to three decimals with a true minus sign: `+0.032`, `−0.004`. */
export function scoreText(x: number | null): string {
  if (x === null) return '—';
  const s = x.toFixed(3);
  return s.startsWith('-') ? (Number(s) === 0 ? '+0.000' : `−${s.slice(1)}`) : `+${s}`;
}

/** `[+0.024, +0.040]`, or '' without an interval. */
export function scoreInterval(ci: readonly [number, number] | null): string {
  return ci === null ? '' : `[${scoreText(ci[0])}, ${scoreText(ci[1])}]`;
}

/** `+0.032 [+0.024, +0.040]`, or `—` without a score. */
export function scoreWithInterval(score: number | null, ci: readonly [number, number] | null): string {
  return score === null ? '—' : `${scoreText(score)} ${scoreInterval(ci)}`;
}

export type CoordinationSummary = NonNullable<GroupSummary['coordination']>;

/** Whether a coordination difference from the human figure is significant. */
export function coordinationSignificant(c: CoordinationSummary): boolean {
  return c.p !== null && c.p < ALPHA;
}

/** `vs +0.045: −0.013*`: the human score and the difference from it, or '' without one. */
export function coordinationVersus(c: CoordinationSummary): string {
  if (!c.baseline || c.difference === null) return '';
  return `vs ${scoreText(c.baseline.score)}: ${scoreText(c.difference)}${coordinationSignificant(c) ? '*' : ''}`;
}

/** `change −0.006 [−0.017, +0.004] (189)`: second half minus first, over this many conversations. */
export function changeText(c: CoordinationSummary): string {
  return c.change.mean === null ? '' : `change ${scoreText(c.change.mean)} ${scoreInterval(c.change.ci)} (${c.change.conversations})`;
}

/** The human coordination of a role's groups: every group of a role carries the same one. */
export function roleCoordinationBaseline(groups: readonly GroupSummary[]): CoordinationSummary['baseline'] {
  return groups[0]?.coordination?.baseline ?? null;
}

/** `12.3% [10.1–14.8]`, or `—` without turns. */
export function shareText(r: ShareResult | null): string {
  return r ? rateWithInterval(r.rate, r.ci) : '—';
}

/** Whether a share's gap to the human figure is significant. */
export function shareSignificant(r: ShareResult): boolean {
  return r.p !== null && r.p < ALPHA;
}

/** `vs 9.8%: +26%*`: the human figure and the relative gap, or '' without one. */
export function shareVersus(r: ShareResult | null): string {
  if (!r?.baseline || r.baseline.rate === null) return '';
  return `vs ${pct(r.baseline.rate)}: ${gapText(r.gap)}${shareSignificant(r) ? '*' : ''}`;
}

/** `+0.042 [−0.010, +0.090]`, or `—` with no conversation long enough. */
export function trajectoryText(t: TrajectoryResult | null): string {
  return t && t.change.mean !== null ? scoreWithInterval(t.change.mean, t.change.ci) : '—';
}

/** `↑31% ↓12% of 140`: the shares of clearly improved and worsened conversations, of how many; or ''. */
export function trajectorySplit(t: TrajectoryResult | null): string {
  if (!t || t.conversations === 0) return '';
  return `\u2191${pct(t.improved)} \u2193${pct(t.worsened)} of ${t.conversations}`;
}

/** `negative 48% with a repair (25), 31% without (115)`: the rift against the trajectory, or ''. */
export function riftText(t: TrajectoryResult | null): string {
  if (!t || t.conversations === 0) return '';
  const { with_repair: w, without_repair: o } = t.rift;
  return `negative ${pct(w.share)} with a user repair (${w.conversations}), ${pct(o.share)} without (${o.conversations})`;
}

