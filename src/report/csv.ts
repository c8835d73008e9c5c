/** Long-format CSV (RFC 4180): one row per group × act, `any` included, for spreadsheets and dataframes. */
import type { Summary } from '../measure/summary.js';
import { ROW_ACTS, actOf } from './format.js';

/** New columns go at the end, so scripts that read columns by position keep working. */
export const CSV_HEADER = [
  'role', 'group', 'act', 'conversations', 'turns', 'count', 'rate', 'ci_low', 'ci_high',
  'findings', 'per_1k_words', 'baseline_rate', 'baseline_n', 'gap', 'p',
  'estimate', 'estimate_low', 'estimate_high', 'baseline_estimate',
  // The group's coordination (the same on each of its act rows).
  'coordination', 'coordination_low', 'coordination_high', 'coordination_speakers', 'coordination_pairs',
  'coordination_baseline', 'coordination_difference', 'coordination_p',
  'coordination_change', 'coordination_change_low', 'coordination_change_high', 'coordination_change_conversations',
  // The group's curiosity against comfort, and the user's trajectory (user groups), the same on each of its rows.
  'curiosity', 'curiosity_low', 'curiosity_high', 'curiosity_baseline', 'curiosity_p',
  'comfort', 'comfort_low', 'comfort_high', 'comfort_baseline', 'comfort_p',
  'curiosity_share', 'curiosity_share_low', 'curiosity_share_high', 'curiosity_share_n', 'curiosity_share_baseline', 'curiosity_share_p',
  'trajectory_change', 'trajectory_low', 'trajectory_high', 'trajectory_conversations', 'trajectory_short', 'trajectory_improved', 'trajectory_worsened',
  'rift_negative_with_repair', 'rift_conversations_with_repair', 'rift_negative_without_repair', 'rift_conversations_without_repair',
] as const;

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Text from input: a leading = + - @ tab or CR would make a spreadsheet run it as a formula. */
function textCell(text: string): string {
  return quote(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

/**
 * Numbers are written by this code, so they stay numeric even when negative; null is an empty cell.
 * Twelve significant digits drop float noise (1.4999999999999998 → 1.5) and nothing a reader needs.
 */
function numberCell(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(Number(value.toPrecision(12)));
}

export function formatCsv(summary: Summary): string {
  const rows = [CSV_HEADER.join(',')];
  for (const g of summary.groups) {
    const c = g.coordination;
    const coordination = c
      ? [c.score, c.ci?.[0], c.ci?.[1], c.speakers, c.pairs, c.baseline?.score, c.difference, c.p, c.change.mean, c.change.ci?.[0], c.change.ci?.[1], c.change.conversations]
      : [];
    const share = (s: typeof g.curiosity) => [s?.rate, s?.ci?.[0], s?.ci?.[1], s?.baseline?.rate, s?.p];
    const t = g.trajectory;
    const beyond = [
      ...share(g.curiosity),
      ...share(g.comfort),
      ...[g.curiosity_share?.rate, g.curiosity_share?.ci?.[0], g.curiosity_share?.ci?.[1], g.curiosity_share?.n, g.curiosity_share?.baseline?.rate, g.curiosity_share?.p],
      ...(t ? [t.change.mean, t.change.ci?.[0], t.change.ci?.[1], t.conversations, t.short, t.improved, t.worsened, t.rift.with_repair.share, t.rift.with_repair.conversations, t.rift.without_repair.share, t.rift.without_repair.conversations] : new Array(11).fill(null)),
    ];
    for (const act of ROW_ACTS) {
      const r = actOf(g, act);
      const numbers = [g.conversations, g.turns, r.count, r.rate, r.ci?.[0], r.ci?.[1], r.findings, r.per1kWords, r.baseline?.rate, r.baseline?.n, r.gap, r.p];
      const estimates = [r.estimate?.rate, r.estimate?.ci[0], r.estimate?.ci[1], r.baseline?.estimate?.rate];
      // A group without coordination writes its empty cells, so the beyond-grounding columns stay in place.
      const coordinationCells = coordination.length > 0 ? coordination : new Array(12).fill(null);
      rows.push([textCell(g.role), textCell(g.value), textCell(act), ...[...numbers, ...estimates, ...coordinationCells, ...beyond].map(numberCell)].join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
