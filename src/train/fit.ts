/**
 * Fit one logistic regression per act on bags of units (bags.ts), as multiple-instance learning:
 * a bag labelled with an act holds at least one unit that carries it, and which one is not said.
 * Round 0 counts every unit of a positive bag as positive, each weighing 1/k of the bag; each later
 * round keeps only the unit the last fit scored highest in each positive bag. Units of a negative
 * bag are negative. A corpus that has no label for an act takes no part in that act's fit.
 */
import { ACT_IDS, type ActId } from '../model.js';
import { featurePrefixes, joinFeatures, type FeatureConfig } from '../tag/learned/features.js';
import { ACTS } from '../tag/registry.js';
import type { Bag } from './bags.js';
import { fitLogistic, scoreRows, type LinearFit, type LogisticData, type LogisticOptions, type SparseRows } from './logistic.js';

export interface FitConfig extends FeatureConfig {
  /** λ of the L2 penalty. */
  l2: number;
  /** Per act, a λ of its own instead. */
  l2ByAct?: Readonly<Partial<Record<ActId, number>>>;
  /** A feature seen in fewer training units than this is left out. */
  minCount: number;
  /** Rounds of choosing each positive bag's best unit after the first fit. */
  rounds: number;
  /** Weight of each corpus's units (0 leaves a corpus out); a corpus not named weighs 1. */
  corpusWeights: Readonly<Record<string, number>>;
  /** Per act, corpora left out of its fit (their labels mean something else there). */
  exclude: Readonly<Partial<Record<ActId, readonly string[]>>>;
  /**
   * Corpora whose labels mean something other than the acts as defined (ESConv's strategies,
   * Persuasion for Good's broader acknowledgement): their units' joined copies are their own
   * (`esconv|…`), which the tagger never reads, instead of the kind of text's. Their quirks go
   * there; what they share with the acts goes into the plain features.
   */
  ownCopies: readonly string[];
  /**
   * The features of cues and rules that fired (`rule:`, and their joined copies) are penalized
   * ruleTrust² times less than the rest: a cue written and checked by hand is trusted
   * further than an n-gram seen in a few training turns. (Fit with the feature at value ruleTrust,
   * then stored with its weight times ruleTrust, so that the tagger reads every feature as 1.)
   */
  ruleTrust: number;
  /**
   * What a cue or rule of an act is worth before any data: the penalty pulls the weight of
   * `rule:<act>/<id>` for <act> towards this logit rather than 0. A cue the training data seldom
   * shows still counts; one the data contradicts is pulled down by it.
   */
  rulePrior: number;
  /** L-BFGS stops when the gradient's norm is below tolerance · max(1, |w|), or after maxIterations. */
  tolerance: number;
  maxIterations: number;
}

export interface Fitted {
  /** The acts some bag was labelled positive with: the model was fit on these. */
  acts: ActId[];
  vocabulary: string[];
  weights: Record<ActId, { bias: number; w: Float64Array }>;
  /** Per act and round, the learner's iterations (L-BFGS's, or a perceptron's epochs), for the record. */
  iterations: Record<ActId, number[]>;
}

/** A bag's units as the model reads them: the config's families, joined as it says. */
export function bagFeatures(bag: Bag, config: FeatureConfig & { ownCopies?: readonly string[] }): string[][] {
  const own = config.ownCopies?.includes(bag.corpus) ?? false;
  const prefixes = own ? [`${bag.corpus}|`] : featurePrefixes(bag.role, config);
  return bag.units.map((base) => {
    const out: string[] = [];
    joinFeatures(config.chars ? base : base.filter((f) => !f.startsWith('c:')), prefixes, (f) => out.push(f));
    return out;
  });
}

/** Fits one act's rows: the logistic regression that ships, or another learner to measure it against (scripts/learners.mjs). */
export type Learner = (data: LogisticData, options: LogisticOptions) => LinearFit;

