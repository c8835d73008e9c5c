import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { addPair as addReply, addSpeaker, emptyCoordination, emptySpeaker } from '../../src/measure/coordination.js';
import { addPair, matchedComparison, type MatchedTally } from '../../src/measure/matched.js';
import { addTrajectory, emptyTrajectory } from '../../src/measure/trajectory.js';
import type { BaselineChoice } from '../../src/measure/summary.js';
import type { ActId } from '../../src/model.js';
import { formatAnnotations, formatStepSummary } from '../../src/gate/github.js';
import { formatJunit } from '../../src/gate/junit.js';
import { formatGateText } from '../../src/gate/text.js';
import { evaluateGate, globToRegExp, rateText, verdict, worstFirst, type Check } from '../../src/gate/verdict.js';
import { BASELINE, configOf, estimatedBaseline, summaryOf } from './helpers.js';

const human = (act: 'clarification' | 'acknowledgement' | 'any') => (act === 'any' ? BASELINE.baseline.pooled.any : BASELINE.baseline.pooled.acts[act]);

describe('globToRegExp', () => {
  it.each([
    ['*', 'anything/at all', true],
    ['gpt-4*', 'gpt-4o', true],
    ['gpt-4*', 'gpt-4-0125-preview', true],
    ['gpt-4*', 'gpt-3.5-turbo', false],
    ['meta-llama/*', 'meta-llama/Llama-3-8b', true],
    ['*/Llama-3*', 'meta-llama/Llama-3-8b', true],
    ['gpt-4?', 'gpt-4o', true],
    ['gpt-4?', 'gpt-4', false],
    ['gpt-3.5', 'gpt-305', false],
    ['model(1)', 'model(1)', true],
  ])('%s against %s is %s', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });
});

describe('min_rate', () => {
  const config = configOf({ min_turns: 10, thresholds: { clarification: { min_rate: 0.05 } } });
  it('passes at the floor exactly and fails below it', () => {
    const result = evaluateGate(summaryOf({ at: { n: 100, acts: { clarification: 5 } }, below: { n: 100, acts: { clarification: 4 } } }), config);
    const [at, below] = result.checks;
    expect(at).toMatchObject({ model: 'at', act: 'clarification', kind: 'min_rate', status: 'pass', failing: false, rate: 0.05, n: 100, count: 5 });
    expect(below).toMatchObject({ model: 'below', status: 'fail', failing: true, rate: 0.04 });
    expect(below!.reason).toBe('4.0% is below the 5.0% floor');
    expect(verdict(result)).toMatchObject({ passed: false, exitCode: 1, failed: 1 });
  });
});

describe('max_gap', () => {
  const config = configOf({ min_turns: 10, thresholds: { acknowledgement: { max_gap: -0.5 } } });
  it('compares (rate − human) / human with the limit', () => {
    const h = human('acknowledgement');
    // Just above and just below half the human rate.
    const half = Math.round(h.rate! * 0.5 * 10_000);
    const summary = summaryOf({ ok: { n: 10_000, acts: { acknowledgement: half + 5 } }, low: { n: 10_000, acts: { acknowledgement: half - 5 } } });
    const checks = evaluateGate(summary, config).checks;
    const ok = checks.find((c) => c.model === 'ok');
    const low = checks.find((c) => c.model === 'low');
    expect(ok).toMatchObject({ status: 'pass' });
    expect(ok!.observed).toBeCloseTo((((half + 5) / 10_000) - h.rate!) / h.rate!, 10);
    expect(low).toMatchObject({ status: 'fail', failing: true });
    expect(low!.reason).toMatch(new RegExp(`^−5\\d% vs human ${(h.rate! * 100).toFixed(1).replace('.', '\\.')}% \\(p [<=] [\\d.]+\\), beyond the −50% limit$`));
  });

  it('needs a baseline', () => {
    const summary = summaryOf({ m: { n: 100, acts: { acknowledgement: 1 } } }, null);
    expect(() => evaluateGate(summary, config)).toThrow(UsageError);
  });
});

