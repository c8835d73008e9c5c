/** The `grounding eval` tables: precision, recall, F1 and support per act, then a confusion summary; and two taggers side by side. */
import Table from '../report/cli-table.js';
import type { ActScore, EvalResult, Prf, TaggerKind } from './evaluate.js';

function fixed(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : x.toFixed(3);
}

function table(head: string[]): Table.Table {
  return new Table({ head, colAligns: head.map((_, i) => (i === 0 ? 'left' : 'right')), style: { head: [], border: [] } });
}

const weightedOf = (result: EvalResult | undefined) => !!result?.scores.some((s) => s.weighted);

function roleLine(s: ActScore): string | null {
  if (!s.byRole) return null;
  const roles = Object.entries(s.byRole).map(([role, p]) => `${role} ${fixed(p!.precision)}/${fixed(p!.recall)}/${fixed(p!.f1)} (support ${p!.tp + p!.fn})`);
  return `  ${s.act} by role (precision/recall/F1): ${roles.join(', ')}`;
}

export function formatEval(result: EvalResult, title: string): string {
  const weighted = weightedOf(result);
  const t = table(['act', 'precision', 'recall', 'F1', ...(weighted ? ['weighted P', 'weighted R', 'weighted F1'] : []), 'support', 'tagged']);
  for (const s of result.scores) {
    const w = weighted ? [fixed(s.weighted?.precision), fixed(s.weighted?.recall), fixed(s.weighted?.f1)] : [];
    t.push([s.act, fixed(s.precision), fixed(s.recall), fixed(s.f1), ...w, String(s.support), String(s.tp + s.fp)]);
  }
  const lines = [`${title}: ${result.dialogues} dialogues, ${result.units} scored units, ${result.tagger} tagger`, t.toString()];
  // Weighted counts stand for the population the stratified sample was drawn from.
  if (weighted) lines.push('weighted: each unit counted by its stratum weight (strata.json), as over the population sampled');
  lines.push('confusion summary:');
  for (const s of result.scores) {
    const byLabel = s.recallByLabel.map((l) => `${l.label} ${l.found}/${l.of}`).join(', ');
    const fps = s.falsePositives.map(([label, n]) => `${label} ${n}`).join(', ');
    lines.push(`  ${s.act}: recall by label ${byLabel || '—'}; false positives by gold label ${fps || 'none'}`);
  }
  for (const s of result.scores) {
    const line = roleLine(s);
    if (line) lines.push(line);
  }
  const unscored = Object.entries(result.unscored).map(([act, n]) => `${act} ${n}`);
  if (unscored.length) lines.push(`  tagged without a gold label in this scheme (not scored): ${unscored.join(', ')}`);
  return lines.join('\n');
}

/** The same corpus and split, scored with each tagger. */
export type TaggerResults = Partial<Record<TaggerKind, EvalResult>>;

const prfCells = (p: Prf | undefined) => [fixed(p?.precision), fixed(p?.recall), fixed(p?.f1)];

/** Acts in the order of whichever result is present; every result of one scheme has the same acts. */
function acts(results: TaggerResults): string[] {
  return (results.rules ?? results.learned)?.scores.map((s) => s.act) ?? [];
}

const score = (result: EvalResult | undefined, act: string) => result?.scores.find((s) => s.act === act);

/** The terminal comparison: rules and learned P/R/F1 per act (and weighted F1 where units carry weights). */
export function formatEvalComparison(results: TaggerResults, title: string): string {
  const weighted = Object.values(results).some(weightedOf);
  const t = table(['act', 'rules P', 'rules R', 'rules F1', 'learned P', 'learned R', 'learned F1', ...(weighted ? ['rules wF1', 'learned wF1'] : []), 'support']);
  for (const act of acts(results)) {
    const rules = score(results.rules, act);
    const learned = score(results.learned, act);
    const w = weighted ? [fixed(rules?.weighted?.f1), fixed(learned?.weighted?.f1)] : [];
    t.push([act, ...prfCells(rules), ...prfCells(learned), ...w, String((rules ?? learned)!.support)]);
  }
  return `${title}: rules and learned side by side\n${t.toString()}`;
}

export interface EvalRun {
  corpus: string;
  split: string;
  results: TaggerResults;
}

/** The README's accuracy table: one row per corpus and act, rules and learned side by side. */
export function formatEvalMarkdown(runs: readonly EvalRun[]): string {
  const rows = [
    '| corpus | split | act | rules precision | rules recall | rules F1 | learned precision | learned recall | learned F1 | rules weighted F1 | learned weighted F1 | support |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { corpus, split, results } of runs) {
    for (const act of acts(results)) {
      const rules = score(results.rules, act);
      const learned = score(results.learned, act);
      // Weighted cells are blank, not dashes, for corpora whose units carry no weights.
      const w = [rules?.weighted, learned?.weighted].map((p) => (p ? fixed(p.f1) : ''));
      rows.push(`| ${corpus} | ${split} | ${act} | ${[...prfCells(rules), ...prfCells(learned), ...w].join(' | ')} | ${(rules ?? learned)!.support} |`);
    }
  }
  return rows.join('\n');
}
