/** A GitHub-flavoured Markdown report that fits a CI job summary. */
import { userTrajectoryOf, type GroupSummary, type Summary } from '../measure/summary.js';
import {
  COLUMNS,
  actOf,
  basisLine,
  baselineInterval,
  changeText,
  coordinationVersus,
  baselineLine,
  estimateText,
  groupsByRole,
  legend,
  markedGap,
  per1kText,
  rateWithInterval,
  reasonList,
  roleBaseline,
  riftText,
  roleCoordinationBaseline,
  scoreWithInterval,
  shareText,
  shareVersus,
  sumSkipped,
  trajectorySplit,
  trajectoryText,
  type CoordinationSummary,
} from './format.js';
import { formatMatchedMarkdown } from './matched.js';

/** Text from input as one inline run: no line breaks, and no character that could end the cell or start markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`);
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Lines of one cell, joined as Markdown table cells allow. */
function cell(lines: readonly string[]): string {
  return lines.filter(Boolean).join('<br>');
}

function coordinationCell(c: CoordinationSummary | null): string {
  if (!c || c.score === null) return '—';
  return cell([scoreWithInterval(c.score, c.ci), coordinationVersus(c), changeText(c)]);
}

function groupRow(g: GroupSummary): string {
  const cells = COLUMNS.map((col) => {
    const r = actOf(g, col);
    if (r.rate === null) return rateWithInterval(r.rate, r.ci);
    return cell([rateWithInterval(r.rate, r.ci), estimateText(r.estimate), r.baseline ? markedGap(r) : '']);
  });
  return row([escapeMarkdown(g.value), g.conversations, g.turns, ...cells, per1kText(g.any.per1kWords), coordinationCell(g.coordination)]);
}

function roleTable(role: string, groups: GroupSummary[], by: string): string[] {
  const lines = [
    `### ${role} turns by ${by}`,
    '',
    row([by, 'conversations', 'turns', ...COLUMNS, 'per 1k words', 'coordination']),
    row([':--', '--:', '--:', ...COLUMNS.map(() => '--:'), '--:', '--:']),
    ...groups.map(groupRow),
  ];
  const human = roleBaseline(groups);
  const coordination = roleCoordinationBaseline(groups);
  if (human || coordination) {
    const cells = COLUMNS.map((col) => (human ? cell([rateWithInterval(human[col].rate, baselineInterval(human[col])), estimateText(human[col].estimate)]) : ''));
    const humanCoordination = coordination && coordination.score !== null ? scoreWithInterval(coordination.score, coordination.ci) : '';
    lines.push(row(['*human baseline*', '', human ? human.any.n : '', ...cells, '', humanCoordination]));
  }
  return [...lines, ''];
}

/** Beyond grounding: reassurance, curiosity against comfort and the user's trajectory, a row per group. */
function beyondTable(role: string, groups: GroupSummary[], summary: Summary): string[] {
  if (!groups.some((g) => g.curiosity)) return [];
  const by = summary.groupBy;
  const share = (r: GroupSummary['curiosity']) => cell([shareText(r), shareVersus(r)]);
  const rows = groups.map((g) => {
    const r = g.acts.reassurance;
    const t = userTrajectoryOf(summary, g);
    const reassurance = r.rate === null ? '—' : cell([rateWithInterval(r.rate, r.ci), estimateText(r.estimate), r.baseline && r.baseline.rate !== null ? markedGap(r) : '']);
    return row([escapeMarkdown(g.value), reassurance, share(g.curiosity), share(g.comfort), share(g.curiosity_share), cell([trajectoryText(t), trajectorySplit(t), g.role === 'user' && by !== 'conversation' ? riftText(t) : ''])]);
  });
  return [`#### ${role} turns by ${by}, beyond grounding`, '', row([by, 'reassurance', 'curiosity', 'comfort', 'curiosity share', 'user trajectory']), row([':--', '--:', '--:', '--:', '--:', '--:']), ...rows, ''];
}

function accountLines(summary: Summary): string[] {
  return summary.input.files.map((f) => {
    const skipped = sumSkipped(f.skipped);
    let line = `- ${escapeMarkdown(f.path)} (${escapeMarkdown(f.format)}): ${f.records} records, ${f.analyzed} analyzed, ${skipped} skipped`;
    if (skipped > 0) line += ` (${escapeMarkdown(reasonList(f.skipped))})`;
    if (sumSkipped(f.turnsSkipped) > 0) line += `; turns skipped: ${escapeMarkdown(reasonList(f.turnsSkipped))}`;
    return line;
  });
}

export function formatMarkdown(summary: Summary): string {
  const roles = groupsByRole(summary);
  const lines = [
    '## Grounding acts',
    '',
    escapeMarkdown(baselineLine(summary)),
    '',
    ...(summary.baseline ? [escapeMarkdown(basisLine(summary)), ''] : []),
    ...(roles.length === 0 ? ['No assistant or user turns were counted.', ''] : roles.flatMap(({ role, groups }) => [...roleTable(role, groups, summary.groupBy), ...beyondTable(role, groups, summary)])),
    ...formatMatchedMarkdown(summary, escapeMarkdown),
    `### Input (${summary.input.conversations} conversations)`,
    '',
    ...accountLines(summary),
    '',
    '### Legend',
    '',
    ...legend(summary).map((l) => `- ${escapeMarkdown(l)}`),
  ];
  return `${lines.join('\n')}\n`;
}