describe('max_regression', () => {
  const config = configOf({ min_turns: 30, alpha: 0.05, thresholds: { clarification: { max_regression: 0.2 } } });
  const before = summaryOf({ m: { n: 1000, acts: { clarification: 100 } } });

  it('fails a drop beyond the tolerance that is significant, and says so', () => {
    // 10% → 5% on n=1000 each: z ≈ −4.2, one-sided p < 0.001.
    const [check] = evaluateGate(summaryOf({ m: { n: 1000, acts: { clarification: 50 } } }), config, before).checks;
    expect(check).toMatchObject({ status: 'fail', failing: true, observed: 0.5 });
    expect(check!.reason).toBe('dropped 50.0% from 10.0% (n=1000) to 5.0%, more than 20.0%; significant (one-sided p < 0.001 < 0.05)');
  });

  it('only warns on a drop beyond the tolerance that is not significant', () => {
    // 10% → 5% on n=40: far too few turns to tell.
    const [check] = evaluateGate(summaryOf({ m: { n: 40, acts: { clarification: 2 } } }), config, before).checks;
    expect(check).toMatchObject({ status: 'warn', failing: false });
    expect(check!.reason).toMatch(/but not significant \(one-sided p = 0\.\d{3} ≥ 0\.05\), so it does not fail$/);
  });

  it('passes a drop within the tolerance, and a rise', () => {
    const checks = evaluateGate(summaryOf({ m: { n: 1000, acts: { clarification: 85 } } }), config, before).checks;
    expect(checks[0]).toMatchObject({ status: 'pass', observed: 0.15 });
    expect(evaluateGate(summaryOf({ m: { n: 1000, acts: { clarification: 120 } } }), config, before).checks[0]).toMatchObject({ status: 'pass', observed: 0 });
  });

  it('reports insufficient data without a previous summary, or without the model in it', () => {
    expect(evaluateGate(summaryOf({ m: { n: 1000, acts: { clarification: 50 } } }), config).checks[0]).toMatchObject({ status: 'insufficient', failing: false });
    const [other] = evaluateGate(summaryOf({ other: { n: 1000 } }), config, before).checks;
    expect(other).toMatchObject({ status: 'insufficient' });
    expect(other!.reason).toBe('compare_to has no turns for this model (min_turns 30)');
  });
});

describe('min_turns, insufficient and warn_only', () => {
  const thresholds = { any: { min_rate: 0.5 } };
  const summary = summaryOf({ small: { n: 29, acts: { any: 0 } } });

  it('reports too few turns as insufficient data, failing only when configured to', () => {
    const warn = evaluateGate(summary, configOf({ min_turns: 30, thresholds }));
    expect(warn.checks[0]).toMatchObject({ status: 'insufficient', failing: false });
    expect(warn.checks[0]!.reason).toBe('insufficient data: 29 counted turns, fewer than min_turns 30');
    expect(verdict(warn)).toMatchObject({ passed: true, exitCode: 0, insufficient: 1 });
    const fail = evaluateGate(summary, configOf({ min_turns: 30, insufficient: 'fail', thresholds }));
    expect(fail.checks[0]).toMatchObject({ status: 'insufficient', failing: true });
    expect(verdict(fail)).toMatchObject({ passed: false, exitCode: 1 });
  });

  it('reports a missed warn_only threshold without failing', () => {
    const result = evaluateGate(summaryOf({ m: { n: 100, acts: { any: 10 } } }), configOf({ thresholds: { any: { min_rate: 0.5, warn_only: true } } }));
    expect(result.checks[0]).toMatchObject({ status: 'warn', failing: false, warnOnly: true });
    expect(result.checks[0]!.reason).toMatch(/\(warn_only\)$/);
    expect(verdict(result)).toMatchObject({ passed: true, exitCode: 0, warned: 1 });
  });
});

