/** The `grounding eval` table: precision, recall, F1 and support per act, then a confusion summary. */
import Table from 'cli-table3';
import type { EvalResult } from './evaluate.js';

function fixed(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}

export function formatEval(result: EvalResult, title: string): string {
  const table = new Table({
    head: ['act', 'precision', 'recall', 'F1', 'support', 'tagged'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  for (const s of result.scores) table.push([s.act, fixed(s.precision), fixed(s.recall), fixed(s.f1), String(s.support), String(s.tp + s.fp)]);
  const lines = [`${title}: ${result.dialogues} dialogues, ${result.units} scored units`, table.toString(), 'confusion summary:'];
  for (const s of result.scores) {
    const byLabel = s.recallByLabel.map((l) => `${l.label} ${l.found}/${l.of}`).join(', ');
    const fps = s.falsePositives.map(([label, n]) => `${label} ${n}`).join(', ');
    lines.push(`  ${s.act}: recall by label ${byLabel || '—'}; false positives by gold label ${fps || 'none'}`);
  }
  const unscored = Object.entries(result.unscored).map(([act, n]) => `${act} ${n}`);
  if (unscored.length) lines.push(`  tagged without a gold label in this scheme (not scored): ${unscored.join(', ')}`);
  return lines.join('\n');
}

export interface EvalRun {
  corpus: string;
  split: string;
  result: EvalResult;
}

/** The README's accuracy table: one row per corpus and act. */
export function formatEvalMarkdown(runs: readonly EvalRun[]): string {
  const rows = ['| corpus | split | act | precision | recall | F1 | support |', '|---|---|---|--:|--:|--:|--:|'];
  for (const { corpus, split, result } of runs) {
    for (const s of result.scores) rows.push(`| ${corpus} | ${split} | ${s.act} | ${fixed(s.precision)} | ${fixed(s.recall)} | ${fixed(s.f1)} | ${s.support} |`);
  }
  return rows.join('\n');
}
