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
