/**
 * README sections generated from data, so they cannot go stale: the table of acts and cues (from
 * the lexicons and rules), the human baseline (from corpora/baselines/human.json) and the demo's
 * output (from `grounding analyze corpora/samples`).
 * `npm run docs` rewrites them; a test fails when the README differs.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Baseline, BaselineEntry } from '../baseline/schema.js';
import { ACT_IDS } from '../model.js';
import { ACTS } from '../tag/registry.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function actsTable(): string {
  const rows = ['| act | rule | kind | for example | why |', '|---|---|---|---|---|'];
  for (const act of ACTS) {
    for (const e of act.entries) rows.push(`| \`${act.id}\` | \`${e.id}\` | ${e.kind} | ${cell(e.example)} | ${cell(e.note)} |`);
    for (const r of act.rules) rows.push(`| \`${act.id}\` | \`${r.id}\` | rule | ${cell(r.example.text)} (after: ${cell(r.example.prev ?? '')}) | ${cell(r.note)} |`);
  }
  return rows.join('\n');
}

function percent(x: number | null): string {
  return x === null ? '—' : `${(100 * x).toFixed(1)}%`;
}

export function baselineTable(baseline: Baseline): string {
  const head = `| domain | corpus | helper | turns | ${ACT_IDS.join(' | ')} | any act |`;
  const rows = [head, `|${'---|'.repeat(5 + ACT_IDS.length)}`];
  const row = (name: string, e: BaselineEntry) =>
    `| ${name} | ${cell(e.provenance.corpus)} | ${cell(e.provenance.role)} | ${e.turns} | ${ACT_IDS.map((a) => percent(e.acts[a].rate)).join(' | ')} | ${percent(e.any.rate)} |`;
  for (const [name, entry] of Object.entries(baseline.domains)) rows.push(row(name, entry));
  rows.push(row('**pooled**', { ...baseline.pooled, provenance: { ...baseline.pooled.provenance, corpus: 'mean of the domains, each weighing the same', role: 'helper' } }));
  return `${rows.join('\n')}\n\nBaseline version \`${baseline.version}\`, built by \`${baseline.command}\`.`;
}

/** Replace the text between `<!-- name:begin … -->` and `<!-- name:end -->`. */
export function replaceSection(readme: string, name: string, body: string): string {
  const begin = new RegExp(`<!-- ${name}:begin[^>]*-->`).exec(readme);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  if (!begin || end < begin.index) throw new Error(`README: expected the markers <!-- ${name}:begin --> … <!-- ${name}:end -->`);
  const from = begin.index + begin[0].length;
  return `${readme.slice(0, from)}\n${body}\n${readme.slice(end)}`;
}

/** The sections a test keeps current: the cues, the baseline and the demo output. */
export function withGeneratedSections(readme: string, baseline: Baseline, demo: string): string {
  let out = replaceSection(readme, 'acts', actsTable());
  out = replaceSection(out, 'baseline', baselineTable(baseline));
  return replaceSection(out, 'demo', `\`\`\`\n${demo.trimEnd()}\n\`\`\``);
}

/** What `npm start` prints (the table, without colour), run in-process from the project folder. */
export async function demoOutput(projectDir: string): Promise<string> {
  // Imported here, not at the top: the CLI imports this module, and the cycle must not run at load.
  const { main } = await import('../cli/main.js');
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(['node', 'grounding', 'analyze', join(projectDir, 'corpora', 'samples'), '--no-color', '--no-progress'], {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    interactive: false,
  });
  if (code !== 0) throw new Error(`grounding analyze corpora/samples exited with ${code}`);
  return Buffer.concat(chunks).toString('utf8');
}
