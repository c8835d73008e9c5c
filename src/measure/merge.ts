/**
 * Merge summaries written by separate runs (shards of one input, or separate inputs) into the
 * summary one run over all of them would write. Summaries carry their counts, so the merge adds
 * counts and recomputes every rate, interval, gap and test from them.
 */
import type { BaselineRate } from '../baseline/schema.js';
import { UsageError } from '../errors.js';
import { ACT_IDS, type ActId } from '../model.js';
import { matchedComparison, matchedTallyFromSummary, mergeMatched, type MatchedTally } from './matched.js';
import { sortedAccount, sortGroups, summarizeWith, tallyFromSummary, type FileAccount, type ReferenceRates, type Summary } from './summary.js';
import { mergeTally, type Tally } from './tally.js';

export interface NamedSummary {
  /** Where it was read from, for error messages. */
  path: string;
  summary: Summary;
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [reason, n] of Object.entries(from)) into[reason] = (Object.hasOwn(into, reason) ? into[reason]! : 0) + n;
}

/** File accounts added up by path, in the order the paths first appear. */
export function mergeAccounts(lists: readonly (readonly FileAccount[])[]): FileAccount[] {
  const byPath = new Map<string, FileAccount>();
  for (const files of lists) {
    for (const f of files) {
      const into = byPath.get(f.path);
      if (!into) {
        byPath.set(f.path, { ...f, skipped: { ...f.skipped }, turnsSkipped: { ...f.turnsSkipped } });
        continue;
      }
      into.records += f.records;
      into.analyzed += f.analyzed;
      addCounts(into.skipped, f.skipped);
      addCounts(into.turnsSkipped, f.turnsSkipped);
    }
  }
  return [...byPath.values()].map(sortedAccount);
}

/** The human rates a summary was compared with, recovered from its assistant groups (rate × n gives back the count). */
function referenceOf(summary: Summary): ReferenceRates | null {
  const group = summary.groups.find((g) => g.role === 'assistant' && g.any.baseline !== null);
  if (!group) return null;
  const rate = (r: { baseline: { rate: number | null; n: number } | null }): BaselineRate => {
    const { rate, n } = r.baseline!;
    return { count: rate === null ? 0 : Math.round(rate * n), n, rate, ci: null, per1kWords: null };
  };
  return { acts: Object.fromEntries(ACT_IDS.map((a) => [a, rate(group.acts[a])])) as Record<ActId, BaselineRate>, any: rate(group.any) };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Summaries of the same grounding version, grouping and baseline merge; anything else is refused, naming the file. */
export function mergeSummaries(inputs: readonly NamedSummary[]): Summary {
  const first = inputs[0];
  if (!first) throw new UsageError('Expected at least one summary JSON to merge, found none.');
  for (const { path, summary } of inputs.slice(1)) {
    const differs = (what: string, a: unknown, b: unknown) => {
      if (!same(a, b)) throw new UsageError(`${path}: expected the same ${what} as ${first.path} (${JSON.stringify(a)}), found ${JSON.stringify(b)}. Merge only summaries of one grounding version, grouping and baseline.`);
    };
    differs('grounding version', first.summary.tool.version, summary.tool.version);
    differs('grouping (--by)', first.summary.groupBy, summary.groupBy);
    differs('baseline', first.summary.baseline, summary.baseline);
  }
  const tally: Tally = new Map();
  const matched: MatchedTally = new Map();
  let reference: ReferenceRates | null = null;
  for (const { summary } of inputs) {
    mergeTally(tally, tallyFromSummary(summary).values());
    mergeMatched(matched, matchedTallyFromSummary(summary).values());
    reference ??= referenceOf(summary);
  }
  const merged: Summary = {
    schema: first.summary.schema,
    tool: first.summary.tool,
    groupBy: first.summary.groupBy,
    acts: first.summary.acts,
    baseline: first.summary.baseline,
    input: { files: mergeAccounts(inputs.map((i) => i.summary.input.files)), conversations: inputs.reduce((n, i) => n + i.summary.input.conversations, 0) },
    groups: sortGroups([...tally.values()].map((g) => summarizeWith(g, first.summary.baseline ? reference : null))),
  };
  if (matched.size > 0) merged.matched = matchedComparison(matched);
  return merged;
}
