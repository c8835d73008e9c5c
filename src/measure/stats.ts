/** Aggregators: proportions with Wilson intervals, rates per 1,000 words, two-proportion tests. */

/** 1.959963984540054 is the two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

export interface Proportion {
  count: number;
  n: number;
  rate: number | null;
  /** 95% Wilson score interval, or null when n is 0. */
  ci: [number, number] | null;
}

/** `x` rounded to `digits` decimals (files and JSON lines keep four). */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Wilson score interval: well-behaved at rates near 0, where act rates of models live. */
export function wilson(count: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At 0 and n the bounds are exactly 0 and 1; the formula leaves float noise there.
  return [count === 0 ? 0 : Math.max(0, centre - half), count === n ? 1 : Math.min(1, centre + half)];
}

export function proportion(count: number, n: number): Proportion {
  return { count, n, rate: n > 0 ? count / n : null, ci: wilson(count, n) };
}

export function per1k(count: number, words: number): number | null {
  return words > 0 ? (1000 * count) / words : null;
}

/** Relative gap to a reference rate: −0.775 means 77.5% below it. */
export function relativeGap(rate: number | null, reference: number | null): number | null {
  if (rate === null || reference === null || reference === 0) return null;
  return (rate - reference) / reference;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), accurate to about 1e-7. */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface ZTest {
  z: number;
  /** Two-sided p-value. */
  p: number;
}

/** Pooled two-proportion z-test of k1/n1 against k2/n2; null when either side is empty or degenerate. */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  const z = (k1 / n1 - k2 / n2) / se;
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** Exact two-sided 95% quantiles of Student's t for 1 to 9 degrees of freedom. */
const T95_SMALL = [12.706204736174707, 4.302652729749464, 3.182446305284263, 2.776445105197799, 2.570581835636314, 2.446911848791681, 2.364624251010299, 2.306004135204166, 2.262157162798205];

/**
 * The two-sided 95% quantile of Student's t with `df` degrees of freedom: exact below 10, and from
 * 10 by the Cornish–Fisher expansion around the normal quantile (within 1e-4 relative at 10, and
 * closer as df grows).
 */
export function t95(df: number): number {
  if (df <= 0) return Infinity;
  if (df < 10) return T95_SMALL[Math.floor(df) - 1]!;
  const z = Z95;
  const [z3, z5, z7] = [z ** 3, z ** 5, z ** 7];
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** The 95% t interval around the mean of k values with the given sample variance; null below two values. */
export function meanInterval(mean: number, variance: number, k: number): [number, number] | null {
  if (k < 2) return null;
  const half = t95(k - 1) * Math.sqrt(Math.max(0, variance) / k);
  return [mean - half, mean + half];
}

/** Fraction bits of fixed-point sums (coordination, trajectory): a value moves by at most 2^-61 (4e-19) when stored. */
export const FIXED_BITS = 60;
const ONE = 2 ** FIXED_BITS;

/** Fixed point: x as an integer count of 2^-60, so sums add exactly in any order and shards merge to the bits of one run. */
export function toFixed(x: number): bigint {
  return BigInt(Math.round(x * ONE));
}

/** A fixed-point sum (scale^power, e.g. 2 for a sum of squares) back as a number. */
export function fromFixed(x: bigint, power = 1): number {
  return Number(x) / ONE ** power;
}

/** The mean of k fixed-point values from their sum and sum of squares, the variance taken exactly before it is rounded; its 95% t interval. */
export function fixedMean(sum: bigint, squares: bigint, k: number): { mean: number | null; ci: [number, number] | null } {
  if (k === 0) return { mean: null, ci: null };
  const mean = fromFixed(sum) / k;
  const n = BigInt(k);
  const variance = k > 1 ? fromFixed(n * squares - sum * sum, 2) / (k * (k - 1)) : 0;
  return { mean, ci: meanInterval(mean, variance, k) };
}
