/** Estimated rates on hand-computable cases: the identity calibration, the NONE band, bootstrap refits, and the z-test of two estimates. */
import { describe, expect, it } from 'vitest';
import { addScore, estimateRate, estimateZ, mergeScoreCounts, NONE_BIN, scoreBin, sigmoid, sortedScoreCounts, type Calibration, type ScoreCounts } from '../../src/measure/estimate.js';
import { normalCdf, wilson, Z95 } from '../../src/measure/stats.js';

const IDENTITY: Calibration = { alpha: 1, beta: 0, boot: [] };

function counts(entries: ReadonlyArray<[score: number | null, times: number, domain?: 'spoken' | 'typed']>): ScoreCounts {
  const out: ScoreCounts = {};
  for (const [score, times, domain] of entries) addScore(out, domain ?? 'typed', score, times);
  return out;
}

describe('estimateRate', () => {
  it('is ½ when every turn scores 0 under the identity calibration, with the Wilson interval of 5 in 10', () => {
    const e = estimateRate(counts([[0, 10]]), () => IDENTITY)!;
    expect(e.rate).toBe(0.5);
    const w = wilson(5, 10)!;
    expect(e.ci[0]).toBeCloseTo(w[0], 12);
    expect(e.ci[1]).toBeCloseTo(w[1], 12);
  });

  it('counts a turn the model read nothing in (the NONE band) as probability 0, but still as a turn', () => {
    const c = counts([[0, 10], [null, 10]]);
    expect(c.typed![NONE_BIN]).toBe(10);
    expect(estimateRate(c, () => IDENTITY)!.rate).toBe(0.25);
  });

  it('is the mean calibrated probability, each domain under its own calibration', () => {
    const shifted: Calibration = { alpha: 2, beta: -1, boot: [] };
    const c = counts([[1, 3, 'typed'], [-1, 1, 'typed'], [0.5, 4, 'spoken']]);
    const e = estimateRate(c, (d) => (d === 'spoken' ? shifted : IDENTITY))!;
    expect(e.rate).toBeCloseTo((3 * sigmoid(1) + sigmoid(-1) + 4 * sigmoid(0)) / 8, 12);
  });

  it('is null for no turns', () => {
    expect(estimateRate({}, () => IDENTITY)).toBeNull();
  });

  it('widens the interval by the spread of the bootstrap refits, added in quadrature', () => {
    const c = counts([[0, 10]]);
    const boot: Calibration = { alpha: 1, beta: 0, boot: [[1, -1], [1, 1]] };
    const plain = estimateRate(c, () => IDENTITY)!;
    const wide = estimateRate(c, () => boot)!;
    expect(wide.rate).toBe(plain.rate);
    // The refits give σ(−1) and σ(1); their 2.5% and 97.5% quantiles, interpolated between the two.
    const q = (p: number) => sigmoid(-1) + (sigmoid(1) - sigmoid(-1)) * p;
    const w = wilson(5, 10)!;
    expect(wide.ci[0]).toBeCloseTo(0.5 - Math.hypot(0.5 - w[0], 0.5 - q(0.025)), 12);
    expect(wide.ci[1]).toBeCloseTo(0.5 + Math.hypot(w[1] - 0.5, q(0.975) - 0.5), 12);
    expect(wide.ci[0]).toBeLessThan(plain.ci[0]);
    expect(wide.ci[1]).toBeGreaterThan(plain.ci[1]);
  });

  it('merges: the estimate of added counts is that of all the turns at once, in any order', () => {
    const a = counts([[0.31, 2], [null, 1], [-3, 4, 'spoken']]);
    const b = counts([[0.29, 1], [7, 2, 'spoken']]);
    const whole = counts([[0.31, 2], [null, 1], [-3, 4, 'spoken'], [0.29, 1], [7, 2, 'spoken']]);
    expect(sortedScoreCounts(mergeScoreCounts(mergeScoreCounts({}, b), a))).toEqual(sortedScoreCounts(whole));
    expect(scoreBin(0.31)).toBe('3');
    expect(scoreBin(0.29)).toBe('3');
  });
});

describe('estimateZ', () => {
  it('reads the standard errors off the 95% intervals', () => {
    const a = { rate: 0.3, ci: [0.2, 0.4] as [number, number] };
    const b = { rate: 0.1, ci: [0.05, 0.15] as [number, number] };
    const se = Math.hypot(0.2 / (2 * Z95), 0.1 / (2 * Z95));
    const test = estimateZ(a, b)!;
    expect(test.z).toBeCloseTo(0.2 / se, 10);
    // z ≈ 3.51: two-sided p ≈ 0.00046.
    expect(test.p).toBeCloseTo(2 * (1 - normalCdf(0.2 / se)), 12);
    expect(test.p).toBeGreaterThan(0.0004);
    expect(test.p).toBeLessThan(0.0005);
    expect(estimateZ(b, a)!.z).toBeCloseTo(-test.z, 12);
    expect(estimateZ(a, { rate: 0.3, ci: [0.3, 0.3] })!.p).toBeCloseTo(1, 6);
  });

  it('is null when both estimates are exact', () => {
    expect(estimateZ({ rate: 0.1, ci: [0.1, 0.1] }, { rate: 0.2, ci: [0.2, 0.2] })).toBeNull();
  });
});
