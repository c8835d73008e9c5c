/** The summary's estimated rates: on every group, on the summary's basis for the gap, recoverable for merging, and refused when asked for and absent. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { estimateZ, sigmoid } from '../../src/measure/estimate.js';
import { buildSummary, SummarySchema, tallyFromSummary, type Summary } from '../../src/measure/summary.js';
import { ACT_IDS, GATED_ACT_IDS } from '../../src/model.js';
import { formatJson } from '../../src/report/json.js';
import { baseline, fakeTagger, FILES, scoredModels, summaryOf, tallyOf, twoModels } from '../helpers/tagged.js';

const HUMAN = { rate: 0.25, ci: [0.2, 0.3] as [number, number] };

const group = (s: Summary, key: string) => s.groups.find((g) => g.key === key)!;

describe('estimates in the summary', () => {
  const summary = summaryOf(scoredModels(), true, { human: HUMAN });

  it('gives every act and any act of every group {rate, ci: [low, high]} and its sorted score counts', () => {
    for (const g of summary.groups) {
      // An act the rules alone decide (reassurance) has no calibrated scores: its estimate is its tagged rate and Wilson interval.
      for (const act of GATED_ACT_IDS) expect(g.acts[act].estimate).toEqual({ rate: g.acts[act].rate, ci: g.acts[act].ci, scores: {} });
      for (const r of [...ACT_IDS.map((a) => g.acts[a]), g.any]) {
        expect(r.estimate).toMatchObject({ rate: expect.any(Number), ci: [expect.any(Number), expect.any(Number)] });
        expect(r.estimate!.ci[0]).toBeLessThanOrEqual(r.estimate!.rate);
        expect(r.estimate!.ci[1]).toBeGreaterThanOrEqual(r.estimate!.rate);
      }
    }
    // Identity calibration: gpt-x's turns all score 0 (½), claude-y's −2, users' −4.
    expect(group(summary, 'assistant:gpt-x').acts.clarification.estimate).toMatchObject({ rate: 0.5, scores: { typed: { '0': 12 } } });
    expect(group(summary, 'assistant:claude-y').any.estimate!.rate).toBeCloseTo(sigmoid(-2), 12);
    expect(group(summary, 'user:(unknown)').any.estimate!.rate).toBeCloseTo(sigmoid(-4), 12);
    expect(summary.tagger).toEqual({ kind: 'learned', model: 'test-model' });
    expect(summary.rates).toBe('tagged');
  });

  it('keeps the tagged gap by default, and the human estimate beside the human rate', () => {
    const a = group(summary, 'assistant:gpt-x').acts.acknowledgement;
    expect(a.gap).toBeCloseTo((0.5 - 0.2) / 0.2, 12);
    expect(a.baseline).toEqual({ rate: 0.2, n: 100, estimate: HUMAN });
  });

  it('with rates: estimated, takes the gap and its p from the estimates', () => {
    const est = summaryOf(scoredModels(), true, { human: HUMAN, rates: 'estimated' });
    expect(est.rates).toBe('estimated');
    const r = group(est, 'assistant:claude-y').acts.clarification;
    expect(r.gap).toBeCloseTo((sigmoid(-2) - 0.25) / 0.25, 12);
    expect(r.p).toBe(estimateZ(r.estimate!, HUMAN)!.p);
    // The counts and tagged rates are the same whichever basis the gap uses.
    expect(r.rate).toBe(group(summary, 'assistant:claude-y').acts.clarification.rate);
  });

  it('has no estimate for turns tagged by the rules alone, or for a run of the rules tagger', () => {
    expect(summaryOf(twoModels(), true).groups.every((g) => g.any.estimate === null)).toBe(true);
    const rules = summaryOf(scoredModels(), true, { tagger: { kind: 'rules' } });
    expect(rules.tagger).toEqual({ kind: 'rules', model: null });
    expect(rules.groups.every((g) => g.any.estimate === null && g.acts.repair.estimate === null)).toBe(true);
  });

  it('recovers the score counts with tallyFromSummary, so a rebuilt summary is the same', () => {
    const read = SummarySchema.parse(JSON.parse(formatJson(summary)));
    const again = buildSummary({ version: '0.1.0', groupBy: 'model', tally: tallyFromSummary(read), files: FILES, conversations: summary.input.conversations, baseline: { baseline: baseline(20, HUMAN), domain: 'pooled', path: 'corpora/baselines/human.json' }, tagger: fakeTagger() });
    expect(again).toEqual(summary);
  });

  it('reads an older summary without estimates, tagger or rates as the rules\u2019 and tagged', () => {
    const old = JSON.parse(formatJson(summaryOf(twoModels(), true)));
    delete old.tagger;
    delete old.rates;
    for (const g of old.groups) for (const r of [...ACT_IDS.map((a) => g.acts[a]), g.any]) {
      delete r.estimate;
      if (r.baseline) delete r.baseline.estimate;
    }
    const read = SummarySchema.parse(old);
    expect(read.tagger).toEqual({ kind: 'rules', model: null });
    expect(read.rates).toBe('tagged');
    expect(read.groups[0]!.acts.clarification).toMatchObject({ estimate: null, baseline: { estimate: null } });
  });
});

describe('rates: estimated without estimates is a usage error', () => {
  const build = (tagger: Parameters<typeof buildSummary>[0]['tagger'], conversations = scoredModels(), human: typeof HUMAN | null = HUMAN) => () =>
    buildSummary({ version: 't', groupBy: 'model', tally: tallyOf(conversations), files: [], conversations: 0, baseline: { baseline: baseline(20, human), domain: 'pooled', path: 'old-human.json' }, tagger, rates: 'estimated' });

  it('for a run of the rules alone', () => {
    expect(build({ kind: 'rules' })).toThrow(UsageError);
    expect(build({ kind: 'rules' })).toThrow(/found a run tagged by the rules alone.*Use --rates tagged/);
  });

  it('for a group whose turns carry no scores, naming it', () => {
    expect(build(fakeTagger(), twoModels())).toThrow(/expected an estimated rate for every group with --rates estimated, found none for `assistant:claude-y`/i);
  });

  it('for a baseline without estimates, naming the file', () => {
    expect(build(fakeTagger(), scoredModels(), null)).toThrow(/^old-human\.json: expected a human baseline with estimated rates for --rates estimated, found one without .*Rebuild it with `grounding baseline build`/);
  });
});
