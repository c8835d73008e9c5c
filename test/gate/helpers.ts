/** Summaries with known counts, for checking verdicts against hand-computed answers. */
import { emptyTrajectory, type TrajectoryTally } from '../../src/measure/trajectory.js';
import { ACT_IDS, type ActId } from '../../src/model.js';
import { emptyCoordination, type CoordinationTally } from '../../src/measure/coordination.js';
import type { Estimate, ScoreCounts } from '../../src/measure/estimate.js';
import { buildSummary, type BaselineChoice, type RateBasis, type Summary } from '../../src/measure/summary.js';
import type { GroupTally, Tally } from '../../src/measure/tally.js';
import { parseConfig, type GateConfig } from '../../src/gate/config.js';
import { chooseBaseline } from '../../src/baseline/load.js';
import { baseline, fakeTagger } from '../helpers/tagged.js';

export interface ModelCounts {
  /** Counted assistant turns. */
  n: number;
  /** Turns with each act; acts left out have none. `any` defaults to the largest act count. */
  acts?: Partial<Record<ActId | 'any', number>>;
  /**
   * With it, every turn is scored: this many per act at logit +20 and the rest at −20, so under the
   * identity calibration the estimated rate is this share of n (to 1e-8). Acts left out: 0.
   */
  estimated?: Partial<Record<ActId | 'any', number>>;
  /** The group's coordination tally; default none. */
  coordination?: CoordinationTally;
  /** Counted turns with a curiosity act; default none (reassurance turns are `acts.reassurance`). */
  curious?: number;
  /** The trajectory of this model's users: a user group of the same model; default no user group. */
  trajectory?: TrajectoryTally;
}

/** k of n turns scored at +20 and the rest at −20 (bands ±200). */
function scoresOf(k: number, n: number): ScoreCounts {
  return { typed: Object.fromEntries([['-200', n - k], ['200', k]].filter(([, c]) => (c as number) > 0)) };
}

export function tallyOf(models: Record<string, ModelCounts>): Tally {
  const tally: Tally = new Map();
  for (const [model, { n, acts = {}, estimated, coordination, curious = 0, trajectory }] of Object.entries(models)) {
    const scores = (act: ActId | 'any'): ScoreCounts => (estimated ? scoresOf(estimated[act] ?? 0, n) : {});
    const counts = Object.fromEntries(ACT_IDS.map((a) => [a, { turns: acts[a] ?? 0, findings: acts[a] ?? 0, scores: scores(a) }])) as GroupTally['acts'];
    const any = acts.any ?? Math.max(0, ...ACT_IDS.map((a) => acts[a] ?? 0));
    const key = `assistant:${model}`;
    tally.set(key, { key, role: 'assistant', value: model, conversations: n, turns: n, words: n * 50, acts: counts, any: { turns: any, findings: any, scores: scores('any') }, rift: { followed: 0, repaired: 0 }, coordination: coordination ?? emptyCoordination(), curious, trajectory: emptyTrajectory() });
    if (trajectory) {
      const user = `user:${model}`;
      const none = Object.fromEntries(ACT_IDS.map((a) => [a, { turns: 0, findings: 0, scores: {} }])) as GroupTally['acts'];
      tally.set(user, { key: user, role: 'user', value: model, conversations: n, turns: n, words: n * 20, acts: none, any: { turns: 0, findings: 0, scores: {} }, rift: { followed: 0, repaired: 0 }, coordination: emptyCoordination(), curious: 0, trajectory });
    }
  }
  return tally;
}

export const BASELINE: BaselineChoice = chooseBaseline(undefined, 'pooled');

/** A hand-made baseline whose every act is 20 of 100 human turns (any: 60), each with this estimate. */
export function estimatedBaseline(human: Estimate): BaselineChoice {
  return { baseline: baseline(20, human), domain: 'pooled', path: 'human-estimated.json' };
}

export function summaryOf(models: Record<string, ModelCounts>, choice: BaselineChoice | null = BASELINE, rates: RateBasis = 'tagged'): Summary {
  return buildSummary({ version: 'test', groupBy: 'model', tally: tallyOf(models), files: [], conversations: 0, baseline: choice, tagger: fakeTagger(), rates });
}

export function configOf(raw: Record<string, unknown>): GateConfig {
  return parseConfig(raw, 'grounding.yaml');
}
