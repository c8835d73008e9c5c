/** Summaries with known counts, for checking verdicts against hand-computed answers. */
import { ACT_IDS, type ActId } from '../../src/model.js';
import { buildSummary, type BaselineChoice, type Summary } from '../../src/measure/summary.js';
import type { GroupTally, Tally } from '../../src/measure/tally.js';
import { parseConfig, type GateConfig } from '../../src/gate/config.js';
import { chooseBaseline } from '../../src/baseline/load.js';

export interface ModelCounts {
  /** Counted assistant turns. */
  n: number;
  /** Turns with each act; acts left out have none. `any` defaults to the largest act count. */
  acts?: Partial<Record<ActId | 'any', number>>;
}

export function tallyOf(models: Record<string, ModelCounts>): Tally {
  const tally: Tally = new Map();
  for (const [model, { n, acts = {} }] of Object.entries(models)) {
    const counts = Object.fromEntries(ACT_IDS.map((a) => [a, { turns: acts[a] ?? 0, findings: acts[a] ?? 0 }])) as GroupTally['acts'];
    const any = acts.any ?? Math.max(0, ...ACT_IDS.map((a) => acts[a] ?? 0));
    const key = `assistant:${model}`;
    tally.set(key, { key, role: 'assistant', value: model, conversations: n, turns: n, words: n * 50, acts: counts, any: { turns: any, findings: any }, rift: { followed: 0, repaired: 0 } });
  }
  return tally;
}

export const BASELINE: BaselineChoice = chooseBaseline(undefined, 'pooled');

export function summaryOf(models: Record<string, ModelCounts>, baseline: BaselineChoice | null = BASELINE): Summary {
  return buildSummary({ version: 'test', groupBy: 'model', tally: tallyOf(models), files: [], conversations: 0, baseline });
}

export function configOf(raw: Record<string, unknown>): GateConfig {
  return parseConfig(raw, 'grounding.yaml');
}
