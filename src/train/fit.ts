/**
 * Fit one logistic regression per act on bags of units (bags.ts), as multiple-instance learning:
 * a bag labelled with an act holds at least one unit that carries it, and which one is not said.
 * Round 0 counts every unit of a positive bag as positive, each weighing 1/k of the bag; each later
 * round keeps only the unit the last fit scored highest in each positive bag. Units of a negative
 * bag are negative. A corpus that has no label for an act takes no part in that act's fit.
 */
import { ACT_IDS, type ActId } from '../model.js';
import { featurePrefixes, joinFeatures, type FeatureConfig } from '../tag/learned/features.js';
import type { Bag } from './bags.js';
import { fitLogistic, scoreRows, type SparseRows } from './logistic.js';

export interface FitConfig extends FeatureConfig {
  /** λ of the L2 penalty. */
  l2: number;
  /** A feature seen in fewer training units than this is left out. */
  minCount: number;
  /** Rounds of choosing each positive bag's best unit after the first fit. */
  rounds: number;
  /** Weight of each corpus's units (0 leaves a corpus out); a corpus not named weighs 1. */
  corpusWeights: Readonly<Record<string, number>>;
  /** Per act, corpora left out of its fit (their labels mean something else there). */
  exclude: Readonly<Partial<Record<ActId, readonly string[]>>>;
  /** L-BFGS stops when the gradient's norm is below tolerance · max(1, |w|), or after maxIterations. */
  tolerance: number;
  maxIterations: number;
}

export interface Fitted {
  vocabulary: string[];
  weights: Record<ActId, { bias: number; w: Float64Array }>;
  /** L-BFGS iterations per act and round, for the record. */
  iterations: Record<ActId, number[]>;
}

/** A bag's units as the model reads them: plain features joined as the config says. */
export function bagFeatures(bag: Bag, config: FeatureConfig): string[][] {
  const prefixes = featurePrefixes(bag.domain, bag.role, config);
  return bag.units.map((base) => {
    const out: string[] = [];
    joinFeatures(base, prefixes, (f) => out.push(f));
    return out;
  });
}

export function fitBags(bags: readonly Bag[], config: FitConfig): Fitted {
  const unitFeatures = bags.map((b) => bagFeatures(b, config));
  // The vocabulary: features seen in at least minCount units, in name order (so the same data gives the same file).
  const counts = new Map<string, number>();
  for (const units of unitFeatures) for (const u of units) for (const f of new Set(u)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, n]) => n >= config.minCount).map(([f]) => f).sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));

  // One row per unit of every bag, shared by all acts.
  const rowsOfBag: number[][] = [];
  const indptr: number[] = [0];
  const indices: number[] = [];
  for (const units of unitFeatures) {
    const rows: number[] = [];
    for (const u of units) {
      const cols = [...new Set(u.map((f) => index.get(f)).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
      indices.push(...cols);
      indptr.push(indices.length);
      rows.push(indptr.length - 2);
    }
    rowsOfBag.push(rows);
  }
  const rows: SparseRows = { indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: new Float32Array(indices.length).fill(1), columns: vocabulary.length };
  const unitCount = indptr.length - 1;

  const weights = {} as Fitted['weights'];
  const iterations = {} as Fitted['iterations'];
  for (const act of ACT_IDS) {
    const labels = new Uint8Array(unitCount);
    const baseWeight = new Float64Array(unitCount);
    const positives: number[][] = [];
    bags.forEach((bag, b) => {
      const gold = bag.gold[act];
      const cw = config.corpusWeights[bag.corpus] ?? 1;
      if (gold === undefined || cw === 0 || config.exclude[act]?.includes(bag.corpus)) return;
      const units = rowsOfBag[b]!;
      if (gold) {
        if (units.length === 0) return;
        positives.push(units);
        for (const r of units) {
          labels[r] = 1;
          baseWeight[r] = cw / units.length;
        }
      } else for (const r of units) baseWeight[r] = cw;
    });
    iterations[act] = [];
    const options = { l2: config.l2, tolerance: config.tolerance, maxIterations: config.maxIterations };
    let fit = fitLogistic({ rows, labels, weights: baseWeight }, options);
    iterations[act].push(fit.iterations);
    for (let round = 0; round < config.rounds; round += 1) {
      const scores = scoreRows(rows, fit.weights, fit.bias);
      const weight = Float64Array.from(baseWeight);
      for (const units of positives) {
        let best = units[0]!;
        for (const r of units) if (scores[r]! > scores[best]!) best = r;
        const bagWeight = baseWeight[best]! * units.length;
        for (const r of units) weight[r] = 0;
        weight[best] = bagWeight;
      }
      const start = new Float64Array(vocabulary.length + 1);
      start.set(fit.weights);
      start[vocabulary.length] = fit.bias;
      fit = fitLogistic({ rows, labels, weights: weight }, { ...options, start });
      iterations[act].push(fit.iterations);
    }
    weights[act] = { bias: fit.bias, w: fit.weights };
  }
  return { vocabulary, weights, iterations };
}
