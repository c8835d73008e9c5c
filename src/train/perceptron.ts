/**
 * The averaged perceptron (Freund and Schapire 1999; averaged as in Collins 2002), on the same
 * sparse rows and weights as the logistic regression (logistic.ts). It is not what ships: it is the
 * learner the logistic regression was measured against (scripts/learners.mjs, README "The
 * learner"). Each epoch visits the rows in a seeded order; a row the weights misclassify (or put
 * on the boundary) adds its features times its label and weight. The fit returned is the mean of
 * the weights after every row visited, kept with a running sum (as in Daumé's Course in Machine
 * Learning) rather than a copy per step.
 * Rows of weight 0 are not visited (a multiple-instance round drops units that way).
 * test/train/perceptron.test.ts checks it against the mean of the weights computed step by step.
 */
import { seededRandom } from './calibrate.js';
import type { LinearFit, LogisticData } from './logistic.js';

export interface PerceptronOptions {
  epochs: number;
  seed: number;
}

export function fitPerceptron(data: LogisticData, options: PerceptronOptions): LinearFit {
  const { rows, labels } = data;
  const n = labels.length;
  const w = new Float64Array(rows.columns);
  // u: Σ c·Δ over the updates, c counting the rows visited (from 1): the mean of w follows from w and u.
  const u = new Float64Array(rows.columns);
  let bias = 0;
  let biasSum = 0;
  let c = 1;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let i = n - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const r of order) {
      const weight = data.weights ? data.weights[r]! : 1;
      if (weight === 0) continue;
      const y = labels[r] === 1 ? 1 : -1;
      let z = bias;
      for (let k = rows.indptr[r]!; k < rows.indptr[r + 1]!; k += 1) z += w[rows.indices[k]!]! * rows.values[k]!;
      if (y * z <= 0) {
        const step = y * weight;
        for (let k = rows.indptr[r]!; k < rows.indptr[r + 1]!; k += 1) {
          const j = rows.indices[k]!;
          const delta = step * rows.values[k]!;
          w[j]! += delta;
          u[j]! += c * delta;
        }
        bias += step;
        biasSum += c * step;
      }
      c += 1;
    }
  }
  // After T visits c is T + 1, and an update at visit t stands in the last T − t + 1 of them.
  const visits = c - 1;
  const weights = new Float64Array(rows.columns);
  if (visits === 0) return { weights, bias: 0, iterations: options.epochs };
  for (let j = 0; j < weights.length; j += 1) weights[j] = (c * w[j]! - u[j]!) / visits;
  return { weights, bias: (c * bias - biasSum) / visits, iterations: options.epochs };
}
