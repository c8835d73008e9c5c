/** The human baseline as a Markdown table: `grounding baseline build` prints it, and the README shows it. */
import type { Baseline, BaselineEntry } from '../baseline/schema.js';
import type { CoordinationReference } from '../measure/coordination.js';
import { ACT_IDS } from '../model.js';
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

export function baselineTable(baseline: Baseline): string {
  const head = `| domain | corpus | helper | turns | ${ACT_IDS.join(' | ')} | any act | coordination, helper → seeker (speakers) | seeker → helper |`;
  const rows = [head, `|${'---|'.repeat(7 + ACT_IDS.length)}`];
  const row = (name: string, e: BaselineEntry) =>
    `| ${name} | ${cell(e.provenance.corpus)} | ${cell(e.provenance.role)} | ${e.turns} | ${ACT_IDS.map((a) => percent(e.acts[a].rate)).join(' | ')} | ${percent(e.any.rate)} | ` +
    `${coordination(e.coordination?.assistant)} | ${coordination(e.coordination?.user)} |`;
  for (const [name, entry] of Object.entries(baseline.domains)) rows.push(row(name, entry));
  rows.push(row('**pooled**', { ...baseline.pooled, provenance: { ...baseline.pooled.provenance, corpus: 'mean of the domains, each weighing the same', role: 'helper' } }));
  return `${rows.join('\n')}\n\nBaseline version \`${baseline.version}\`, built by \`${baseline.command}\`.`;
}
