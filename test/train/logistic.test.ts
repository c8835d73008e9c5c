/**
 * The hand-written learner against known solutions: the published maximum-likelihood fit of the
 * Challenger O-ring data, and, with an L2 penalty and weights, Newton's method run to machine
 * precision on small dense problems (an independent solver: it shares no code with L-BFGS).
 */
import { describe, expect, it } from 'vitest';
import { fitLogistic, scoreRows } from '../../src/train/logistic.js';
import { sparse } from '../helpers/sparse.js';
import { seededRandom } from '../../src/train/calibrate.js';

/** Newton's method on the same objective, with a dense Hessian solved by Gaussian elimination. */
function newton(x: number[][], y: number[], c: number[], l2: number): number[] {
  const d = x[0]!.length + 1;
  const theta = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((row, i) => {
      const xi = [...row, 1];
      const z = xi.reduce((s, v, j) => s + v * theta[j]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let j = 0; j < d; j += 1) {
        g[j]! += c[i]! * (p - y[i]!) * xi[j]!;
        for (let k = 0; k < d; k += 1) h[j]![k]! += c[i]! * p * (1 - p) * xi[j]! * xi[k]!;
      }
    });
    for (let j = 0; j < d - 1; j += 1) {
      g[j]! += l2 * theta[j]!;
      h[j]![j]! += l2;
    }
    // Solve h · step = g.
    const a = h.map((row, j) => [...row, g[j]!]);
    for (let col = 0; col < d; col += 1) {
      let pivot = col;
      for (let r = col + 1; r < d; r += 1) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
      [a[col], a[pivot]] = [a[pivot]!, a[col]!];
      for (let r = 0; r < d; r += 1) {
        if (r === col) continue;
        const f = a[r]![col]! / a[col]![col]!;
        for (let k = col; k <= d; k += 1) a[r]![k]! -= f * a[col]![k]!;
      }
    }
    const step = a.map((row, j) => row[d]! / row[j]!);
    for (let j = 0; j < d; j += 1) theta[j]! -= step[j]!;
    if (Math.hypot(...step) < 1e-13) break;
  }
  return theta;
}

describe('fitLogistic', () => {
  it('reproduces the published maximum-likelihood fit of the Challenger O-ring data (15.0429, −0.2322)', () => {
    // Dalal, Fowlkes and Hoadley (1989): O-ring damage against launch temperature (°F), 23 flights.
    const temperature = [66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58];
    const damaged = [0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1];
    const fit = fitLogistic({ rows: sparse(temperature.map((t) => [t])), labels: Uint8Array.from(damaged) }, { l2: 0, maxIterations: 5000, tolerance: 1e-10 });
    expect(fit.converged).toBe(true);
    expect(fit.bias).toBeCloseTo(15.0429, 3);
    expect(fit.weights[0]).toBeCloseTo(-0.2322, 4);
  });

  it('matches Newton’s method with an L2 penalty and row weights on random sparse problems', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 5; trial += 1) {
      const n = 60;
      const d = 8;
      const x = Array.from({ length: n }, () => Array.from({ length: d }, () => (random() < 0.4 ? Math.round(random() * 3) : 0)));
      const y = x.map((row) => (row[0]! - row[1]! + (random() - 0.5) * 2 > 0 ? 1 : 0));
      const c = x.map(() => 0.5 + random());
      const l2 = 0.1 + trial * 0.5;
      const expected = newton(x, y, c, l2);
      const fit = fitLogistic({ rows: sparse(x), labels: Uint8Array.from(y), weights: Float64Array.from(c) }, { l2, tolerance: 1e-10, maxIterations: 1000 });
      expect(fit.converged).toBe(true);
      [...fit.weights, fit.bias].forEach((w, j) => expect(w).toBeCloseTo(expected[j]!, 5));
    }
  });

  it('gives the same weights, bit for bit, for the same data', () => {
    const x = [[1, 0, 2], [0, 1, 0], [1, 1, 1], [0, 0, 1], [2, 0, 0]];
    const data = { rows: sparse(x), labels: Uint8Array.from([1, 0, 1, 0, 1]) };
    const a = fitLogistic(data, { l2: 1 });
    const b = fitLogistic(data, { l2: 1 });
    expect([...a.weights, a.bias]).toEqual([...b.weights, b.bias]);
  });

  it('leaves rows of weight 0 out of the fit, and scores rows as w·x + b', () => {
    const x = [[1, 0], [0, 1], [1, 1], [5, 5]];
    const with0 = fitLogistic({ rows: sparse(x), labels: Uint8Array.from([1, 0, 1, 1]), weights: Float64Array.from([1, 1, 1, 0]) }, { l2: 1, tolerance: 1e-10 });
    const without = fitLogistic({ rows: sparse(x.slice(0, 3)), labels: Uint8Array.from([1, 0, 1]) }, { l2: 1, tolerance: 1e-10 });
    expect([...with0.weights, with0.bias].map((v) => v.toFixed(6))).toEqual([...without.weights, without.bias].map((v) => v.toFixed(6)));
    const scores = scoreRows(sparse(x), Float64Array.from([2, -1]), 0.5);
    expect([...scores]).toEqual([2.5, -0.5, 1.5, 5.5]);
  });
});
