/** Small builders for tagged conversations, tallies, baselines and summaries, used by measure and report tests. */
import { ACT_IDS, type ActId, type Domain, type Finding, type Role, type TaggedTurn, type TurnScores } from '../../src/model.js';
import { BASELINE_SCHEMA, type Baseline, type BaselineEntry } from '../../src/baseline/schema.js';
import type { Calibration, Estimate } from '../../src/measure/estimate.js';
import { buildSummary, type Calibrator, type FileAccount, type RateBasis, type Summary, type TaggerChoice } from '../../src/measure/summary.js';
import { tallyConversation, type Tally } from '../../src/measure/tally.js';

export interface TurnSpec {
  role: Role;
  acts?: ActId[];
  model?: string;
  words?: number;
  /** The learned tagger's scores for the turn; absent, as with the rules alone. */
  scores?: TurnScores;
  /** The turn's text; default `Turn <i> of <id>.` */
  text?: string;
}

/** Every act and any act at one score (a logit; null: nothing read). */
export function uniformScores(score: number | null, domain: Domain = 'typed'): TurnScores {
  return { domain, acts: Object.fromEntries(ACT_IDS.map((a) => [a, score])) as TurnScores['acts'], any: score };
}

export const IDENTITY: Calibration = { alpha: 1, beta: 0, boot: [] };

/** A model with one calibration for every act, role and domain (the shipped model's numbers are never used in tests). */
export function fakeModel(calibration: Calibration = IDENTITY, version = 'test-model'): Calibrator {
  return { version, calibration: () => calibration };
}

/** The learned tagger with a fake model. */
export function fakeTagger(calibration: Calibration = IDENTITY, version = 'test-model'): TaggerChoice {
  return { kind: 'learned', model: fakeModel(calibration, version) };
}

/** One conversation: each spec becomes a turn with one finding per listed act. */
export function conversation(id: string, specs: readonly TurnSpec[]): TaggedTurn[] {
  return specs.map((spec, index) => {
    const turnId = `${id}-${index}`;
    const text = spec.text ?? `Turn ${index} of ${id}.`;
    const findings: Finding[] = (spec.acts ?? []).map((act) => ({
      act,
      rule: `${act}/test`,
      turnId,
      sentence: 0,
      start: 0,
      end: text.length,
      text,
      reason: 'written by the test',
    }));
    const turn = { id: turnId, conversationId: id, index, role: spec.role, speaker: spec.role, model: spec.model, text, meta: {} };
    return { turn, findings, words: spec.words ?? 10, ...(spec.scores && { scores: spec.scores }) };
  });
}

export function tallyOf(conversations: readonly TaggedTurn[][]): Tally {
  const tally: Tally = new Map();
  for (const c of conversations) tallyConversation(tally, c, 'test.jsonl', 'model');
  return tally;
}

function rate(count: number, n: number, estimate: Estimate | null) {
  return { count, n, rate: n > 0 ? count / n : null, ci: null, per1kWords: null, estimate, scores: {} };
}

/**
 * A baseline whose every act is `count` of 100 human turns, and any act 60 of 100; with `estimate`,
 * every act and any act also has that estimated rate.
 */
export function baseline(count = 20, estimate: Estimate | null = null): Baseline {
  const entry: BaselineEntry = {
    provenance: { corpus: 'test', files: [], split: 'all', role: 'supporter', licence: 'CC0' },
    conversations: 10,
    turns: 100,
    words: 2000,
    acts: Object.fromEntries(ACT_IDS.map((a) => [a, rate(count, 100, estimate)])) as BaselineEntry['acts'],
    any: rate(60, 100, estimate),
  };
  return {
    schema: BASELINE_SCHEMA,
    version: 'test-1',
    command: 'grounding baseline build test',
    tagger: { version: '0.0.0', lexiconHash: 'none', model: estimate ? 'test-model' : null },
    role: 'assistant',
    note: 'hand-made for tests',
    domains: { support: entry },
    pooled: entry,
  };
}

export const FILES: FileAccount[] = [
  { path: 'logs/a.jsonl', format: 'openai', records: 5, analyzed: 4, skipped: { 'invalid JSON': 1 }, turnsSkipped: { system: 2 } },
  { path: 'logs/b.json', format: 'chatgpt', records: 2, analyzed: 2, skipped: {}, turnsSkipped: {} },
];

/** Two assistant models with different act mixes, answering users who sometimes repair. */
export function twoModels(names: readonly [string, string] = ['gpt-x', 'claude-y']): TaggedTurn[][] {
  const [a, b] = names;
  const out: TaggedTurn[][] = [];
  for (let i = 0; i < 6; i += 1) {
    out.push(
      conversation(`a${i}`, [
        { role: 'user' },
        { role: 'assistant', model: a, acts: i < 2 ? ['clarification'] : [], words: 120 },
        { role: 'user', acts: i === 0 ? ['repair'] : [] },
        { role: 'assistant', model: a, acts: ['acknowledgement', 'followup'], words: 200 },
      ]),
      conversation(`b${i}`, [
        { role: 'user' },
        { role: 'assistant', model: b, acts: i < 4 ? ['understanding-check'] : [], words: 80 },
        { role: 'user', acts: i < 3 ? ['acknowledgement'] : [] },
        { role: 'assistant', model: b, words: 90 },
      ]),
    );
  }
  return out;
}

export function summaryOf(conversations: readonly TaggedTurn[][], withBaseline: boolean, options: { human?: Estimate; rates?: RateBasis; tagger?: TaggerChoice } = {}): Summary {
  return buildSummary({
    version: '0.1.0',
    groupBy: 'model',
    tally: tallyOf(conversations),
    files: FILES,
    conversations: conversations.length,
    baseline: withBaseline ? { baseline: baseline(20, options.human ?? null), domain: 'pooled', path: 'corpora/baselines/human.json' } : null,
    tagger: options.tagger ?? fakeTagger(),
    ...(options.rates && { rates: options.rates }),
  });
}

/**
 * twoModels() with every turn scored: gpt-x's turns at logit 0 (probability ½ under the identity
 * calibration) and claude-y's at −2, user turns at −4.
 */
export function scoredModels(): TaggedTurn[][] {
  const score = (t: TaggedTurn) => (t.turn.role === 'user' ? -4 : t.turn.model === 'gpt-x' ? 0 : -2);
  return twoModels().map((c) => c.map((t) => ({ ...t, scores: uniformScores(score(t)) })));
}

/**
 * One conversation per name: a user turn, then ten counted assistant turns of which the first
 * holds a clarification, so every model's clarification rate is 0.1 and its gap to 0.2 is −0.5.
 */
export function namedModels(names: readonly string[]): TaggedTurn[][] {
  return names.map((model, i) =>
    conversation(`n${i}`, [
      { role: 'user' },
      { role: 'assistant', model, acts: ['clarification'] },
      ...Array.from({ length: 9 }, () => ({ role: 'assistant' as const, model })),
    ]),
  );
}