describe('models', () => {
  const summary = summaryOf({ 'gpt-4o': { n: 100, acts: { any: 60 } }, 'gpt-3.5-turbo': { n: 100, acts: { any: 10 } }, 'llama-3': { n: 100, acts: { any: 5 } } });
  it('gates only the models matching a glob', () => {
    const result = evaluateGate(summary, configOf({ models: ['gpt-*'], thresholds: { any: { min_rate: 0.5 } } }));
    expect(result.models).toEqual(['gpt-3.5-turbo', 'gpt-4o']);
    expect(result.checks.map((c) => [c.model, c.status])).toEqual([['gpt-3.5-turbo', 'fail'], ['gpt-4o', 'pass']]);
  });

  it('is an error when no model matches, naming the models found', () => {
    expect(() => evaluateGate(summary, configOf({ models: ['claude-*'], thresholds: { any: { min_rate: 0.5 } } }))).toThrow(
      /Expected assistant turns from a model matching `claude-\*`, found only `gpt-3\.5-turbo`, `gpt-4o`, `llama-3`/,
    );
  });
});

describe('verdict', () => {
  const status = fc.constantFrom('pass', 'fail', 'warn', 'insufficient') as fc.Arbitrary<Check['status']>;
  const check = fc.record({ status, failing: fc.boolean(), severity: fc.double({ min: 0, max: 10, noNaN: true }) }).map(
    (c) => ({ model: 'm', key: 'assistant:m', act: 'any', kind: 'min_rate', limit: 0.1, warnOnly: false, count: 1, n: 10, rate: 0.1, ci: null, rates: 'tagged', observed: 0.1, reason: '', ...c }) as Check,
  );

  it('gives exit 1 exactly when a check is failing, and a headline that says the same', () => {
    fc.assert(
      fc.property(fc.array(check, { maxLength: 20 }), (checks) => {
        const v = verdict({ checks, models: ['m'], rates: 'tagged' });
        const anyFailing = checks.some((c) => c.failing);
        expect(v.exitCode).toBe(anyFailing ? 1 : 0);
        expect(v.headline.startsWith(anyFailing ? 'FAILED' : 'PASSED')).toBe(true);
        expect(v.failed).toBe(checks.filter((c) => c.failing).length);
      }),
    );
  });

  it('orders failing checks first, the furthest past their limit first', () => {
    const mk = (status: Check['status'], failing: boolean, severity: number) => ({ status, failing, severity, reason: `${status}${severity}` }) as Check;
    const sorted = worstFirst([mk('pass', false, 0), mk('warn', false, 0), mk('fail', true, 0.2), mk('insufficient', true, 0), mk('fail', true, 0.9)]);
    expect(sorted.map((c) => c.reason)).toEqual(['fail0.9', 'fail0.2', 'insufficient0', 'warn0', 'pass0']);
  });
});

describe('max_matched_gap', () => {
  const config = configOf({ min_turns: 30, thresholds: { clarification: { max_matched_gap: -0.5 } } });

  /** A replayed model's summary with a matched table: `model`/`human` of `n` positions hold the act. */
  function replayed(n: number, table: { both: number; modelOnly: number; humanOnly: number }) {
    const matched: MatchedTally = new Map();
    const none = new Set<ActId>();
    const clar = new Set<ActId>(['clarification']);
    const add = (times: number, model: Set<ActId>, human: Set<ActId>) => {
      for (let i = 0; i < times; i++) addPair(matched, 'cand', 'human', model, human);
    };
    add(table.both, clar, clar);
    add(table.modelOnly, clar, none);
    add(table.humanOnly, none, clar);
    add(n - table.both - table.modelOnly - table.humanOnly, none, none);
    const summary = summaryOf({ cand: { n, acts: { clarification: table.both + table.modelOnly } } });
    return { ...summary, matched: matchedComparison(matched) };
  }

  it('fails when the model grounds less than the humans did at the same positions, with kappa and McNemar in the reason', () => {
    // Model 5/100, human 20/100 at the same positions: gap −75%; a=4 b=1 c=16 d=79, so
    // κ = 2(4·79 − 1·16) / (5·80 + 20·95) = 600/2300 ≈ 0.26, and McNemar p = 2·18/2¹⁷ ≈ 0.0003.
    const [check] = evaluateGate(replayed(100, { both: 4, modelOnly: 1, humanOnly: 16 }), config).checks;
    expect(check).toMatchObject({ kind: 'max_matched_gap', status: 'fail', failing: true, rate: 0.05, n: 100, count: 5 });
    expect(check!.observed).toBeCloseTo(-0.75, 12);
    expect(check!.reason).toBe('−75% vs the human replies at the same 100 positions (5.0% vs 20.0%; κ 0.26; McNemar p < 0.001), beyond the −50% limit');
  });

  it('passes within the limit', () => {
    // Model 12/100 vs human 18/100: −33%.
    const [check] = evaluateGate(replayed(100, { both: 10, modelOnly: 2, humanOnly: 8 }), config).checks;
    expect(check).toMatchObject({ status: 'pass' });
    expect(check!.observed).toBeCloseTo(-1 / 3, 12);
  });

  it('reports insufficient data for input that was not replayed, and for too few positions', () => {
    const plain = evaluateGate(summaryOf({ cand: { n: 100 } }), config).checks[0];
    expect(plain).toMatchObject({ status: 'insufficient', failing: false });
    expect(plain!.reason).toMatch(/^no replayed records from this model/);
    expect(evaluateGate(replayed(20, { both: 1, modelOnly: 0, humanOnly: 5 }), config).checks[0]!.reason).toBe('insufficient data: 20 matched positions, fewer than min_turns 30');
  });
});

