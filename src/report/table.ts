/** The terminal output of `grounding analyze`: one table per role, a row per group, a cell per act of three lines (five with an estimate). */
import Table from './cli-table.js';
import pc from 'picocolors';
import type { ActResult, FileAccount, GroupSummary, Summary } from '../measure/summary.js';
import {
  ALPHA,
  COLUMNS,
  basisLine,
  hasEstimates,
  actOf,
  baselineLine,
  changeText,
  coordinationSignificant,
  groupsByRole,
  humanRate,
  interval,
  markedGap,
  pct,
  per1kText,
  reasonList,
  riftText,
  roleCoordinationBaseline,
  scoreText,
  shareSignificant,
  shareText,
  shareVersus,
  significant,
  sumSkipped,
  trajectorySplit,
  trajectoryText,
  type Column,
} from './format.js';
import type { ShareResult } from '../measure/curiosity.js';
import { userTrajectoryOf } from '../measure/summary.js';
import { formatMatchedTable } from './matched.js';

type Colors = ReturnType<typeof pc.createColors>;

export interface TableOptions {
  color: boolean;
  /** At most this many groups per table, the first in the summary's order; 0 or absent: all. */
  rows?: number;
}

/** Longest group name shown (`gpt-4o-mini-2024-07-18` fits), so six act columns and coordination still fit in 160 columns. */
const NAME_WIDTH = 22;

/** Headers broken at the hyphen to keep the act columns narrow. */
const HEADERS: Record<Column, string> = {
  clarification: 'clarification',
  'understanding-check': 'understanding-\ncheck',
  acknowledgement: 'acknowledge-\nment',
  followup: 'followup',
  repair: 'repair',
  any: 'any act',
};

/** Input text goes to a terminal: control and bidi characters could move the cursor or reorder the line. */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

function shortName(text: string): string {
  const clean = terminalText(text);
  return clean.length > NAME_WIDTH ? `${clean.slice(0, NAME_WIDTH - 1)}…` : clean;
}

/** The colour of a difference from human: red below and green above when it is significant, none otherwise. */
function paintOf(c: Colors, isSignificant: boolean, difference: number | null): (s: string) => string {
  return !isSignificant || difference === null ? (s: string) => s : difference < 0 ? c.red : c.green;
}

function actCell(result: ActResult, summary: Summary, c: Colors): string {
  if (result.rate === null) return '—';
  const lines = [pct(result.rate), c.dim(interval(result.ci))];
  // `est 4.1%` over its interval, as the rate is over its own: on one line six columns would not fit in 160.
  if (result.estimate) lines.push(`est ${pct(result.estimate.rate)}`, c.dim(interval(result.estimate.ci)));
  if (result.baseline) {
    const gap = markedGap(result);
    const paint = paintOf(c, significant(result), result.gap);
    // Under --rates estimated the gap is to the human estimate, so that is the figure shown (the footer says so).
    lines.push(`vs ${pct(humanRate(summary, result.baseline))} ${paint(gap)}`);
  }
  return lines.join('\n');
}

/** `+0.032` as `+.032`: a coordination score never reaches 1 in size. */
function short(score: string): string {
  return score.replace(/^([+−±]?)0\./, '$1.');
}

function coordinationCell(g: GroupSummary, c: Colors): string {
  const coordination = g.coordination;
  if (!coordination || coordination.score === null) return '—';
  // The interval is symmetric (a t interval): its half-width, and scores without the leading zero, keep the column narrow.
  const lines = [short(scoreText(coordination.score)), c.dim(coordination.ci ? short(`±${((coordination.ci[1] - coordination.ci[0]) / 2).toFixed(3)}`) : '')];
  if (coordination.baseline && coordination.difference !== null) {
    // The difference from the human score; the score itself is in the footer (a role's groups share it), to keep the column narrow.
    const paint = paintOf(c, coordinationSignificant(coordination), coordination.difference);
    lines.push(paint(`${short(scoreText(coordination.difference))}${coordinationSignificant(coordination) ? '*' : ''}`));
  }
  return lines.join('\n');
}

