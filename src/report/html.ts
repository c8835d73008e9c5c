/**
 * One self-contained HTML page: inline CSS and SVG, no scripts, no external requests. Every piece
 * of text from the input goes through escapeHtml, and the page's own CSP forbids loading anything.
 */
import { userTrajectoryOf, type ActResult, type GroupSummary, type Summary } from '../measure/summary.js';
import {
  COLUMNS,
  actOf,
  basisLine,
  baselineInterval,
  changeText,
  coordinationSignificant,
  coordinationVersus,
  baselineLine,
  estimateText,
  groupsByRole,
  legend,
  interval,
  markedGap,
  pct,
  per1kText,
  rateWithInterval,
  reasonList,
  roleBaseline,
  roleCoordinationBaseline,
  scoreInterval,
  scoreText,
  scoreWithInterval,
  shareSignificant,
  shareText,
  shareVersus,
  significant,
  sumSkipped,
  trajectorySplit,
  trajectoryText,
  type Column,
  type CoordinationSummary,
} from './format.js';
import { formatMatchedHtml } from './matched.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2328;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem;margin:.5rem 0}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1rem}
figure{margin:0;border:1px solid #d0d7de;border-radius:6px;padding:.5rem}
svg{width:100%;height:auto}svg text{font-size:11px;fill:#1f2328}
.bar{fill:#4c78a8}.bar.human{fill:#a0a0a0}.whisker{stroke:#1f2328;stroke-width:1.5}.grid{stroke:#d0d7de}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}tr.human td{background:#f6f8fa;font-style:italic}
.ci,.est{color:#57606a}.below{color:#cf222e}.above{color:#1a7f37}
`;

/** Chart geometry in SVG units. */
const LABEL_W = 170;
const BAR_W = 250;
const VALUE_W = 120;
const ROW_H = 22;
const AXIS_H = 20;
const NAME_CHARS = 26;

/** The axis ends at the first of these percentages that holds every interval; each halves to a round tick. */
const AXIS_STEPS = [1, 2, 5, 10, 20, 30, 40, 50, 60, 80, 100];

interface Bar {
  label: string;
  rate: number | null;
  ci: readonly [number, number] | null;
  human: boolean;
}

/** One row per bar: the label, a bar from 0 to the value (either side of 0), the interval's whisker, and the value as text. */
function barRows(bars: readonly Bar[], x: (v: number) => number, text: (b: Bar) => string): string[] {
  return bars.map((b, i) => {
    const y = i * ROW_H;
    const mid = y + ROW_H / 2;
    const name = b.label.length > NAME_CHARS ? `${b.label.slice(0, NAME_CHARS - 1)}…` : b.label;
    const parts = [`<text x="${LABEL_W - 6}" y="${mid + 4}" text-anchor="end"><title>${escapeHtml(b.label)}</title>${escapeHtml(name)}</text>`];
    if (b.rate !== null) {
      const [from, to] = [x(Math.min(0, b.rate)), x(Math.max(0, b.rate))];
      parts.push(`<rect class="bar${b.human ? ' human' : ''}" x="${from.toFixed(1)}" y="${y + 4}" width="${(to - from).toFixed(1)}" height="${ROW_H - 8}"/>`);
    }
    if (b.ci) {
      const [lo, hi] = [x(b.ci[0]).toFixed(1), x(b.ci[1]).toFixed(1)];
      parts.push(
        `<line class="whisker" x1="${lo}" x2="${hi}" y1="${mid}" y2="${mid}"/>`,
        `<line class="whisker" x1="${lo}" x2="${lo}" y1="${mid - 4}" y2="${mid + 4}"/>`,
        `<line class="whisker" x1="${hi}" x2="${hi}" y1="${mid - 4}" y2="${mid + 4}"/>`,
      );
    }
    parts.push(`<text x="${LABEL_W + BAR_W + 6}" y="${mid + 4}">${escapeHtml(text(b))}</text>`);
    return parts.join('');
  });
}

/** A chart's figure: its heading, the picture's title (`what` it shows), axis ticks with their labels, and the rows. */
function figure(title: string, what: string, width: number, bars: readonly Bar[], x: (v: number) => number, ticks: ReadonlyArray<[number, string]>, rows: readonly string[]): string {
  const height = bars.length * ROW_H + AXIS_H;
  const axis = ticks.map(
    ([t, label]) => `<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="0" y2="${height - AXIS_H}"/><text x="${x(t)}" y="${height - 6}" text-anchor="middle">${escapeHtml(label)}</text>`,
  );
  return (
    `<figure><h3>${escapeHtml(title)}</h3>` +
    `<svg viewBox="0 0 ${width} ${height}" role="img"><title>${escapeHtml(what)} with 95% interval</title>` +
    `${axis.join('')}${rows.join('')}</svg></figure>`
  );
}

function chart(title: string, bars: readonly Bar[]): string {
  const top = Math.max(0, ...bars.flatMap((b) => [b.rate ?? 0, b.ci?.[1] ?? 0])) * 100;
  const max = (AXIS_STEPS.find((s) => s >= top - 1e-9) ?? 100) / 100;
  const x = (v: number) => LABEL_W + (BAR_W * v) / max;
  const ticks = [0, max / 2, max].map((t): [number, string] => [t, `${Number((t * 100).toFixed(1))}%`]);
  return figure(title, `${title} rate`, LABEL_W + BAR_W + VALUE_W, bars, x, ticks, barRows(bars, x, (b) => rateWithInterval(b.rate, b.ci)));
}

/** Coordination axes end at the first of these that holds every interval, on each side of 0. */
const SCORE_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

/** A signed chart: coordination is a difference of probabilities, below 0 when a side echoes less than its habit. */
function scoreChart(title: string, bars: readonly Bar[]): string {
  const reach = (v: number) => SCORE_STEPS.find((s) => s >= v - 1e-12) ?? 1;
  const low = -reach(Math.max(0, ...bars.map((b) => -Math.min(b.rate ?? 0, b.ci?.[0] ?? 0))));
  const high = reach(Math.max(0, ...bars.map((b) => Math.max(b.rate ?? 0, b.ci?.[1] ?? 0))));
  const x = (v: number) => LABEL_W + (BAR_W * (v - low)) / (high - low);
  const ticks = [low, 0, high].map((t): [number, string] => [t, t === 0 ? '0' : scoreText(t)]);
  return figure(title, title, LABEL_W + BAR_W + VALUE_W + 40, bars, x, ticks, barRows(bars, x, (b) => scoreWithInterval(b.rate, b.ci)));
}

/** The role's coordination toward the other side, each group against the human figure for that direction. */
function coordinationChart(role: string, groups: readonly GroupSummary[]): string {
  const bars: Bar[] = groups.filter((g) => g.coordination).map((g) => ({ label: g.value, rate: g.coordination!.score, ci: g.coordination!.ci, human: false }));
  if (bars.length === 0) return '';
  const human = roleCoordinationBaseline(groups);
  if (human) bars.push({ label: 'human baseline', rate: human.score, ci: human.ci, human: true });
  const other = role === 'assistant' ? 'user' : 'assistant';
  return scoreChart(`coordination of the ${role} toward the ${other}`, bars);
}

function charts(groups: readonly GroupSummary[]): string {
  const human = roleBaseline(groups);
  const figures = COLUMNS.map((col: Column) => {
    const bars: Bar[] = groups.map((g) => ({ label: g.value, rate: actOf(g, col).rate, ci: actOf(g, col).ci, human: false }));
    if (human) bars.push({ label: 'human baseline', rate: human[col].rate, ci: baselineInterval(human[col]), human: true });
    return chart(col === 'any' ? 'any act' : col, bars);
  });
  figures.push(coordinationChart(groups[0]?.role ?? 'assistant', groups));
  return `<div class="charts">${figures.join('')}</div>`;
}

/** The class of a difference from human: below or above when it is significant, none otherwise. */
function toneOf(isSignificant: boolean, difference: number | null): string {
  return isSignificant && difference !== null ? (difference < 0 ? ' class="below"' : ' class="above"') : '';
}

function rateCell(r: ActResult): string {
  if (r.rate === null) return '<td>—</td>';
  let cell = `${escapeHtml(pct(r.rate))} <span class="ci">${escapeHtml(interval(r.ci))}</span>`;
  if (r.estimate) cell += `<br><span class="est">${escapeHtml(estimateText(r.estimate))}</span>`;
  if (r.baseline) {
    const tone = toneOf(significant(r), r.gap);
    cell += `<br><span${tone}>${escapeHtml(markedGap(r))}</span>`;
  }
  return `<td>${cell}</td>`;
}

function coordinationCell(c: CoordinationSummary | null): string {
  if (!c || c.score === null) return '<td>—</td>';
  let cell = `${escapeHtml(scoreText(c.score))} <span class="ci">${escapeHtml(scoreInterval(c.ci))}</span>`;
  const versus = coordinationVersus(c);
  if (versus) {
    const tone = toneOf(coordinationSignificant(c), c.difference);
    cell += `<br><span${tone}>${escapeHtml(versus)}</span>`;
  }
  const change = changeText(c);
  if (change) cell += `<br><span class="est">${escapeHtml(change)}</span>`;
  return `<td>${cell}</td>`;
}

function table(groups: readonly GroupSummary[], by: string): string {
  const head = [by, 'conversations', 'turns', ...COLUMNS, 'per 1k words', 'coordination'].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = groups.map(
    (g) =>
      `<tr><td>${escapeHtml(g.value)}</td><td>${g.conversations}</td><td>${g.turns}</td>` +
      `${COLUMNS.map((col) => rateCell(actOf(g, col))).join('')}<td>${escapeHtml(per1kText(g.any.per1kWords))}</td>${coordinationCell(g.coordination)}</tr>`,
  );
  const human = roleBaseline(groups);
  const coordination = roleCoordinationBaseline(groups);
  if (human || coordination) {
    const est = (col: Column) => (human?.[col].estimate ? `<br><span class="est">${escapeHtml(estimateText(human[col].estimate))}</span>` : '');
    const cells = COLUMNS.map((col) => `<td>${human ? escapeHtml(rateWithInterval(human[col].rate, baselineInterval(human[col]))) : ''}${est(col)}</td>`);
    const humanCoordination = coordination && coordination.score !== null ? escapeHtml(scoreWithInterval(coordination.score, coordination.ci)) : '';
    rows.push(`<tr class="human"><td>human baseline</td><td></td><td>${human ? human.any.n : ''}</td>${cells.join('')}<td></td><td>${humanCoordination}</td></tr>`);
  }
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Beyond grounding, per role: curiosity share and reassurance charts; for users, the trajectory and the rift against it; a table. */
function beyond(groups: readonly GroupSummary[], summary: Summary): string {
  if (!groups.some((g) => g.curiosity)) return '';
  const bars = (pick: (g: GroupSummary) => { rate: number | null; ci: readonly [number, number] | null } | null, human?: { rate: number | null; ci: readonly [number, number] | null } | null): Bar[] => {
    const out: Bar[] = groups.flatMap((g) => {
      const r = pick(g);
      return r ? [{ label: g.value, rate: r.rate, ci: r.ci, human: false }] : [];
    });
    if (human && human.rate !== null) out.push({ label: 'human baseline', rate: human.rate, ci: human.ci, human: true });
    return out;
  };
  const helper = groups[0]!;
  const shareHuman = helper.curiosity_share?.baseline ? { rate: helper.curiosity_share.baseline.rate, ci: baselineInterval(helper.curiosity_share.baseline) } : null;
  const figures = [
    chart('curiosity share', bars((g) => g.curiosity_share, shareHuman)),
    chart('reassurance', bars((g) => g.acts.reassurance, helper.acts.reassurance.baseline ? { rate: helper.acts.reassurance.baseline.rate, ci: baselineInterval(helper.acts.reassurance.baseline) } : null)),
  ];
  const users = groups.filter((g) => g.trajectory && g.trajectory.conversations > 0);
  if (users.length > 0 && summary.groupBy !== 'conversation') {
    const human = users[0]!.trajectory!.baseline;
    figures.push(scoreChart('user trajectory (closing third minus opening third)', bars((g) => (g.trajectory ? { rate: g.trajectory.change.mean, ci: g.trajectory.change.ci } : null), human && { rate: human.change.mean, ci: human.change.ci })));
    // The rift against the trajectory: with a user repair, and without one, side by side per group.
    const rift: Bar[] = users.flatMap((g) => {
      const { with_repair: w, without_repair: o } = g.trajectory!.rift;
      const name = summary.groupBy === 'role' ? '' : `${g.value}: `;
      return [
        { label: `${name}with a user repair (${w.conversations})`, rate: w.share, ci: w.ci, human: false },
        { label: `${name}without (${o.conversations})`, rate: o.share, ci: o.ci, human: true },
      ];
    });
    figures.push(chart('conversations whose trajectory is negative', rift));
  }
  const head = [summary.groupBy, 'reassurance', 'curiosity', 'comfort', 'curiosity share', 'user trajectory'].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const share = (r: GroupSummary['curiosity']) => {
    const versus = shareVersus(r);
    return `<td>${escapeHtml(shareText(r))}${versus ? `<br><span${toneOf(shareSignificant(r!), r!.gap)}>${escapeHtml(versus)}</span>` : ''}</td>`;
  };
  const rows = groups.map((g) => {
    const t = userTrajectoryOf(summary, g);
    const split = trajectorySplit(t);
    return `<tr><td>${escapeHtml(g.value)}</td>${rateCell(g.acts.reassurance)}${share(g.curiosity)}${share(g.comfort)}${share(g.curiosity_share)}<td>${escapeHtml(trajectoryText(t))}${split ? `<br><span class="est">${escapeHtml(split)}</span>` : ''}</td></tr>`;
  });
  return `<h3>Beyond grounding</h3><div class="charts">${figures.join('')}</div><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function accounts(summary: Summary): string {
  const head = ['file', 'format', 'records', 'analyzed', 'skipped', 'turns skipped'].map((h) => `<th>${h}</th>`).join('');
  const skips = (counts: Record<string, number>) => escapeHtml(sumSkipped(counts) > 0 ? `${sumSkipped(counts)} (${reasonList(counts)})` : '0');
  const rows = summary.input.files.map(
    (f) =>
      `<tr><td>${escapeHtml(f.path)}</td><td>${escapeHtml(f.format)}</td><td>${f.records}</td><td>${f.analyzed}</td>` +
      `<td>${skips(f.skipped)}</td><td>${skips(f.turnsSkipped)}</td></tr>`,
  );
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function formatHtml(summary: Summary): string {
  const roles = groupsByRole(summary);
  const sections = roles.map(
    ({ role, groups }) => `<section><h2>${escapeHtml(`${role} turns by ${summary.groupBy}`)}</h2>${charts(groups)}${table(groups, summary.groupBy)}${beyond(groups, summary)}</section>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Defence in depth: even if something slipped through escaping, the page may load and run nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Grounding acts</title><style>${CSS}</style></head><body>`,
    `<h1>Grounding acts</h1><p>${escapeHtml(baselineLine(summary))} Made by grounding ${escapeHtml(summary.tool.version)}.</p>`,
    ...(summary.baseline ? [`<p>${escapeHtml(basisLine(summary))}</p>`] : []),
    sections.length > 0 ? sections.join('\n') : '<p>No assistant or user turns were counted.</p>',
    formatMatchedHtml(summary, escapeHtml),
    `<h2>Input (${summary.input.conversations} conversations)</h2>${accounts(summary)}`,
    `<h2>Legend</h2><ul>${legend(summary).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    '</body></html>',
    '',
  ].join('\n');
}
