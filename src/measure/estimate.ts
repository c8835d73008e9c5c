/**
 * Estimated rates: the act rate corrected for the tagger's measured error. A tag count misses
 * what the tagger misses and counts what it wrongly finds, and how much of each differs between
 * human transcripts and model chat. The learned tagger gives every turn a score per act (its
 * units' highest logit), and the model file maps a score to a calibrated probability, fit on the
 * labelled dev data of the turn's kind (tag/learned/model.ts; fit by train/calibrate.ts). The estimated rate is the mean
 * of those probabilities over a group's turns.
 *
 * Counted here: how many of a group's turns fall in each band of score (BIN_WIDTH wide), per kind
 * of text. Counts add, so estimates of shards and merged summaries are exactly those of one run.
 * The interval joins two uncertainties:
 *   - sampling: a Wilson interval on the estimated rate, as for a tag rate;
 *   - the tagger's own: the calibration refit on bootstrap resamples of its dev data (stored in the
 *     model file), each giving another estimate; their 2.5% and 97.5% quantiles.
 * The two half-widths are added in quadrature on each side.
 */
import { z } from 'zod';
import { DOMAINS, type Domain } from '../model.js';
import { Z95, normalCdf, wilson } from './stats.js';

/** Scores are counted in bands this wide (logits); the probability at a band's centre stands for its turns. */
export const BIN_WIDTH = 0.1;
/** Scores beyond ±SCORE_LIMIT are counted at the limit: their probabilities are 0 or 1 to many places. */
export const SCORE_LIMIT = 20;
/** The band of a turn the model read nothing in (no unit of its own: fiction, an empty turn): probability 0. */
export const NONE_BIN = 'none';


/** Per kind of text, per band of score: how many turns. Bands are keyed by their index (score / BIN_WIDTH, rounded) or NONE_BIN. */
export type ScoreCounts = Partial<Record<Domain, Record<string, number>>>;

/** A map from score to calibrated probability: p = σ(alpha · score + beta), with bootstrap refits for its uncertainty. */
export interface Calibration {
  alpha: number;
  beta: number;
  /** [alpha, beta] refit on bootstrap resamples of the calibration data. */
  boot: ReadonlyArray<readonly [number, number]>;
}

export interface Estimate {
  rate: number;
  ci: [number, number];
}

/** An estimate as summaries and baselines store it. */
export const EstimateSchema = z.object({ rate: z.number().min(0).max(1), ci: z.tuple([z.number(), z.number()]) });

/** Score counts as summaries and baselines store them: per kind of text, band key → turns. */
export const ScoreCountsSchema = z.partialRecord(z.enum(DOMAINS), z.record(z.string().regex(/^(none|-?\d+)$/), z.number().int().nonnegative()));

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

const LAST_BIN = Math.round(SCORE_LIMIT / BIN_WIDTH);
// Every band's key, made once: a key is looked up for every act of every counted turn.
const BIN_KEYS = Array.from({ length: 2 * LAST_BIN + 1 }, (_, i) => String(i - LAST_BIN));

/** The band key of a score; null (nothing read) is NONE_BIN. */
export function scoreBin(score: number | null): string {
  if (score === null || Number.isNaN(score)) return NONE_BIN;
  const clamped = Math.max(-SCORE_LIMIT, Math.min(SCORE_LIMIT, score));
  // Rounding never gives −0 a key of its own: the band around zero is "0".
  return BIN_KEYS[Math.round(clamped / BIN_WIDTH) + LAST_BIN]!;
}

/** The score at a band's centre, or null for NONE_BIN. */
export function binScore(bin: string): number | null {
  return bin === NONE_BIN ? null : Number(bin) * BIN_WIDTH;
}

export function addScore(counts: ScoreCounts, domain: Domain, score: number | null, times = 1): void {
  const bins = (counts[domain] ??= {});
  const bin = scoreBin(score);
  bins[bin] = (Object.hasOwn(bins, bin) ? bins[bin]! : 0) + times;
}

/** Add `from` into `into`. */
export function mergeScoreCounts(into: ScoreCounts, from: ScoreCounts): ScoreCounts {
  for (const domain of Object.keys(from) as Domain[]) {
    for (const [bin, n] of Object.entries(from[domain]!)) {
      const bins = (into[domain] ??= {});
      bins[bin] = (Object.hasOwn(bins, bin) ? bins[bin]! : 0) + n;
    }
  }
  return into;
}

