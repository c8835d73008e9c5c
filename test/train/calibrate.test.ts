/** Platt scaling, its bootstrap and the F1 threshold, on cases whose answers are known. */
import { describe, expect, it } from 'vitest';
import { bootstrapPlatt, chooseThreshold, fitPlatt, halfBestF1, seededRandom, type Scored } from '../../src/train/calibrate.js';

/** Scores drawn uniformly in [−6, 6], labels drawn with probability σ(a·s + b). */
function drawn(n: number, a: number, b: number, seed: number): Scored[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const score = random() * 12 - 6;
    return { score, positive: random() < 1 / (1 + Math.exp(-(a * score + b))) };
  });
}

describe('fitPlatt', () => {
  it('recovers the logistic that generated the labels', () => {
    const fit = fitPlatt(drawn(20000, 0.8, -1.5, 1));
    expect(fit.alpha).toBeCloseTo(0.8, 1);
    expect(fit.beta).toBeCloseTo(-1.5, 1);
  });

  it('keeps probabilities off 0 and 1 when the scores separate a handful of positives perfectly', () => {
    const data: Scored[] = [...Array.from({ length: 3 }, () => ({ score: 5, positive: true })), ...Array.from({ length: 50 }, (_, i) => ({ score: -i / 10, positive: false }))];
    const { alpha, beta } = fitPlatt(data);
    const p = 1 / (1 + Math.exp(-(alpha * 5 + beta)));
    // Platt's targets: (3 + 1) / (3 + 2) = 0.8 for the positives; the fit cannot go past them.
    expect(p).toBeGreaterThan(0.7);
    expect(p).toBeLessThan(0.9);
  });

  it('leaves out turns the model read nothing in (score null)', () => {
    const data = drawn(500, 1, 0, 2);
    expect(fitPlatt([...data, { score: null, positive: true }, { score: null, positive: false }])).toEqual(fitPlatt(data));
  });
});

describe('bootstrapPlatt', () => {
  it('is the same for the same seed, differs for another, and spreads around the fit', () => {
    const data = drawn(400, 1, -1, 3);
    const a = bootstrapPlatt(data, 50, 11);
    expect(bootstrapPlatt(data, 50, 11)).toEqual(a);
    expect(bootstrapPlatt(data, 50, 12)).not.toEqual(a);
    const alphas = a.map(([alpha]) => alpha).sort((x, y) => x - y);
    const fit = fitPlatt(data);
    expect(alphas[2]!).toBeLessThan(fit.alpha);
    expect(alphas[47]!).toBeGreaterThan(fit.alpha);
  });
});

describe('chooseThreshold', () => {
  it('takes the cut with the best F1, midway between the last tagged and the first left out', () => {
    // Sorted: 0.9 +, 0.8 +, 0.7 −, 0.6 +, 0.2 −. Cuts: F1 after 1 = 2/4, after 2 = 4/5, after 3 = 4/6, after 4 = 6/7.
    const best = chooseThreshold([0.9, 0.2, 0.8, 0.6, 0.7], [true, false, true, true, false]);
    expect(best.f1).toBeCloseTo(6 / 7);
    expect(best.threshold).toBeCloseTo(0.4);
    expect(best.precision).toBeCloseTo(3 / 4);
    expect(best.recall).toBe(1);
  });

  it('takes the highest cut within the tolerance of the best F1, and still reports the best', () => {
    // Sorted: 0.9 +, 0.8 −, 0.7 +, 0.6 +, 0.5 −, 0.4 +, 0.3 −, 0.2 −. F1 after 1 = 2/5, 2 = 2/6, 3 = 4/7, 4 = 6/8, 6 = 8/10, 8 = 8/12.
    const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const positive = [true, false, true, true, false, true, false, false];
    expect(chooseThreshold(p, positive).threshold).toBeCloseTo(0.35);
    const near = chooseThreshold(p, positive, 0.06);
    expect(near.threshold).toBeCloseTo(0.55);
    expect(near.f1).toBeCloseTo(0.75);
    expect(near.best).toBeCloseTo(0.8);
    // A tolerance short of the gap keeps the best cut.
    expect(chooseThreshold(p, positive, 0.04).threshold).toBeCloseTo(0.35);
  });

  it('never tags when nothing is positive', () => {
    expect(chooseThreshold([0.9, 0.1], [false, false]).threshold).toBe(1);
  });
});

describe('halfBestF1', () => {
  it('cuts at half the best F1 and reports the F1 there', () => {
    // The turns of the test above: best F1 0.8, so p ≥ 0.4 tags 0.9 +, 0.8 −, 0.7 +, 0.6 +, 0.5 −, 0.4 +.
    const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const positive = [true, false, true, true, false, true, false, false];
    const half = halfBestF1(p, positive);
    expect(half.best).toBeCloseTo(0.8);
    expect(half.threshold).toBeCloseTo(0.4);
    expect(half.precision).toBeCloseTo(4 / 6);
    expect(half.recall).toBe(1);
    expect(half.f1).toBeCloseTo(0.8);
  });

  it('is the cut that maximizes expected F1 when the probabilities are calibrated', () => {
    // Many turns whose labels are drawn with their own probabilities: the F1 at half the best F1 is within noise of the best.
    const random = seededRandom(11);
    const p = Array.from({ length: 4000 }, () => random() ** 3);
    const positive = p.map((x) => random() < x);
    const half = halfBestF1(p, positive);
    expect(half.f1).toBeGreaterThan(half.best - 0.01);
  });

  it('never tags when nothing is positive', () => {
    expect(halfBestF1([0.9, 0.1], [false, false]).threshold).toBe(1);
  });
});
