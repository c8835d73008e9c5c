/**
 * The matched comparison of a replay: at each position where a human helper replied, the model
 * replied to the same context. Per act, a 2×2 table of (the model's reply has the act, the human's
 * has it) over those positions gives both rates, Cohen's kappa and McNemar's test. Tables hold
 * counts only, so they merge exactly by addition, whatever order the records were read in.
 */
import { z } from 'zod';
import { ACT_IDS, GROUNDING_ACT_IDS, type ActId } from '../model.js';
import { proportion, relativeGap } from './stats.js';

/** Positions counted by whether each side's reply holds the act. */
export interface PairTable {
  /** Both replies hold the act (a). */
  both: number;
  /** Only the model's reply holds it (b). */
  modelOnly: number;
  /** Only the human's reply holds it (c). */
  humanOnly: number;
  /** Neither does (d). */
  neither: number;
}

export interface MatchedGroupTally {
  /** `model` and `reference` joined; one group per pair of speakers compared. */
  key: string;
  /** The replayed model. */
  model: string;
  /** Who gave the original reply: `human` for the human corpora. */
  reference: string;
  /** Positions where both replies were kept (the n of every table). */
  positions: number;
  /** Positions whose model reply ingest left out (empty, or too long), so there was nothing to compare. */
  unpaired: number;
  acts: Record<ActId, PairTable>;
  any: PairTable;
}

export type MatchedTally = Map<string, MatchedGroupTally>;

export function emptyTable(): PairTable {
  return { both: 0, modelOnly: 0, humanOnly: 0, neither: 0 };
}

function emptyGroup(model: string, reference: string): MatchedGroupTally {
  const acts = Object.fromEntries(ACT_IDS.map((a) => [a, emptyTable()])) as Record<ActId, PairTable>;
  return { key: matchedKey(model, reference), model, reference, positions: 0, unpaired: 0, acts, any: emptyTable() };
}

/** Tab cannot occur in a model name read from a log line's JSON without being written on purpose. */
export function matchedKey(model: string, reference: string): string {
  return `${model}\t${reference}`;
}

function groupOf(tally: MatchedTally, model: string, reference: string): MatchedGroupTally {
  const key = matchedKey(model, reference);
  let group = tally.get(key);
  if (!group) {
    group = emptyGroup(model, reference);
    tally.set(key, group);
  }
  return group;
}

function count(table: PairTable, model: boolean, human: boolean): void {
  if (model && human) table.both += 1;
  else if (model) table.modelOnly += 1;
  else if (human) table.humanOnly += 1;
  else table.neither += 1;
}

/** Count one position: the acts in the model's reply and in the human's, to the same context. */
export function addPair(tally: MatchedTally, model: string, reference: string, modelActs: ReadonlySet<ActId>, humanActs: ReadonlySet<ActId>): void {
  const group = groupOf(tally, model, reference);
  group.positions += 1;
  for (const act of ACT_IDS) count(group.acts[act], modelActs.has(act), humanActs.has(act));
  count(group.any, GROUNDING_ACT_IDS.some((a) => modelActs.has(a)), GROUNDING_ACT_IDS.some((a) => humanActs.has(a)));
}

/** Count a position whose model reply was left out: it has no pair, but it is not lost. */
export function addUnpaired(tally: MatchedTally, model: string, reference: string): void {
  groupOf(tally, model, reference).unpaired += 1;
}

function addTable(into: PairTable, from: PairTable): void {
  into.both += from.both;
  into.modelOnly += from.modelOnly;
  into.humanOnly += from.humanOnly;
  into.neither += from.neither;
}

/** Merge `from` into `into`; counts add, so the result equals one run over both inputs. */
export function mergeMatched(into: MatchedTally, from: Iterable<MatchedGroupTally>): MatchedTally {
  for (const g of from) {
    const target = groupOf(into, g.model, g.reference);
    target.positions += g.positions;
    target.unpaired += g.unpaired;
    for (const act of ACT_IDS) addTable(target.acts[act], g.acts[act]);
    addTable(target.any, g.any);
  }
  return into;
}

/**
 * Cohen's kappa for two raters and one yes/no label, from the 2×2 table in whole numbers:
 * κ = 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)), the same as (pₒ − pₑ) / (1 − pₑ) without float
 * cancellation. Null when both sides say the same thing at every position (pₑ = 1).
 */
export function cohensKappa(t: PairTable): number | null {
  const { both: a, modelOnly: b, humanOnly: c, neither: d } = t;
  const denominator = (a + b) * (b + d) + (a + c) * (c + d);
  return denominator === 0 ? null : (2 * (a * d - b * c)) / denominator;
}

/** ln of the sum of exp(x) over xs, without overflow or underflow (xs can hold millions: no spread). */
function logSumExp(xs: readonly number[]): number {
  const max = xs.reduce((m, x) => Math.max(m, x), -Infinity);
  return max + Math.log(xs.reduce((sum, x) => sum + Math.exp(x - max), 0));
}

