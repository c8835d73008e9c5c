/** The matched comparison: Cohen's kappa and McNemar's test on known answers, and exact merging. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPair,
  addUnpaired,
  binomialTwoSided,
  cohensKappa,
  matchedAct,
  matchedComparison,
  matchedTallyFromSummary,
  mcnemar,
  mergeMatched,
  type MatchedTally,
  type PairTable,
} from '../../src/measure/matched.js';
import { buildSummary, SummarySchema } from '../../src/measure/summary.js';
import { ACT_IDS, type ActId } from '../../src/model.js';

const table = (both: number, modelOnly: number, humanOnly: number, neither: number): PairTable => ({ both, modelOnly, humanOnly, neither });

describe("Cohen's kappa", () => {
  it('gives 0.4 on the textbook table (20 both, 5 and 10 discordant, 15 neither)', () => {
    // pₒ = 35/50 = 0.7; pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / 0.5 = 0.4.
    expect(cohensKappa(table(20, 5, 10, 15))).toBeCloseTo(0.4, 12);
  });

  it('is 1 for perfect agreement, −1 for perfect disagreement at equal margins, 0 for independence', () => {
    expect(cohensKappa(table(3, 0, 0, 7))).toBe(1);
    expect(cohensKappa(table(0, 5, 5, 0))).toBe(-1);
    // Model says yes half the time, human a quarter, independently: pₒ = pₑ.
    expect(cohensKappa(table(1, 3, 1, 3))).toBe(0);
  });

  it('is undefined when both sides give one answer at every position', () => {
    expect(cohensKappa(table(0, 0, 0, 9))).toBeNull();
    expect(cohensKappa(table(4, 0, 0, 0))).toBeNull();
    expect(cohensKappa(table(0, 0, 0, 0))).toBeNull();
  });

  it('equals (pₒ − pₑ) / (1 − pₑ) and lies in [−1, 1]', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.nat(200), fc.nat(200), (a, b, c, d) => {
        const k = cohensKappa(table(a, b, c, d));
        const n = a + b + c + d;
        const pe = n === 0 ? 1 : ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n);
        if (k === null) {
          expect(pe).toBeCloseTo(1, 12);
        } else {
          expect(k).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(k).toBeLessThanOrEqual(1 + 1e-12);
          expect(k).toBeCloseTo(((a + d) / n - pe) / (1 - pe), 9);
        }
      }),
    );
  });
});

describe("McNemar's test", () => {
  it('gives the exact two-sided binomial p-value, checked by hand on small tables', () => {
    // b = 1, c = 9: 2·(C(10,0) + C(10,1)) / 2¹⁰ = 22/1024.
    expect(mcnemar(1, 9).p).toBeCloseTo(22 / 1024, 15);
    // b = 0, c = 5: 2 / 2⁵.
    expect(mcnemar(0, 5).p).toBeCloseTo(0.0625, 15);
    expect(mcnemar(5, 0).p).toBeCloseTo(0.0625, 15);
    // No discordant pair: no evidence of a difference.
    expect(mcnemar(0, 0)).toEqual({ b: 0, c: 0, statistic: null, p: 1 });
    expect(mcnemar(4, 4).p).toBe(1);
  });

  it('matches scipy.stats.binomtest at larger sizes (values from SciPy 1.17)', () => {
    // python3 -c "from scipy.stats import binomtest; print(binomtest(59, 180, 0.5).pvalue)" and likewise.
    expect(binomialTwoSided(59, 180)).toBeCloseTo(4.4344492637551645e-6, 15);
    expect(binomialTwoSided(7, 20)).toBeCloseTo(0.26317596435546875, 12);
    expect(binomialTwoSided(500, 1100) / 0.0028195449914364284).toBeCloseTo(1, 9);
    expect(binomialTwoSided(4000, 9000) / 5.581401567014391e-26).toBeCloseTo(1, 9);
  });

  it('stays exact on a million discordant pairs, where spreading the terms into Math.max would overflow the stack', () => {
    expect(mcnemar(500_000, 500_000).p).toBe(1);
    expect(mcnemar(499_000, 501_000).p).toBeGreaterThan(0);
    expect(mcnemar(499_000, 501_000).p).toBeLessThan(0.05);
  });

  it('reports the continuity-corrected χ² beside it: (|121 − 59| − 1)² / 180 on the textbook table', () => {
    expect(mcnemar(121, 59).statistic).toBeCloseTo(3721 / 180, 12);
  });

  it('is symmetric in b and c, and its p-value lies in [0, 1] (below about 1e-308 it is 0 in floating point)', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(3000), (b, c) => {
        const p = mcnemar(b, c).p;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(mcnemar(c, b).p).toBeCloseTo(p, 12);
      }),
    );
  });
});

describe('matchedAct', () => {
  it('gives both rates, their difference and gap, kappa and McNemar from one table', () => {
    const r = matchedAct(table(2, 6, 4, 28));
    expect(r.n).toBe(40);
    expect(r.modelRate).toBeCloseTo(8 / 40, 12);
    expect(r.humanRate).toBeCloseTo(6 / 40, 12);
    expect(r.diff).toBeCloseTo(2 / 40, 12);
    expect(r.gap).toBeCloseTo(2 / 6, 12);
    expect(r.mcnemar.b).toBe(6);
    expect(r.mcnemar.c).toBe(4);
    expect(r.kappa).toBeCloseTo((2 * (2 * 28 - 6 * 4)) / (8 * 34 + 6 * 32), 12);
    expect(r.modelCi![0]).toBeLessThan(0.2);
    expect(r.modelCi![1]).toBeGreaterThan(0.2);
  });

  it('has no gap when the human rate is 0, but still a difference', () => {
    const r = matchedAct(table(0, 3, 0, 7));
    expect(r.gap).toBeNull();
    expect(r.diff).toBeCloseTo(0.3, 12);
  });
});

/** A tally from positions given as [model acts, human acts]. */
function tallyOf(model: string, pairs: ReadonlyArray<[ActId[], ActId[]]>): MatchedTally {
  const tally: MatchedTally = new Map();
  for (const [m, h] of pairs) addPair(tally, model, 'human', new Set(m), new Set(h));
  return tally;
}

