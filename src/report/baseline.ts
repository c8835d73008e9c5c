/** The human baseline as a Markdown table: `grounding baseline build` prints it, and the README shows it. */
import type { Baseline, BaselineEntry } from '../baseline/schema.js';
import type { CoordinationReference } from '../measure/coordination.js';
import type { TrajectoryReference } from '../measure/trajectory.js';
import { GROUNDING_ACT_IDS } from '../model.js';
import { scoreText } from './format.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function percent(x: number | null): string {
  return x === null ? '—' : `${(100 * x).toFixed(1)}%`;
}

/** A baseline's coordination for one direction: `+0.032 (195)`, the score over its speakers. */
function coordination(reference: CoordinationReference | null | undefined): string {
  return reference && reference.score !== null ? `${scoreText(reference.score)} (${reference.speakers})` : '—';
}

/** The seekers' trajectory: `+0.198 (195)`, the mean change over conversations with one. */
function trajectory(reference: TrajectoryReference | null | undefined): string {
  return reference && reference.change.mean !== null ? `${scoreText(reference.change.mean)} (${reference.conversations})` : '—';
}

export function baselineTable(baseline: Baseline): string {
  const head =
    `| domain | corpus | helper | turns | ${GROUNDING_ACT_IDS.join(' | ')} | any act | reassurance | curiosity share | ` +
    'coordination, helper → seeker (speakers) | seeker → helper | seeker trajectory (conversations) |';
  const rows = [head, `|${'---|'.repeat(10 + GROUNDING_ACT_IDS.length)}`];
  const row = (name: string, e: BaselineEntry) =>
    `| ${name} | ${cell(e.provenance.corpus)} | ${cell(e.provenance.role)} | ${e.turns} | ${GROUNDING_ACT_IDS.map((a) => percent(e.acts[a].rate)).join(' | ')} | ${percent(e.any.rate)} | ` +
    `${percent(e.acts.reassurance.rate)} | ${percent(e.beyond?.curiosity_share.rate ?? null)} | ` +
    `${coordination(e.coordination?.assistant)} | ${coordination(e.coordination?.user)} | ${trajectory(e.trajectory)} |`;
  for (const [name, entry] of Object.entries(baseline.domains)) rows.push(row(name, entry));
  rows.push(row('**pooled**', { ...baseline.pooled, provenance: { ...baseline.pooled.provenance, corpus: 'mean of the domains, each weighing the same', role: 'helper' } }));
  return `${rows.join('\n')}\n\nBaseline version \`${baseline.version}\`, built by \`${baseline.command}\`.`;
}