export function fitBags(bags: readonly Bag[], config: FitConfig, learner: Learner = fitLogistic): Fitted {
  const unitFeatures = bags.map((b) => bagFeatures(b, config));
  // The vocabulary: features seen in at least minCount units, in name order (so the same data gives the same file).
  const counts = new Map<string, number>();
  for (const units of unitFeatures) for (const u of units) for (const f of new Set(u)) counts.set(f, (counts.get(f) ?? 0) + 1);
  // Every cue and rule of the lexicons is a feature, however seldom it fires in training: its prior (rulePrior) stands where data is thin.
  for (const act of ACTS) for (const id of [...act.entries.filter((e) => e.kind === 'cue').map((e) => e.rule), ...act.rules.map((r) => `${act.id}/${r.id}`)]) counts.set(`rule:${id}`, Infinity);
  const vocabulary = [...counts].filter(([, n]) => n >= config.minCount).map(([f]) => f).sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const scale = new Float32Array(vocabulary.length).map((_, i) => (/^(?:[^|]*\|)?rule:/.test(vocabulary[i]!) ? config.ruleTrust : 1));

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

  const weights = {} as Fitted['weights'];
  const iterations = {} as Fitted['iterations'];
  const acts: ActId[] = [];
  for (const act of ACT_IDS) {
    // Only the units of bags that take part in this act's fit, in rows of their own: a fit reads no row it ignores.
    const take: Array<{ units: number[]; gold: boolean; weight: number }> = [];
    bags.forEach((bag, b) => {
      const gold = bag.gold[act];
      const cw = config.corpusWeights[bag.corpus] ?? 1;
      if (gold === undefined || cw === 0 || config.exclude[act]?.includes(bag.corpus)) return;
      if (gold && rowsOfBag[b]!.length === 0) return;
      take.push({ units: rowsOfBag[b]!, gold, weight: cw });
    });
    const subIndptr: number[] = [0];
    const subIndices: number[] = [];
    const labels: number[] = [];
    const baseWeight: number[] = [];
    const positives: number[][] = [];
    for (const { units, gold, weight } of take) {
      const local: number[] = [];
      for (const r of units) {
        for (let k = rows.indptr[r]!; k < rows.indptr[r + 1]!; k += 1) subIndices.push(rows.indices[k]!);
        subIndptr.push(subIndices.length);
        local.push(labels.length);
        labels.push(gold ? 1 : 0);
        baseWeight.push(gold ? weight / units.length : weight);
      }
      if (gold) positives.push(local);
    }
    const sub: SparseRows = { indptr: Int32Array.from(subIndptr), indices: Int32Array.from(subIndices), values: Float32Array.from(subIndices, (j) => scale[j]!), columns: vocabulary.length };
    if (positives.length > 0) acts.push(act);
    const data = { rows: sub, labels: Uint8Array.from(labels), weights: Float64Array.from(baseWeight) };
    // The prior, on the scale the fit sees (a feature at value s has weight w/s there).
    const prior = new Float64Array(vocabulary.length);
    if (config.rulePrior !== 0) vocabulary.forEach((name, j) => {
      if (name.startsWith(`rule:${act}/`)) prior[j] = config.rulePrior / scale[j]!;
    });
    const options = { l2: config.l2ByAct?.[act] ?? config.l2, tolerance: config.tolerance, maxIterations: config.maxIterations, prior };
    iterations[act] = [];
    let fit = learner(data, options);
    iterations[act].push(fit.iterations);
    for (let round = 0; round < config.rounds; round += 1) {
      const scores = scoreRows(sub, fit.weights, fit.bias);
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
      fit = learner({ ...data, weights: weight }, { ...options, start });
      iterations[act].push(fit.iterations);
    }
    weights[act] = { bias: fit.bias, w: fit.weights.map((w, j) => w * scale[j]!) };
  }
  return { acts, vocabulary, weights, iterations };
}
