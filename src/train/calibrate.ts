/**
 * Calibration: Platt scaling of a turn's score into a probability, fit on labelled turns the model
 * was not fit on, with Platt's own target smoothing ((N₊+1)/(N₊+2) and 1/(N₋+2)), so that a handful
 * of positives cannot push a probability to 0 or 1. Refit on bootstrap resamples (a seeded
 * generator) for the estimate's interval, and a decision threshold chosen for F1: half the best F1
 * (halfBestF1), or the cut that reaches it (chooseThreshold).
 */
import { round } from '../measure/stats.js';
import { fitLogistic } from './logistic.js';

export interface Scored {
  /** The turn's score; null when the model read nothing (probability 0). */
  score: number | null;
  positive: boolean;
}

export interface PlattFit {
  alpha: number;
  beta: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same resamples on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Platt scaling on the turns the model read something in. */
export function fitPlatt(data: readonly Scored[]): PlattFit {
  const read = data.filter((d): d is { score: number; positive: boolean } => d.score !== null);
  const positives = read.filter((d) => d.positive).length;
  const negatives = read.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  // Soft targets as two weighted rows per turn: label 1 with weight t, label 0 with weight 1 − t.
  const n = read.length;
  const indptr = Int32Array.from({ length: 2 * n + 1 }, (_, i) => i);
  const indices = new Int32Array(2 * n);
  const values = new Float32Array(2 * n);
  const labels = new Uint8Array(2 * n);
  const weights = new Float64Array(2 * n);
  read.forEach((d, i) => {
    const t = d.positive ? high : low;
    values[2 * i] = values[2 * i + 1] = d.score;
    labels[2 * i] = 1;
    weights[2 * i] = t;
    weights[2 * i + 1] = 1 - t;
  });
  const fit = fitLogistic({ rows: { indptr, indices, values, columns: 1 }, labels, weights }, { l2: 1e-6, maxIterations: 200, tolerance: 1e-9 });
  return { alpha: fit.weights[0]!, beta: fit.bias };
}

/** Platt refit on `boots` resamples (with replacement) of the turns. */
export function bootstrapPlatt(data: readonly Scored[], boots: number, seed: number): Array<[number, number]> {
  const random = seededRandom(seed);
  const out: Array<[number, number]> = [];
  for (let b = 0; b < boots; b += 1) {
    const sample = Array.from({ length: data.length }, () => data[Math.floor(random() * data.length)]!);
    const fit = fitPlatt(sample);
    out.push([round(fit.alpha), round(fit.beta)]);
  }
  return out;
}

export interface Threshold {
  threshold: number;
  f1: number;
  precision: number;
  recall: number;
}

/**
 * The probability threshold for F1 on these turns: midway between the probabilities of the last
 * turn tagged and the first left out. Of the cuts whose F1 is within `tolerance` of the best, the
 * highest: on a few dozen positives one turn moves F1 by a few hundredths, so a near-tie is noise,
 * and the higher cut tags less on text unlike the calibration set. With no positive turn, 1 (never
 * tag). `best` is the best F1 itself, whichever cut is chosen.
 */
export function chooseThreshold(probabilities: readonly number[], positive: readonly boolean[], tolerance = 0): Threshold & { best: number } {
  const order = probabilities.map((p, i) => [p, positive[i]!] as const).sort((a, b) => b[0] - a[0]);
  const total = positive.filter(Boolean).length;
  if (total === 0) return { threshold: 1, f1: 0, precision: 0, recall: 0, best: 0 };
  const cuts: Threshold[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i += 1) {
    if (order[i]![1]) tp += 1;
    else fp += 1;
    const next = order[i + 1]?.[0];
    if (next !== undefined && next === order[i]![0]) continue;
    cuts.push({ threshold: next === undefined ? order[i]![0] / 2 : (order[i]![0] + next) / 2, f1: (2 * tp) / (tp + fp + total), precision: tp / (tp + fp), recall: tp / total });
  }
  // A loop, not Math.max(...): a calibration set of tens of thousands of turns would overflow the call's arguments.
  const best = cuts.reduce((m, c) => Math.max(m, c.f1), 0);
  // Cuts run from the highest threshold down: the first within tolerance is the highest.
  const chosen = cuts.find((c) => c.f1 > 0 && c.f1 >= best - tolerance)!;
  return { ...chosen, best };
}

/**
 * The threshold for F1 on calibrated probabilities: half the best F1 the turns reach. When the
 * probabilities are calibrated, the cut that maximizes expected F1 is half the best F1 (Lipton,
 * Elkan and Narayanaswamy 2014, "Thresholding classifiers to maximize F1 score"). The best cut
 * itself follows a few turns where positives are few; the best F1 moves little. F1, precision and
 * recall are those at that threshold; `best` is the best F1.
 */
export function halfBestF1(probabilities: readonly number[], positive: readonly boolean[]): Threshold & { best: number } {
  const { best } = chooseThreshold(probabilities, positive);
  if (best === 0) return { threshold: 1, f1: 0, precision: 0, recall: 0, best };
  return { ...thresholdAt(probabilities, positive, best / 2), best };
}

/** F1, precision and recall of tagging the turns whose probability reaches `threshold` (0 where a ratio has no denominator). */
export function thresholdAt(probabilities: readonly number[], positive: readonly boolean[], threshold: number): Threshold {
  let tp = 0;
  let fp = 0;
  let total = 0;
  probabilities.forEach((p, i) => {
    if (positive[i]) total += 1;
    if (p >= threshold) {
      if (positive[i]) tp += 1;
      else fp += 1;
    }
  });
  return { threshold, f1: total > 0 ? (2 * tp) / (tp + fp + total) : 0, precision: tp + fp > 0 ? tp / (tp + fp) : 0, recall: total > 0 ? tp / total : 0 };
}
