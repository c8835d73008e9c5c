/** Long-format CSV (RFC 4180): one row per group × act, `any` included, for spreadsheets and dataframes. */
import type { Summary } from '../measure/summary.js';
import { COLUMNS, actOf } from './format.js';

/** New columns go at the end, so scripts that read columns by position keep working. */
export const CSV_HEADER = [
  'role', 'group', 'act', 'conversations', 'turns', 'count', 'rate', 'ci_low', 'ci_high',
  'findings', 'per_1k_words', 'baseline_rate', 'baseline_n', 'gap', 'p',
  'estimate', 'estimate_low', 'estimate_high', 'baseline_estimate',
  // The group's coordination (the same on each of its act rows).
  'coordination', 'coordination_low', 'coordination_high', 'coordination_speakers', 'coordination_pairs',
  'coordination_baseline', 'coordination_difference', 'coordination_p',
  'coordination_change', 'coordination_change_low', 'coordination_change_high', 'coordination_change_conversations',
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
    for (const act of COLUMNS) {
      const r = actOf(g, act);
      const numbers = [g.conversations, g.turns, r.count, r.rate, r.ci?.[0], r.ci?.[1], r.findings, r.per1kWords, r.baseline?.rate, r.baseline?.n, r.gap, r.p];
      const estimates = [r.estimate?.rate, r.estimate?.ci[0], r.estimate?.ci[1], r.baseline?.estimate?.rate];
      rows.push([textCell(g.role), textCell(g.value), textCell(act), ...[...numbers, ...estimates, ...coordination].map(numberCell)].join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
