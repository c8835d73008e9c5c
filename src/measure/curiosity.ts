/**
 * Curiosity against comfort: whether a helper tries to understand (asks after, clarifies, checks)
 * or soothes (reassures). Per group:
 *   - `curiosity`: the share of counted turns with a followup, clarification or understanding-check;
 *   - `comfort`: the share of counted turns with reassurance;
 *   - `curiosity_share`: curiosity / (curiosity + comfort), the curious turns among the turns of
 *     either kind; a turn with both counts once on each side. Its Wilson interval is on those.
 * Each is compared with the human baseline's figure for the helper role (a pooled z-test).
 */
import { z } from 'zod';
import { proportion, relativeGap, twoProportionZ } from './stats.js';

/** A human figure as the baseline keeps it. */
export const ShareReferenceSchema = z.object({ count: z.number().int().nonnegative(), n: z.number().int().nonnegative(), rate: z.number().nullable() });
export type ShareReference = z.infer<typeof ShareReferenceSchema>;

export const SHARES = ['curiosity', 'comfort', 'curiosity_share'] as const;
export type ShareId = (typeof SHARES)[number];

/** The human figures for the helper role, in a baseline entry. */
export const BeyondReferenceSchema = z.object(Object.fromEntries(SHARES.map((s) => [s, ShareReferenceSchema])) as Record<ShareId, typeof ShareReferenceSchema>);
export type BeyondReference = z.infer<typeof BeyondReferenceSchema>;

export const ShareResultSchema = z.object({
  count: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  /** The human figure (helper role), or null. */
  baseline: ShareReferenceSchema.nullable(),
  /** (rate − human) / human, and the two-sided p of a pooled two-proportion z-test. */
  gap: z.number().nullable(),
  p: z.number().nullable(),
});
export type ShareResult = z.infer<typeof ShareResultSchema>;

/** What the three shares are counted from: counted turns, turns with a curiosity act, turns with reassurance. */
export interface ShareCounts {
  turns: number;
  curious: number;
  comforting: number;
}

export function shareCounts(counts: ShareCounts): Record<ShareId, { count: number; n: number }> {
  return {
    curiosity: { count: counts.curious, n: counts.turns },
    comfort: { count: counts.comforting, n: counts.turns },
    curiosity_share: { count: counts.curious, n: counts.curious + counts.comforting },
  };
}

function shareResult(count: number, n: number, human: ShareReference | null): ShareResult {
  const p = proportion(count, n);
  const test = human && human.n > 0 ? twoProportionZ(count, n, human.count, human.n) : null;
  return { count, n, rate: p.rate, ci: p.ci, baseline: human, gap: human ? relativeGap(p.rate, human.rate) : null, p: test ? test.p : null };
}

export function shareResults(counts: ShareCounts, human: BeyondReference | null): Record<ShareId, ShareResult> {
  const c = shareCounts(counts);
  return Object.fromEntries(SHARES.map((s) => [s, shareResult(c[s].count, c[s].n, human ? human[s] : null)])) as Record<ShareId, ShareResult>;
}

/** The human figures of a helper group's counts, for the baseline. */
export function beyondReference(counts: ShareCounts): BeyondReference {
  const c = shareCounts(counts);
  return Object.fromEntries(SHARES.map((s) => [s, { count: c[s].count, n: c[s].n, rate: proportion(c[s].count, c[s].n).rate }])) as BeyondReference;
}
