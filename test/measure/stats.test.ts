import { describe, expect, it } from 'vitest';
import { normalCdf, per1k, proportion, relativeGap, twoProportionZ, wilson } from '../../src/measure/stats.js';

describe('wilson', () => {
  it('matches published 95% intervals', () => {
    const [lo0, hi0] = wilson(0, 10)!;
    expect(lo0).toBeCloseTo(0, 10);
    expect(hi0).toBeCloseTo(0.2775, 4);
    const [lo, hi] = wilson(5, 10)!;
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
  });

  it('stays inside [0, 1] and contains the rate', () => {
    for (const [k, n] of [[0, 1], [1, 1], [3, 7], [99, 100], [100, 100]] as const) {
      const [lo, hi] = wilson(k, n)!;
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
      expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
    }
  });

  it('is null for an empty group', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(proportion(0, 0)).toEqual({ count: 0, n: 0, rate: null, ci: null });
  });
});

describe('normalCdf', () => {
  it('gives the familiar quantiles', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1.96)).toBeCloseTo(0.025, 4);
    expect(normalCdf(1) + normalCdf(-1)).toBeCloseTo(1, 7);
  });
});

describe('twoProportionZ', () => {
  it('is symmetric: swapping the sides flips z and keeps p', () => {
    const ab = twoProportionZ(12, 40, 30, 50)!;
    const ba = twoProportionZ(30, 50, 12, 40)!;
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.p).toBeCloseTo(ab.p, 12);
    expect(ab.z).toBeLessThan(0);
  });

  it('finds no difference between equal rates and a clear one between distant rates', () => {
    expect(twoProportionZ(10, 100, 20, 200)!.p).toBeCloseTo(1, 6);
    expect(twoProportionZ(5, 100, 50, 100)!.p).toBeLessThan(0.001);
  });

  it('is null when a side is empty or the pooled rate is 0 or 1', () => {
    expect(twoProportionZ(0, 0, 1, 10)).toBeNull();
    expect(twoProportionZ(0, 10, 0, 10)).toBeNull();
    expect(twoProportionZ(10, 10, 5, 5)).toBeNull();
  });
});

describe('relative gap and per 1k', () => {
  it('measures the gap relative to the reference', () => {
    expect(relativeGap(0.035, 0.1)).toBeCloseTo(-0.65, 12);
    expect(relativeGap(0.2, 0.1)).toBeCloseTo(1, 12);
    expect(relativeGap(0.1, 0)).toBeNull();
    expect(relativeGap(null, 0.1)).toBeNull();
  });

  it('scales to 1,000 words', () => {
    expect(per1k(3, 1500)).toBe(2);
    expect(per1k(3, 0)).toBeNull();
  });
});