/** The same counts with domains and bands in a fixed order, so a summary's bytes do not depend on the order turns were read in. */
export function sortedScoreCounts(counts: ScoreCounts): ScoreCounts {
  const out: ScoreCounts = {};
  for (const domain of DOMAINS) {
    const bins = counts[domain];
    if (!bins) continue;
    const keys = Object.keys(bins).sort((a, b) => (a === NONE_BIN ? -1 : b === NONE_BIN ? 1 : Number(a) - Number(b)));
    out[domain] = Object.fromEntries(keys.map((k) => [k, bins[k]!]));
  }
  return out;
}

/** Turns counted, over every kind and band. */
export function countTurns(counts: ScoreCounts): number {
  let n = 0;
  for (const bins of Object.values(counts)) for (const k of Object.values(bins!)) n += k;
  return n;
}

/** A domain's bands as the sums read them: each band's score and its turns, in the counts' order, and the domain's calibration. */
interface Bands {
  scores: Float64Array;
  turns: Float64Array;
  calibration: Calibration;
}

function bandsOf(counts: ScoreCounts, calibration: (domain: Domain) => Calibration): Bands[] {
  return (Object.keys(counts) as Domain[]).map((domain) => {
    const entries = Object.entries(counts[domain]!).filter(([bin]) => bin !== NONE_BIN);
    return {
      scores: Float64Array.from(entries, ([bin]) => binScore(bin)!),
      turns: Float64Array.from(entries, ([, n]) => n),
      calibration: calibration(domain),
    };
  });
}

/** Expected turns with the act under one calibration per domain (`params` picks it: the fit or a bootstrap refit). */
function expected(bands: readonly Bands[], params: (calibration: Calibration) => readonly [number, number]): number {
  let sum = 0;
  for (const { scores, turns, calibration } of bands) {
    const [alpha, beta] = params(calibration);
    for (let i = 0; i < scores.length; i += 1) sum += turns[i]! * sigmoid(alpha * scores[i]! + beta);
  }
  return sum;
}

function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * The estimated rate of a group's turns and its 95% interval, or null when the group has no turn.
 * `calibration(domain)` is the model's calibration of this act for the group's role in that kind of text.
 */
export function estimateRate(counts: ScoreCounts, calibration: (domain: Domain) => Calibration): Estimate | null {
  const n = countTurns(counts);
  if (n === 0) return null;
  // Each domain's bands read once: the fit and every bootstrap refit sum over them.
  const bands = bandsOf(counts, calibration);
  const rate = expected(bands, (c) => [c.alpha, c.beta]) / n;
  // Sampling: Wilson on the estimated count, as if that many turns had been seen to hold the act.
  const sampling = wilson(rate * n, n)!;
  // The tagger's own: every bootstrap calibration, in every domain at once (resample b with resample b).
  const boots = Math.min(...bands.map((b) => b.calibration.boot.length));
  let low = 0;
  let high = 0;
  if (boots >= 2) {
    // A typed array sorts numbers natively, without a comparator: a group of every act of every conversation sorts thousands.
    const rates = new Float64Array(boots);
    for (let b = 0; b < boots; b += 1) rates[b] = expected(bands, (c) => c.boot[b]!) / n;
    rates.sort();
    low = Math.max(0, rate - quantile(rates, 0.025));
    high = Math.max(0, quantile(rates, 0.975) - rate);
  }
  const below = Math.hypot(rate - sampling[0], low);
  const above = Math.hypot(sampling[1] - rate, high);
  return { rate, ci: [Math.max(0, rate - below), Math.min(1, rate + above)] };
}

/**
 * Two estimates compared: a z-test on their difference with the standard errors read off their
 * 95% intervals (half their widths over 2 × 1.96). Two-sided p, or null when both are exact.
 */
export function estimateZ(a: Estimate, b: Estimate): { z: number; p: number } | null {
  const se = Math.hypot((a.ci[1] - a.ci[0]) / (2 * Z95), (b.ci[1] - b.ci[0]) / (2 * Z95));
  if (se === 0) return null;
  const z = (a.rate - b.rate) / se;
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}
