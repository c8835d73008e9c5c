/**
 * The averaged perceptron against its definition: the mean of the weights after every row visited,
 * computed step by step on dense arrays (a copy per step, none of the running-sum bookkeeping), in
 * the same seeded order. And what a perceptron must do: separate data that a margin separates.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/train/calibrate.js';
import { fitPerceptron } from '../../src/train/perceptron.js';
import { sparse } from '../helpers/sparse.js';

/** The definition: visit the rows in each epoch's seeded order; the fit is the mean of (w, b) over the visits. */
function reference(x: number[][], y: number[], c: number[], epochs: number, seed: number): { weights: number[]; bias: number } {
  const d = x[0]!.length;
  let w = new Array<number>(d).fill(0);
  let b = 0;
  const sum = new Array<number>(d).fill(0);
  let sumBias = 0;
  let visits = 0;
  const order = x.map((_, i) => i);
  const random = seededRandom(seed);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      if (c[r] === 0) continue;
      const s = y[r] === 1 ? 1 : -1;
      const z = b + x[r]!.reduce((acc, v, j) => acc + v * w[j]!, 0);
      if (s * z <= 0) {
        w = w.map((wj, j) => wj + s * c[r]! * x[r]![j]!);
        b += s * c[r]!;
      }
      w.forEach((wj, j) => (sum[j]! += wj));
      sumBias += b;
      visits += 1;
    }
  }
  return { weights: sum.map((s) => s / visits), bias: sumBias / visits };
}

describe('fitPerceptron', () => {
  it('is the mean of the weights after every visit, on weighted sparse data', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 20; trial += 1) {
      const n = 5 + Math.floor(random() * 30);
      const d = 1 + Math.floor(random() * 6);
      const x = Array.from({ length: n }, () => Array.from({ length: d }, () => (random() < 0.4 ? 0 : Math.round((random() * 4 - 2) * 4) / 4)));
      const y = x.map(() => (random() < 0.4 ? 1 : 0));
      // Some rows weigh 0, as a multiple-instance round leaves them.
      const c = x.map(() => (random() < 0.15 ? 0 : Math.round(random() * 8) / 4 + 0.25));
      const epochs = 1 + Math.floor(random() * 4);
      const fit = fitPerceptron({ rows: sparse(x), labels: Uint8Array.from(y), weights: Float64Array.from(c) }, { epochs, seed: trial });
      const want = reference(x, y, c, epochs, trial);
      want.weights.forEach((v, j) => expect(fit.weights[j]).toBeCloseTo(v, 9));
      expect(fit.bias).toBeCloseTo(want.bias, 9);
    }
  });

  it('separates data a margin separates', () => {
    const random = seededRandom(11);
    const x: number[][] = [];
    const y: number[] = [];
    while (x.length < 200) {
      const p = [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1];
      const z = 0.8 * p[0]! - 0.5 * p[1]! + 0.3 * p[2]! + 0.1;
      if (Math.abs(z) < 0.15) continue;
      x.push(p);
      y.push(z > 0 ? 1 : 0);
    }
    const fit = fitPerceptron({ rows: sparse(x), labels: Uint8Array.from(y) }, { epochs: 50, seed: 1 });
    const wrong = x.filter((p, i) => (fit.bias + p.reduce((s, v, j) => s + v * fit.weights[j]!, 0) > 0 ? 1 : 0) !== y[i]).length;
    expect(wrong).toBe(0);
  });

  it('gives the same weights for the same seed', () => {
    const x = [[1, 0], [0, 1], [1, 1], [0.5, 0]];
    const data = { rows: sparse(x), labels: Uint8Array.from([1, 0, 1, 0]) };
    expect(fitPerceptron(data, { epochs: 3, seed: 5 })).toEqual(fitPerceptron(data, { epochs: 3, seed: 5 }));
  });
});
