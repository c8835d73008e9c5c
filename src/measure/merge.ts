/**
 * Merge summaries written by separate runs (shards of one input, or separate inputs) into the
 * summary one run over all of them would write. Summaries carry their counts, so the merge adds
 * counts and recomputes every rate, interval, gap and test from them.
 */
import { NO_FIGURE, type BaselineRate } from '../baseline/schema.js';
import { UsageError } from '../errors.js';
import { ACT_IDS, type ActId } from '../model.js';
import { loadModel } from '../tag/learned/model.js';
import { matchedComparison, matchedTallyFromSummary, mergeMatched, type MatchedTally } from './matched.js';
import {
  requireEstimates,
  sortedAccount,
  sortGroups,
  summarizeWith,
  tallyFromSummary,
  type Calibrator,
  type FileAccount,
  type RateBasis,
  type ReferenceRates,
  type Summary,
} from './summary.js';
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

const NO_RATE: BaselineRate = { ...NO_FIGURE, scores: {} };
/** A summary of user turns alone keeps only the human coordination; it has no act rates to recover. */
const NO_RATES = { acts: Object.fromEntries(ACT_IDS.map((a) => [a, NO_RATE])) as Record<ActId, BaselineRate>, any: NO_RATE };

/** The human rates a summary was compared with, recovered from its groups (rate × n gives back the count); coordination per role. */
function referenceOf(summary: Summary): ReferenceRates | null {
  const group = summary.groups.find((g) => g.role === 'assistant' && g.any.baseline !== null);
  const coordination: ReferenceRates['coordination'] = {};
  for (const g of summary.groups) if (g.coordination?.baseline && !(g.role in coordination)) coordination[g.role] = g.coordination.baseline;
  const trajectory = summary.groups.find((g) => g.trajectory?.baseline)?.trajectory?.baseline ?? null;
  const helper = summary.groups.find((g) => g.role === 'assistant' && g.curiosity?.baseline);
  const beyond = helper ? { curiosity: helper.curiosity!.baseline!, comfort: helper.comfort!.baseline!, curiosity_share: helper.curiosity_share!.baseline! } : null;
  if (!group) return Object.keys(coordination).length > 0 || trajectory ? { ...NO_RATES, coordination, beyond, trajectory } : null;
  const rate = (r: Summary['groups'][number]['any']): BaselineRate => {
    const { rate, n, estimate } = r.baseline!;
    return { count: rate === null ? 0 : Math.round(rate * n), n, rate, ci: null, per1kWords: null, estimate, scores: {} };
  };
  return { acts: Object.fromEntries(ACT_IDS.map((a) => [a, rate(group.acts[a])])) as Record<ActId, BaselineRate>, any: rate(group.any), coordination, beyond, trajectory };
}

/**
 * Summaries written before a measure (coordination; reassurance with curiosity and the trajectory)
 * carry none of it: they would merge into wrong figures, so they merge only among themselves.
 */
function requireSameMeasures(inputs: readonly NamedSummary[]): void {
  const measures: Array<[string, (g: Summary['groups'][number]) => boolean]> = [
    ['coordination', (g) => g.coordination !== null],
    ['reassurance, curiosity and comfort', (g) => g.curiosity !== null],
  ];
  for (const [name, has] of measures) {
    const without = inputs.find((i) => i.summary.groups.some((g) => !has(g)));
    const withIt = inputs.find((i) => i.summary.groups.some(has));
    if (without && withIt) {
      throw new UsageError(`${without.path}: expected ${name} on every group, as ${withIt.path} has, found a summary written before it was measured. Analyze that input again with this version.`);
    }
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface MergeOptions {
  /** The model that calibrates the merged score counts; default the shipped one. It must be the model that tagged the summaries. */
  model?: Calibrator;
  /** Recompute the gaps on this basis instead of the summaries' own (which must then agree). */
  rates?: RateBasis;
}

/**
 * Summaries of the same grounding version, tagger, grouping, baseline and rate basis merge; anything
 * else is refused, naming the file. Estimates are recomputed from the merged score counts, so only
 * summaries of the loaded model can be merged.
 */
export function mergeSummaries(inputs: readonly NamedSummary[], options: MergeOptions = {}): Summary {
  const first = inputs[0];
  if (!first) throw new UsageError('Expected at least one summary JSON to merge, found none.');
  for (const { path, summary } of inputs.slice(1)) {
    const differs = (what: string, a: unknown, b: unknown) => {
      if (!same(a, b)) throw new UsageError(`${path}: expected the same ${what} as ${first.path} (${JSON.stringify(a)}), found ${JSON.stringify(b)}. Merge only summaries of one grounding version, tagger, grouping, baseline and rate basis.`);
    };
    differs('grounding version', first.summary.tool.version, summary.tool.version);
    differs('tagger (and model)', first.summary.tagger, summary.tagger);
    differs('grouping (--by)', first.summary.groupBy, summary.groupBy);
    differs('baseline', first.summary.baseline, summary.baseline);
    if (!options.rates) differs('rate basis (--rates)', first.summary.rates, summary.rates);
  }
  requireSameMeasures(inputs);
  const { tagger } = first.summary;
  let model: Calibrator | null = null;
  if (tagger.kind === 'learned') {
    model = options.model ?? loadModel();
    if (tagger.model !== model.version) {
      throw new UsageError(`${first.path}: expected a summary tagged by the loaded model ${model.version}, found one tagged by ${tagger.model}; its estimates could not be recomputed. Merge with the grounding (and model) that wrote it, or analyze the input again.`);
    }
  }
  const rates = options.rates ?? first.summary.rates;
  const tally: Tally = new Map();
  const matched: MatchedTally = new Map();
  let reference: ReferenceRates | null = null;
  for (const { summary } of inputs) {
    mergeTally(tally, tallyFromSummary(summary).values());
    mergeMatched(matched, matchedTallyFromSummary(summary).values());
    reference ??= referenceOf(summary);
  }
  const compared = first.summary.baseline ? reference : null;
  const groups = sortGroups([...tally.values()].map((g) => summarizeWith(g, compared, { model, rates })));
  if (rates === 'estimated') requireEstimates(tagger, groups, compared, `The baseline ${first.summary.baseline?.path ?? ''} the summaries were compared with`);
  const merged: Summary = {
    schema: first.summary.schema,
    tool: first.summary.tool,
    tagger,
    groupBy: first.summary.groupBy,
    acts: first.summary.acts,
    baseline: first.summary.baseline,
    rates,
    input: { files: mergeAccounts(inputs.map((i) => i.summary.input.files)), conversations: inputs.reduce((n, i) => n + i.summary.input.conversations, 0) },
    groups,
  };
  if (matched.size > 0) merged.matched = matchedComparison(matched);
  return merged;
}