describe('matched tallies', () => {
  const pairs: Array<[ActId[], ActId[]]> = [
    [['followup'], ['followup']],
    [[], ['acknowledgement']],
    [['clarification'], []],
    [[], []],
    [['acknowledgement', 'followup'], ['followup']],
  ];

  it('count each position in one cell per act, and in the any-act table', () => {
    const g = tallyOf('m', pairs).get('m\thuman')!;
    expect(g.positions).toBe(5);
    expect(g.acts.followup).toEqual(table(2, 0, 0, 3));
    expect(g.acts.acknowledgement).toEqual(table(0, 1, 1, 3));
    expect(g.acts.clarification).toEqual(table(0, 1, 0, 4));
    expect(g.any).toEqual(table(2, 1, 1, 1));
  });

  it('merge to exactly the tally of one run over both parts, in any order', () => {
    const whole = tallyOf('m', pairs);
    const first = tallyOf('m', pairs.slice(0, 2));
    const second = tallyOf('m', pairs.slice(2));
    addUnpaired(second, 'm', 'human');
    addUnpaired(whole, 'm', 'human');
    expect(mergeMatched(mergeMatched(new Map(), second.values()), first.values())).toEqual(whole);
  });

  it('survive a summary round trip, so merged summaries recompute kappa and McNemar exactly', () => {
    const tally = mergeMatched(tallyOf('m', pairs), tallyOf('n', pairs.slice(1)).values());
    const summary = buildSummary({ version: 't', groupBy: 'model', tally: new Map(), files: [], conversations: 0, baseline: null, matched: tally });
    const reread = SummarySchema.parse(JSON.parse(JSON.stringify(summary)));
    expect(matchedTallyFromSummary(reread)).toEqual(tally);
    const doubled = mergeMatched(matchedTallyFromSummary(reread), matchedTallyFromSummary(reread).values());
    const pooled = matchedComparison(doubled)[0]!;
    expect(pooled.positions).toBe(10);
    expect(pooled.acts.followup.kappa).toBe(matchedComparison(tally)[0]!.acts.followup.kappa);
    for (const act of ACT_IDS) expect(pooled.acts[act].n).toBe(10);
  });

  it('leave summaries without a replay as they were: no matched field, and old files still valid', () => {
    const summary = buildSummary({ version: 't', groupBy: 'model', tally: new Map(), files: [], conversations: 0, baseline: null });
    expect('matched' in summary).toBe(false);
    expect(matchedTallyFromSummary(summary).size).toBe(0);
    expect(SummarySchema.safeParse(summary).success).toBe(true);
  });
});