function shareCell(r: ShareResult | null, c: Colors): string {
  if (!r || r.rate === null) return '—';
  const versus = shareVersus(r);
  const paint = paintOf(c, shareSignificant(r), r.gap);
  return [shareText(r), ...(versus ? [paint(versus)] : [])].join('\n');
}

/** Beyond grounding: reassurance, curiosity against comfort, and the user's trajectory, a row per group. */
function beyondTable(groups: GroupSummary[], summary: Summary, c: Colors): string {
  const table = new Table({
    head: [summary.groupBy, 'reassurance', 'curiosity', 'comfort', 'curiosity\nshare', 'user\ntrajectory'].map((h) => c.bold(h)),
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  for (const g of groups) {
    const t = userTrajectoryOf(summary, g);
    const trajectory = t && t.change.mean !== null ? [trajectoryText(t), c.dim(trajectorySplit(t))].join('\n') : '—';
    table.push([shortName(g.value), actCell(g.acts.reassurance, summary, c), shareCell(g.curiosity, c), shareCell(g.comfort, c), shareCell(g.curiosity_share, c), trajectory]);
  }
  return table.toString();
}

function roleTable(groups: GroupSummary[], summary: Summary, c: Colors): string {
  const by = summary.groupBy;
  const table = new Table({
    head: [by, 'conv.', 'turns', ...COLUMNS.map((col) => HEADERS[col]), 'per1k\nwords', 'coord.'].map((h) => c.bold(h)),
    colAligns: ['left', 'right', 'right', ...COLUMNS.map(() => 'right' as const), 'right', 'right'],
    // cli-table3 colours heads and borders itself unless told not to; colour is decided here instead.
    style: { head: [], border: [] },
  });
  for (const g of groups) {
    table.push([shortName(g.value), g.conversations, g.turns, ...COLUMNS.map((col) => actCell(actOf(g, col), summary, c)), per1kText(g.any.per1kWords), coordinationCell(g, c)]);
  }
  return table.toString();
}

export function formatTable(summary: Summary, options: TableOptions): string {
  const c = pc.createColors(options.color);
  const roles = groupsByRole(summary);
  if (roles.length === 0) return 'No assistant or user turns were counted.\n';
  const parts = roles.map(({ role, groups: all }) => {
    // A table of thousands of conversations takes seconds to lay out and is no read: the first rows, and a line on the rest.
    const groups = options.rows ? all.slice(0, options.rows) : all;
    const more = all.length > groups.length ? `\n${c.dim(moreLine(all.length - groups.length, summary.groupBy))}` : '';
    return (
      `${c.bold(`${role} turns by ${summary.groupBy}`)}\n${roleTable(groups, summary, c)}${more}` +
      (groups.some((g) => g.curiosity) ? `\n${c.bold(`${role} turns by ${summary.groupBy}, beyond grounding`)}\n${beyondTable(groups, summary, c)}${more}` : '')
    );
  });
  const footer = [
    'Rate: share of turns with the act (first turn of each conversation not counted) [95% Wilson interval]; per1k words: acts of any kind per 1,000 words.',
    ...(hasEstimates(summary) ? ['est: estimated rate, corrected for the tagger\u2019s measured error [95% interval, sampling and the tagger\u2019s own uncertainty].'] : []),
    ...(summary.baseline ? [`vs: human baseline ${summary.rates === 'estimated' ? 'estimated ' : ''}rate and relative gap; * gap significant at p < ${ALPHA}.`, basisLine(summary)] : []),
    baselineLine(summary),
    `coordination: ConvoKit\u2019s, how much more a reply echoes the function words of the turn it answers, \u00b1 95% interval${humanCoordination(summary)}.`,
    ...changeLines(summary),
    ...(summary.groups.some((g) => g.curiosity) ? beyondLines(summary) : []),
  ];
  const matched = formatMatchedTable(summary, c, shortName);
  return `${parts.join('\n\n')}\n${c.dim(footer.join('\n'))}\n${matched ? `\n${matched}` : ''}`;
}

/** What a capped table leaves out, and where to find it. */
function moreLine(hidden: number, groupBy: string): string {
  return `… ${hidden.toLocaleString('en-US')} more ${groupBy}${hidden === 1 ? '' : 's'} not shown: --rows 0 shows them all; -o summary.json, .csv, .md or .html holds every one.`;
}

/** `; under it the difference from the human score (assistant +0.045, user +0.030), * p < 0.05`, or '' without a human figure. */
function humanCoordination(summary: Summary): string {
  const figures = groupsByRole(summary).flatMap(({ role, groups }) => {
    const human = roleCoordinationBaseline(groups);
    return human && human.score !== null ? [`${role} ${scoreText(human.score)}`] : [];
  });
  return figures.length > 0 ? `; under it, the difference from the human score (${figures.join(', ')}), * p < ${ALPHA}` : '';
}

/** Whether each role's side converges over the conversation: one line per group that has a change. */
function changeLines(summary: Summary): string[] {
  return summary.groups
    .filter((g) => (g.role === 'assistant' || g.role === 'user') && g.coordination && g.coordination.change.mean !== null && summary.groupBy !== 'conversation')
    .map((g) => `Coordination ${changeText(g.coordination!)}: ${terminalText(g.role === g.value ? g.role : `${g.role} ${g.value}`)}.`);
}

/** What the beyond-grounding table shows, and the rift against the trajectory per user group. */
function beyondLines(summary: Summary): string[] {
  const human = summary.groups.find((g) => g.trajectory?.baseline)?.trajectory?.baseline;
  const rifts = summary.groupBy === 'conversation' ? [] : summary.groups.filter((g) => g.trajectory && g.trajectory.conversations > 0).map((g) => `Rift and trajectory, ${terminalText(g.role === g.value ? g.role : `${g.role} ${g.value}`)}: ${riftText(g.trajectory)}.`);
  return [
    'curiosity: turns with a followup, clarification or understanding-check; comfort: with reassurance; curiosity share: curiosity / (curiosity + comfort).',
    `user trajectory: the user\u2019s text sentiment, closing third of their turns minus opening third (4+ user turns) [95% t];`,
    `  \u2191\u2193 shares with a change of 0.1 or more either way${human && human.change.mean !== null ? `; human seekers ${scoreText(human.change.mean)}` : ''}. Text sentiment is not wellbeing.`,
    ...rifts,
  ];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A few lines for stderr on what was read, analyzed and skipped, per file and in total. */
export function formatAccounts(files: readonly FileAccount[]): string {
  const lines = files.map((f) => {
    const skipped = sumSkipped(f.skipped);
    const turns = sumSkipped(f.turnsSkipped);
    let line = `${terminalText(f.path)} (${terminalText(f.format)}): ${plural(f.records, 'record')}, ${f.analyzed} analyzed, ${skipped} skipped`;
    if (skipped > 0) line += ` (${terminalText(reasonList(f.skipped))})`;
    if (turns > 0) line += `; turns skipped: ${terminalText(reasonList(f.turnsSkipped))}`;
    return line;
  });
  const total = (pick: (f: FileAccount) => number) => files.reduce((n, f) => n + pick(f), 0);
  lines.push(
    `total: ${plural(files.length, 'file')}, ${plural(total((f) => f.records), 'record')}, ${total((f) => f.analyzed)} analyzed, ` +
      `${total((f) => sumSkipped(f.skipped))} skipped, ${plural(total((f) => sumSkipped(f.turnsSkipped)), 'turn')} skipped`,
  );
  return `${lines.join('\n')}\n`;
}