describe('rates: estimated', () => {
  const HUMAN = { rate: 0.1, ci: [0.08, 0.12] as [number, number] };
  const CHOICE = estimatedBaseline(HUMAN);
  const estimated = (models: Parameters<typeof summaryOf>[0]) => summaryOf(models, CHOICE, 'estimated');

  it('min_rate reads the estimated rate, not the tagged one, and says so', () => {
    // Tagged 10% (above the floor), estimated 2% (below it).
    const models = { m: { n: 100, acts: { clarification: 10 }, estimated: { clarification: 2 } } };
    const config = (rates: string) => configOf({ min_turns: 10, rates, thresholds: { clarification: { min_rate: 0.05 } } });
    const [tagged] = evaluateGate(summaryOf(models, CHOICE), config('tagged')).checks;
    expect(tagged).toMatchObject({ status: 'pass', rates: 'tagged', rate: 0.1 });
    const [check] = evaluateGate(estimated(models), config('estimated')).checks;
    expect(check).toMatchObject({ status: 'fail', failing: true, rates: 'estimated', count: 10, n: 100 });
    expect(check!.rate).toBeCloseTo(0.02, 8);
    expect(check!.reason).toBe('est 2.0% is below the 5.0% floor');
    expect(rateText(check!)).toMatch(/^est 2\.0% \[\d\.\d–\d+\.\d\] n=100$/);
  });

  it('max_gap compares the estimate with the human estimate, with the p of estimateZ', () => {
    const config = configOf({ min_turns: 10, rates: 'estimated', thresholds: { acknowledgement: { max_gap: -0.5 } } });
    const checks = evaluateGate(estimated({ ok: { n: 1000, estimated: { acknowledgement: 60 } }, low: { n: 1000, estimated: { acknowledgement: 40 } } }), config).checks;
    const ok = checks.find((c) => c.model === 'ok')!;
    const low = checks.find((c) => c.model === 'low')!;
    expect(ok).toMatchObject({ status: 'pass' });
    expect(ok.observed).toBeCloseTo(-0.4, 6);
    expect(low).toMatchObject({ status: 'fail', failing: true });
    expect(low.observed).toBeCloseTo(-0.6, 6);
    expect(low.reason).toMatch(/^−60% vs human est 10\.0% \(p [<=] [\d.]+\), beyond the −50% limit$/);
  });

  it('max_regression compares estimates, one-sided, and needs an estimate in compare_to', () => {
    const config = configOf({ min_turns: 30, rates: 'estimated', thresholds: { clarification: { max_regression: 0.2 } } });
    const before = estimated({ m: { n: 1000, acts: { clarification: 50 }, estimated: { clarification: 100 } } });
    // Estimated 10% → 5% on n=1000 each (the tagged rate did not move): a significant drop.
    const [drop] = evaluateGate(estimated({ m: { n: 1000, acts: { clarification: 50 }, estimated: { clarification: 50 } } }), config, before).checks;
    expect(drop).toMatchObject({ status: 'fail', failing: true });
    expect(drop!.observed).toBeCloseTo(0.5, 6);
    expect(drop!.reason).toMatch(/^dropped 50\.0% from est 10\.0% \(n=1000\) to est 5\.0%, more than 20\.0%; significant \(one-sided p < 0\.001 < 0\.05\)$/);
    // Too few turns for the same drop to be significant: only a warning.
    const [unsure] = evaluateGate(estimated({ m: { n: 40, estimated: { clarification: 2 } } }), config, before).checks;
    expect(unsure).toMatchObject({ status: 'warn', failing: false });
    const rulesBefore = summaryOf({ m: { n: 1000, acts: { clarification: 100 } } }, CHOICE);
    const [none] = evaluateGate(estimated({ m: { n: 1000, estimated: { clarification: 50 } } }), config, rulesBefore).checks;
    expect(none).toMatchObject({ status: 'insufficient' });
    expect(none!.reason).toContain('compare_to has no estimated rate for this model');
  });

  it('refuses a summary whose gaps are on another basis than the config says', () => {
    const config = configOf({ rates: 'estimated', thresholds: { any: { min_rate: 0.1 } } });
    expect(() => evaluateGate(summaryOf({ m: { n: 100 } }), config)).toThrow(UsageError);
    expect(() => evaluateGate(summaryOf({ m: { n: 100 } }), config)).toThrow(/found one of tagged rates\. Build it with --rates estimated/);
  });

  it('says which rates it read in the text, JUnit, annotations and job summary', () => {
    const config = configOf({ min_turns: 10, rates: 'estimated', thresholds: { any: { min_rate: 0.5 } } });
    const result = evaluateGate(estimated({ m: { n: 100, acts: { any: 80 }, estimated: { any: 20 } } }), config);
    const v = verdict(result);
    expect(v.exitCode).toBe(1);
    expect(formatGateText(result, v, { color: false })).toContain('Rates: estimated (min_rate, max_gap and max_regression read the rate corrected');
    expect(formatGateText(result, v, { color: false })).toMatch(/^FAIL {2}m {2}any min_rate ≥ 50\.0% {2}est 20\.0% \[/m);
    expect(formatJunit(result)).toContain('<property name="rates" value="estimated"/>');
    expect(formatAnnotations(result)).toContain('est 20.0%');
    expect(formatStepSummary(result, v, '')).toContain('Rates: estimated');
  });
});

describe('coordination thresholds', () => {
  /** A speaker of 8 replies to 4 turns that show the article, ab of them answered with it: score ab/4 − ab/8 = ab/8. */
  const speaker = (ab: number) => {
    const s = emptySpeaker();
    for (let i = 0; i < 4; i++) addReply(s, i < ab ? 1 : 0, 1);
    for (let i = 0; i < 4; i++) addReply(s, 0, 0);
    return s;
  };
  const tallyOf = (abs: number[]) => {
    const t = emptyCoordination();
    for (const ab of abs) addSpeaker(t, speaker(ab), null);
    return t;
  };
  const markers = { article: 0.2, auxverb: null, conj: null, adverb: null, ppron: null, ipron: null, preps: null, quant: null };
  const withHuman: BaselineChoice = {
    ...BASELINE,
    baseline: { ...BASELINE.baseline, pooled: { ...BASELINE.baseline.pooled, coordination: { assistant: { score: 0.2, ci: [0.19, 0.21], speakers: 400, pairs: 4000, markers }, user: null } } },
  };
  const models = {
    close: { n: 40, coordination: tallyOf([1, 2, 1, 2, 2, 2]) }, // mean 10/48 = 0.2083
    far: { n: 40, coordination: tallyOf([0, 1, 0, 1]) }, // mean 0.0625
    few: { n: 40, coordination: tallyOf([2]) }, // 8 reply pairs
  };

  it('checks min_score and max_below_human on the score, and too few reply pairs as insufficient', () => {
    const config = configOf({ min_turns: 10, thresholds: { coordination: { min_score: 0.1, max_below_human: 0.02 } } });
    const result = evaluateGate(summaryOf(models, withHuman), config);
    const check = (model: string, kind: string) => result.checks.find((c) => c.model === model && c.kind === kind)!;
    expect(check('close', 'min_score')).toMatchObject({ act: 'coordination', status: 'pass', n: 6, count: 48 });
    expect(check('close', 'min_score').rate).toBeCloseTo(10 / 48, 12);
    expect(check('close', 'max_below_human')).toMatchObject({ status: 'pass' });
    expect(check('close', 'max_below_human').reason).toMatch(/^\+0\.208 vs human \+0\.200, \+0\.008 \(p = [\d.]+\), no more than 0\.020 below human$/);
    expect(check('far', 'min_score')).toMatchObject({ status: 'fail', failing: true, reason: '+0.063 is below the +0.100 floor' });
    expect(check('far', 'max_below_human')).toMatchObject({ status: 'fail', failing: true });
    expect(check('far', 'max_below_human').reason).toMatch(/, more than 0\.020 below human$/);
    expect(check('few', 'min_score')).toMatchObject({ status: 'insufficient', failing: false, reason: 'insufficient data: 8 reply pairs, fewer than min_turns 10' });
    expect(verdict(result)).toMatchObject({ passed: false, failed: 2, insufficient: 2 });
    const text = formatGateText(result, verdict(result), { color: false });
    expect(text).toMatch(/^FAIL {2}far +coordination min_score ≥ \+0\.100 +\+0\.063 \[[−+]\d\.\d{3}, \+\d\.\d{3}\] speakers=4 /m);
    expect(text).toMatch(/^pass {2}close +coordination max_below_human ≤ 0\.020 /m);
  });

  it('needs a human coordination figure for max_below_human', () => {
    const config = configOf({ min_turns: 10, thresholds: { coordination: { max_below_human: 0.02 } } });
    const bare: BaselineChoice = { ...BASELINE, baseline: { ...BASELINE.baseline, pooled: { ...BASELINE.baseline.pooled, coordination: undefined } } };
    expect(() => evaluateGate(summaryOf({ close: models.close }, bare), config)).toThrow(/Expected a human coordination baseline for max_below_human/);
  });

  it('turns a missed warn_only coordination threshold into a warning', () => {
    const config = configOf({ min_turns: 10, thresholds: { coordination: { min_score: 0.1, warn_only: true } } });
    const [far] = evaluateGate(summaryOf({ far: models.far }, withHuman), config).checks;
    expect(far).toMatchObject({ status: 'warn', failing: false, reason: '+0.063 is below the +0.100 floor (warn_only)' });
  });
});

describe('curiosity and comfort thresholds', () => {
  /** Human helpers: curiosity 40 of 100 turns, comfort 10, so a share of 40 of 50. */
  const withHuman: BaselineChoice = {
    ...BASELINE,
    baseline: { ...BASELINE.baseline, pooled: { ...BASELINE.baseline.pooled, beyond: { curiosity: { count: 40, n: 100, rate: 0.4 }, comfort: { count: 10, n: 100, rate: 0.1 }, curiosity_share: { count: 40, n: 50, rate: 0.8 } } } },
  };
  const models = {
    curious: { n: 100, curious: 40, acts: { reassurance: 5 } }, // share 40/45
    soothing: { n: 100, curious: 5, acts: { reassurance: 30 } }, // share 5/35
    quiet: { n: 100, curious: 1, acts: { reassurance: 1 } }, // 2 turns with either
  };

  it('checks floors and ceilings on the shares, the gap to human, and too few turns as insufficient', () => {
    const config = configOf({ min_turns: 10, thresholds: { comfort: { max_rate: 0.2 }, curiosity_share: { min_rate: 0.5, max_gap: -0.3 } } });
    const result = evaluateGate(summaryOf(models, withHuman), config);
    const check = (model: string, act: string, kind: string) => result.checks.find((c) => c.model === model && c.act === act && c.kind === kind)!;
    expect(check('curious', 'comfort', 'max_rate')).toMatchObject({ status: 'pass', rate: 0.05, n: 100, reason: '5.0% is at or below the 20.0% ceiling' });
    expect(check('soothing', 'comfort', 'max_rate')).toMatchObject({ status: 'fail', failing: true, reason: '30.0% is above the 20.0% ceiling' });
    expect(check('curious', 'curiosity_share', 'min_rate')).toMatchObject({ status: 'pass', count: 40, n: 45 });
    expect(check('soothing', 'curiosity_share', 'min_rate')).toMatchObject({ status: 'fail', reason: '14.3% is below the 50.0% floor' });
    expect(check('curious', 'curiosity_share', 'max_gap').reason).toMatch(/^\+11% vs human 80\.0% \(p = [\d.]+\), within the −30% limit$/);
    expect(check('soothing', 'curiosity_share', 'max_gap')).toMatchObject({ status: 'fail' });
    expect(check('quiet', 'curiosity_share', 'min_rate')).toMatchObject({ status: 'insufficient', reason: 'insufficient data: 2 turns with curiosity or comfort, fewer than min_turns 10' });
    expect(check('quiet', 'comfort', 'max_rate')).toMatchObject({ status: 'pass' });
    const text = formatGateText(result, verdict(result), { color: false });
    expect(text).toMatch(/^FAIL {2}soothing +comfort max_rate ≤ 20\.0% +30\.0% \[/m);
  });

  it('needs the human figures for max_gap', () => {
    const config = configOf({ min_turns: 10, thresholds: { curiosity: { max_gap: -0.5 } } });
    const bare: BaselineChoice = { ...BASELINE, baseline: { ...BASELINE.baseline, pooled: { ...BASELINE.baseline.pooled, beyond: undefined } } };
    expect(() => evaluateGate(summaryOf({ curious: models.curious }, bare), config)).toThrow(/Expected a human curiosity figure for max_gap/);
  });
});

describe('trajectory thresholds', () => {
  /** A trajectory tally of these changes (none with a repair). */
  const trajectoryOf = (changes: number[]) => {
    const t = emptyTrajectory();
    for (const change of changes) addTrajectory(t, { change, repaired: false });
    return t;
  };
  const models = {
    better: { n: 40, trajectory: trajectoryOf([0.2, 0.1, 0.3, 0.0, 0.2, 0.1, 0.2, 0.3, 0.1, 0.2]) },
    worse: { n: 40, trajectory: trajectoryOf([-0.2, -0.3, 0.1, -0.1, -0.2, 0.0, -0.3, -0.2, -0.1, 0.0]) },
    few: { n: 40, trajectory: trajectoryOf([0.5, 0.5]) },
    none: { n: 40 },
  };

  it('reads the trajectory of each model’s users: min_change and max_worsened', () => {
    const config = configOf({ min_turns: 5, thresholds: { trajectory: { min_change: 0, max_worsened: 0.25 } } });
    const result = evaluateGate(summaryOf(models), config);
    const check = (model: string, kind: string) => result.checks.find((c) => c.model === model && c.kind === kind)!;
    expect(check('better', 'min_change')).toMatchObject({ act: 'trajectory', status: 'pass', n: 10 });
    expect(check('better', 'min_change').rate).toBeCloseTo(0.17, 12);
    expect(check('worse', 'min_change')).toMatchObject({ status: 'fail', failing: true, reason: "users' mean change −0.130 is below the +0.000 floor" });
    expect(check('worse', 'max_worsened')).toMatchObject({ status: 'fail', reason: '70.0% of 10 conversations ended clearly worse, above the 25.0% ceiling' });
    expect(check('better', 'max_worsened')).toMatchObject({ status: 'pass', rate: 0 });
    expect(check('few', 'min_change')).toMatchObject({ status: 'insufficient', reason: 'insufficient data: 2 conversations with a trajectory (4+ user turns), fewer than min_turns 5' });
    expect(check('none', 'min_change')).toMatchObject({ status: 'insufficient' });
    const text = formatGateText(result, verdict(result), { color: false });
    expect(text).toMatch(/^FAIL {2}worse +trajectory min_change ≥ \+0\.000 +−0\.130 \[/m);
  });
});
