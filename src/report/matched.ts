/**
 * The matched comparison of a replay, for the terminal, Markdown and HTML: per model, per act, the
 * model's rate against the human's on the same positions, the gap, Cohen's kappa and McNemar's test.
 */
import Table from './cli-table.js';
import type pc from 'picocolors';
import type { MatchedAct, MatchedGroup } from '../measure/matched.js';
import type { Summary } from '../measure/summary.js';
import { ALPHA, COLUMNS, gapText, pct, type Column } from './format.js';

type Colors = ReturnType<typeof pc.createColors>;

export const MATCHED_LEGEND = [
  'Matched: on the replayed positions, the model’s rate vs the human’s rate at the same positions (the reply the human gave to the same context).',
  `Gap: (model − human) / human, or the difference in points (pt) where the human rate is 0; *: the paired rates differ (McNemar’s exact test, p < ${ALPHA}); κ: Cohen’s kappa between the model’s and the human’s act at each position.`,
];

function actOf(group: MatchedGroup, column: Column): MatchedAct {
  return column === 'any' ? group.any : group.acts[column];
}

function kappaText(kappa: number | null): string {
  return kappa === null ? 'κ —' : `κ ${(Math.abs(kappa) < 0.005 ? 0 : kappa).toFixed(2).replace('-', '−')}`;
}

/**
 * `−35%*` when McNemar's test finds the paired rates differ; where the human rate is 0 and a
 * relative gap has no meaning, the difference in percentage points: `+12.5 pt*`.
 */
export function matchedGap(r: MatchedAct): string {
  const points = r.diff === null || r.diff === 0 ? '—' : `${r.diff < 0 ? '−' : '+'}${(Math.abs(r.diff) * 100).toFixed(1)} pt`;
  return (r.gap === null ? points : gapText(r.gap)) + (r.mcnemar.p < ALPHA ? '*' : '');
}

function cellLines(r: MatchedAct): [string, string] {
  return [`${pct(r.modelRate)} vs ${pct(r.humanRate)}`, `${matchedGap(r)} ${kappaText(r.kappa)}`];
}

function unpairedNote(groups: readonly MatchedGroup[]): string[] {
  return groups.filter((g) => g.unpaired > 0).map((g) => `${g.model}: ${g.unpaired} ${g.unpaired === 1 ? 'position' : 'positions'} with an empty or overlong reply not compared.`);
}

/** The terminal table, or '' when the summary has no replayed records. */
export function formatMatchedTable(summary: Summary, c: Colors, name: (text: string) => string): string {
  const groups = summary.matched ?? [];
  if (groups.length === 0) return '';
  const table = new Table({
    head: ['model', 'vs', 'positions', ...COLUMNS.map((col) => (col === 'any' ? 'any act' : col.replace('-', '-\n')))].map((h) => c.bold(h)),
    colAligns: ['left', 'left', 'right', ...COLUMNS.map(() => 'right' as const)],
    style: { head: [], border: [] },
  });
  for (const g of groups) {
    table.push([
      name(g.model),
      name(g.reference),
      g.positions,
      ...COLUMNS.map((col) => {
        const [rates, stats] = cellLines(actOf(g, col));
        const r = actOf(g, col);
        const paint = r.mcnemar.p < ALPHA && r.gap !== null ? (r.gap < 0 ? c.red : c.green) : (s: string) => s;
        return `${rates}\n${paint(stats)}`;
      }),
    ]);
  }
  const footer = [...MATCHED_LEGEND, ...unpairedNote(groups)];
  return `${c.bold('matched replay: model vs the human reply at the same positions')}\n${table.toString()}\n${c.dim(footer.join('\n'))}\n`;
}

/** The Markdown section, or no lines when the summary has no replayed records. */
export function formatMatchedMarkdown(summary: Summary, escape: (text: string) => string): string[] {
  const groups = summary.matched ?? [];
  if (groups.length === 0) return [];
  const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [
    '### Matched replay: model vs the human reply at the same positions',
    '',
    row(['model', 'vs', 'positions', ...COLUMNS]),
    row([':--', ':--', '--:', ...COLUMNS.map(() => '--:')]),
    ...groups.map((g) => row([escape(g.model), escape(g.reference), g.positions, ...COLUMNS.map((col) => cellLines(actOf(g, col)).join('<br>'))])),
    '',
    ...[...MATCHED_LEGEND, ...unpairedNote(groups)].map((l) => `- ${escape(l)}`),
    '',
  ];
}

/** The HTML section, or '' when the summary has no replayed records; `escape` is the page's escaper. */
export function formatMatchedHtml(summary: Summary, escape: (text: string | number) => string): string {
  const groups = summary.matched ?? [];
  if (groups.length === 0) return '';
  const head = ['model', 'vs', 'positions', ...COLUMNS.map((col) => (col === 'any' ? 'any act' : col))].map((h) => `<th>${escape(h)}</th>`).join('');
  const cell = (r: MatchedAct) => {
    const [rates, stats] = cellLines(r);
    const tone = r.mcnemar.p < ALPHA && r.gap !== null ? (r.gap < 0 ? ' class="below"' : ' class="above"') : '';
    return `<td>${escape(rates)}<br><span${tone}>${escape(stats)}</span></td>`;
  };
  const rows = groups.map((g) => `<tr><td>${escape(g.model)}</td><td>${escape(g.reference)}</td><td>${g.positions}</td>${COLUMNS.map((col) => cell(actOf(g, col))).join('')}</tr>`);
  const notes = [...MATCHED_LEGEND, ...unpairedNote(groups)].map((l) => `<li>${escape(l)}</li>`).join('');
  return `<section><h2>Matched replay: model vs the human reply at the same positions</h2><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table><ul>${notes}</ul></section>`;
}