/**
 * Two-sided exact binomial test of k successes in n trials against p = ½:
 * min(1, 2·P(X ≤ min(k, n − k))). Summed in log space, so it stays exact for any n.
 */
export function binomialTwoSided(k: number, n: number): number {
  if (n === 0) return 1;
  const m = Math.min(k, n - k);
  const logs: number[] = [];
  let log = -n * Math.LN2; // ln P(X = 0)
  for (let i = 0; i <= m; i++) {
    logs.push(log);
    log += Math.log(n - i) - Math.log(i + 1);
  }
  return Math.min(1, 2 * Math.exp(logSumExp(logs)));
}

export interface McNemar {
  /** Positions where only the model's reply holds the act. */
  b: number;
  /** Positions where only the human's reply holds it. */
  c: number;
  /** Continuity-corrected χ² = (|b − c| − 1)² / (b + c), for comparison with tools that report it; null when b + c = 0. */
  statistic: number | null;
  /** Two-sided exact p-value: under no difference, b is Binomial(b + c, ½). */
  p: number;
}

/**
 * McNemar's test for paired rates. The p-value is the exact binomial one at every size: it needs no
 * large-sample approximation, and with acts as rare as clarification b + c is often small.
 */
export function mcnemar(b: number, c: number): McNemar {
  const n = b + c;
  return { b, c, statistic: n === 0 ? null : (Math.abs(b - c) - 1) ** 2 / n, p: binomialTwoSided(b, n) };
}

const Ci = z.tuple([z.number(), z.number()]).nullable();
const Count = z.number().int().nonnegative();

export const MatchedActSchema = z.object({
  /** Positions compared. */
  n: Count,
  both: Count,
  modelOnly: Count,
  humanOnly: Count,
  neither: Count,
  modelRate: z.number().nullable(),
  modelCi: Ci,
  humanRate: z.number().nullable(),
  humanCi: Ci,
  /** modelRate − humanRate. */
  diff: z.number().nullable(),
  /** (modelRate − humanRate) / humanRate; null when the human rate is 0. */
  gap: z.number().nullable(),
  kappa: z.number().nullable(),
  mcnemar: z.object({ b: Count, c: Count, statistic: z.number().nullable(), p: z.number() }),
});
export type MatchedAct = z.infer<typeof MatchedActSchema>;

export const MatchedGroupSchema = z.object({
  model: z.string(),
  reference: z.string(),
  positions: Count,
  unpaired: Count,
  acts: z.object(Object.fromEntries(ACT_IDS.map((a) => [a, MatchedActSchema])) as Record<ActId, typeof MatchedActSchema>),
  any: MatchedActSchema,
});
export type MatchedGroup = z.infer<typeof MatchedGroupSchema>;

export function matchedAct(t: PairTable): MatchedAct {
  const n = t.both + t.modelOnly + t.humanOnly + t.neither;
  const model = proportion(t.both + t.modelOnly, n);
  const human = proportion(t.both + t.humanOnly, n);
  return {
    n,
    ...t,
    modelRate: model.rate,
    modelCi: model.ci,
    humanRate: human.rate,
    humanCi: human.ci,
    diff: model.rate === null || human.rate === null ? null : model.rate - human.rate,
    gap: relativeGap(model.rate, human.rate),
    kappa: cohensKappa(t),
    mcnemar: mcnemar(t.modelOnly, t.humanOnly),
  };
}

/**
 * Per model (and the reference it was replayed against), per act and for any act: the positions
 * compared, the model's and the human's rate on them, the gap, Cohen's kappa and McNemar's test.
 */
export function matchedComparison(tally: MatchedTally): MatchedGroup[] {
  return [...tally.values()]
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((g) => ({
      model: g.model,
      reference: g.reference,
      positions: g.positions,
      unpaired: g.unpaired,
      acts: Object.fromEntries(ACT_IDS.map((a) => [a, matchedAct(g.acts[a])])) as Record<ActId, MatchedAct>,
      any: matchedAct(g.any),
    }));
}

function tableOf(r: MatchedAct): PairTable {
  return { both: r.both, modelOnly: r.modelOnly, humanOnly: r.humanOnly, neither: r.neither };
}

/** Recover the counts from a summary's `matched` groups, so replay summaries merge exactly. */
export function matchedTallyFromSummary(summary: { matched?: readonly MatchedGroup[] }): MatchedTally {
  const groups: MatchedGroupTally[] = (summary.matched ?? []).map((g) => ({
    key: matchedKey(g.model, g.reference),
    model: g.model,
    reference: g.reference,
    positions: g.positions,
    unpaired: g.unpaired,
    acts: Object.fromEntries(ACT_IDS.map((a) => [a, tableOf(g.acts[a])])) as Record<ActId, PairTable>,
    any: tableOf(g.any),
  }));
  return mergeMatched(new Map(), groups);
}
