/**
 * `grounding baseline build`: the helper-role act rates of real human-to-human conversations,
 * per domain and pooled, measured by this project's own tagger. The corpora are read where they
 * lie; only the rates and their provenance are written.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { beyondReference, SHARES, type BeyondReference } from '../measure/curiosity.js';
import { trajectoryReference, type TrajectoryReference } from '../measure/trajectory.js';
import { ACT_IDS, type ActId, type Conversation } from '../model.js';
import { coordinationReference, type CoordinationReference } from '../measure/coordination.js';
import type { Estimate } from '../measure/estimate.js';
import { per1k, proportion } from '../measure/stats.js';
import { actEstimate, type Calibrator } from '../measure/summary.js';
import { scoredTurns, type ActCount, type GroupTally } from '../measure/tally.js';
import { tallyInputs } from '../pipeline.js';
import { loadModel, type Target } from '../tag/learned/model.js';
import { loadLexicons } from '../tag/lexicon.js';
import { VERSION } from '../version.js';
import { BASELINE_SCHEMA, NO_FIGURE, type Baseline, type BaselineEntry, type BaselineRate } from './schema.js';

export interface DomainSource {
  domain: string;
  corpus: string;
  format: string;
  /** Paths relative to the human corpora folder. */
  files: string[];
  split: string;
  role: string;
  licence: string;
  /** Whether the seeker side is human, so that its coordination toward the helper is a human figure (default true). */
  seekerHuman?: boolean;
  /** Why a conversation of the files is left out (it is counted as skipped), or null: a file that holds several splits. */
  keep?: (conversation: Conversation) => string | null;
}

/** The corpora behind each domain, as laid out in ../shared/corpora/human. */
export const DOMAIN_SOURCES: readonly DomainSource[] = [
  {
    domain: 'support',
    corpus: 'ESConv (thu-coai/Emotional-Support-Conversation)',
    format: 'esconv',
    files: ['esconv/train.txt', 'esconv/valid.txt', 'esconv/test.txt'],
    split: 'train+valid+test',
    role: 'supporter (speaker `sys`)',
    licence: 'CC BY-NC 4.0, research use',
  },
  {
    domain: 'persuasion',
    corpus: 'Persuasion for Good (ohyj1002/persuasionforgood)',
    format: 'persuasionforgood',
    files: ['persuasionforgood/full_dialog.csv'],
    split: 'all (full_dialog.csv)',
    role: 'persuader (B4 = 0)',
    licence: 'Apache-2.0',
  },
  {
    domain: 'tutoring',
    corpus: 'MathDial (eth-nlped/mathdial)',
    format: 'mathdial',
    files: ['mathdial/test.jsonl'],
    split: 'test',
    role: 'teacher (the student side is an LLM and is not counted)',
    licence: 'CC BY-SA 4.0',
    seekerHuman: false,
  },
  {
    domain: 'task',
    corpus: 'MultiWOZ 2.2 (budzianowski/multiwoz)',
    format: 'multiwoz',
    files: ['multiwoz/dialogues.jsonl'],
    split: 'validation (the original text; the test split there is word-tokenized)',
    role: 'wizard, the booking clerk (speaker `system`)',
    licence: 'MIT',
    keep: (c) => (c.meta.split === 'val' ? null : 'not the validation split'),
  },
];

export const BUILD_COMMAND = 'grounding baseline build ../shared/corpora/human -o corpora/baselines/human.json';

/** One figure; the estimate calibrates the helper's scores as the assistant role's, since that is the role it is compared with. */
function rate(count: ActCount, target: Target, group: GroupTally, model: Calibrator): BaselineRate {
  const p = proportion(count.turns, group.turns);
  const estimate = actEstimate(count, group, target, 'assistant', model);
  return {
    count: count.turns,
    n: group.turns,
    rate: p.rate,
    ci: p.ci,
    per1kWords: per1k(count.findings, group.words),
    estimate: estimate && { rate: estimate.rate, ci: estimate.ci },
    scores: estimate ? estimate.scores : {},
  };
}

function entryOf(group: GroupTally, seeker: GroupTally | null, provenance: BaselineEntry['provenance'], model: Calibrator): BaselineEntry {
  return {
    provenance,
    conversations: group.conversations,
    turns: group.turns,
    words: group.words,
    acts: Object.fromEntries(ACT_IDS.map((a) => [a, rate(group.acts[a], a, group, model)])) as Record<ActId, BaselineRate>,
    any: rate(group.any, 'any', group, model),
    coordination: { assistant: coordinationReference(group.coordination), user: seeker && coordinationReference(seeker.coordination) },
    beyond: beyondReference({ turns: group.turns, curious: group.curious, comforting: group.acts.reassurance.turns }),
    trajectory: seeker && trajectoryReference(seeker.trajectory),
  };
}

export async function buildBaseline(humanDir: string, onDomain?: (domain: string) => void, model: Calibrator = loadModel()): Promise<Baseline> {
  const domains: Record<string, BaselineEntry> = {};
  const helpers: GroupTally[] = [];
  for (const source of DOMAIN_SOURCES) {
    const files = source.files.map((f) => join(humanDir, f));
    const missing = files.find((f) => !existsSync(f));
    if (missing) throw new UsageError(`Expected the ${source.corpus} file ${missing}, found none. Pass the folder that holds esconv/, persuasionforgood/, mathdial/ and multiwoz/.`);
    onDomain?.(source.domain);
    const run = await tallyInputs(files, { format: source.format, skipInvalid: false, by: 'role', ...(source.keep && { keep: source.keep }) });
    const helper = run.tally.get('assistant');
    if (!helper) throw new UsageError(`${source.corpus}: expected helper-role turns, found none. Check the files.`);
    helpers.push(helper);
    const seeker = source.seekerHuman === false ? null : (run.tally.get('user') ?? null);
    domains[source.domain] = entryOf(helper, seeker, { corpus: source.corpus, files: source.files, split: source.split, role: source.role, licence: source.licence }, model);
  }
  const hash = loadLexicons().hash;
  const estimated = helpers.some((h) => scoredTurns(h) > 0);
  const pooled = pooledEntry(Object.values(domains), {
    corpus: DOMAIN_SOURCES.map((s) => s.corpus).join('; '),
    files: DOMAIN_SOURCES.flatMap((s) => s.files),
    split: 'as per domain',
    role: 'helper role of each domain',
    licence: 'as per domain',
  });
  // The version follows the figures: a summary names the baseline it was compared with, and the gate checks it.
  const figures = createHash('sha256').update(JSON.stringify({ domains, pooled })).digest('hex').slice(0, 16);
  return {
    schema: BASELINE_SCHEMA,
    version: `${VERSION}+${figures}`,
    command: BUILD_COMMAND,
    tagger: { version: VERSION, lexiconHash: hash, model: estimated ? model.version : null },
    role: 'assistant',
    note: 'Rates of the human helper role: the share of its turns (the first turn of each conversation excluded) that contain each act, with 95% Wilson intervals. Pooled is the mean of the domains\u2019 rates, each domain weighing the same; its n is the effective size of that mean. Coordination (ConvoKit\u2019s, per direction) is the mean over each domain\u2019s speakers, one per conversation and side, with a 95% t interval; pooled is the mean of the domains\u2019 scores where that side is human.',
    domains,
    pooled,
  };
}

/**
 * The domains' rates, each domain weighing the same, so the largest corpus does not decide what
 * "human" means. The mean's variance is the sum of the domains' binomial variances over k²; its n is
 * the effective sample size of that mean (rate (1 − rate) / variance), which the gap's z-test reads,
 * and its interval Wilson's on that n. An estimate is the mean of the domains' estimates, its
 * interval's half-widths the root of their squares' sum over k. Score counts are not pooled.
 */
function pooledRate(rates: readonly BaselineRate[]): BaselineRate {
  const k = rates.length;
  if (rates.some((r) => r.rate === null || r.n === 0)) return { ...NO_FIGURE, scores: {} };
  const n = rates.reduce((sum, r) => sum + r.n, 0);
  const rate = rates.reduce((sum, r) => sum + r.rate!, 0) / k;
  const variance = rates.reduce((sum, r) => sum + (r.rate! * (1 - r.rate!)) / r.n, 0) / (k * k);
  const effective = variance > 0 ? Math.max(1, Math.round((rate * (1 - rate)) / variance)) : n;
  const count = Math.round(rate * effective);
  const estimates = rates.map((r) => r.estimate);
  const estimate = estimates.every((e) => e !== null) ? meanEstimate(estimates as Estimate[]) : null;
  const per1kWords = rates.every((r) => r.per1kWords !== null) ? rates.reduce((sum, r) => sum + r.per1kWords!, 0) / k : null;
  return { count, n: effective, rate, ci: proportion(count, effective).ci, per1kWords, estimate, scores: {} };
}

function meanEstimate(estimates: readonly Estimate[]): Estimate {
  const k = estimates.length;
  const rate = estimates.reduce((sum, e) => sum + e.rate, 0) / k;
  const below = Math.hypot(...estimates.map((e) => e.rate - e.ci[0])) / k;
  const above = Math.hypot(...estimates.map((e) => e.ci[1] - e.rate)) / k;
  return { rate, ci: [Math.max(0, rate - below), Math.min(1, rate + above)] };
}

function pooledEntry(entries: readonly BaselineEntry[], provenance: BaselineEntry['provenance']): BaselineEntry {
  const sum = (f: (e: BaselineEntry) => number) => entries.reduce((total, e) => total + f(e), 0);
  return {
    provenance,
    conversations: sum((e) => e.conversations),
    turns: sum((e) => e.turns),
    words: sum((e) => e.words),
    acts: Object.fromEntries(ACT_IDS.map((a) => [a, pooledRate(entries.map((e) => e.acts[a]))])) as Record<ActId, BaselineRate>,
    any: pooledRate(entries.map((e) => e.any)),
    coordination: {
      assistant: pooledCoordination(entries.map((e) => e.coordination?.assistant ?? null)),
      user: pooledCoordination(entries.map((e) => e.coordination?.user ?? null)),
    },
    beyond: Object.fromEntries(
      SHARES.map((s) => {
        const pooled = pooledRate(entries.map((e) => ({ ...NO_FIGURE, ...e.beyond![s] })));
        return [s, { count: pooled.count, n: pooled.n, rate: pooled.rate }];
      }),
    ) as BeyondReference,
    trajectory: pooledTrajectory(entries.map((e) => e.trajectory ?? null)),
  };
}

/** The seekers' trajectory pooled like coordination: the mean of the domains' (where the seeker is human), half-widths in quadrature over k. */
function pooledTrajectory(references: ReadonlyArray<TrajectoryReference | null>): TrajectoryReference | null {
  const known = references.filter((r): r is TrajectoryReference & { change: { mean: number } } => r !== null && r.change.mean !== null);
  const k = known.length;
  if (k === 0) return null;
  const mean = (values: ReadonlyArray<number | null>) => (values.every((v) => v !== null) ? (values as number[]).reduce((a, b) => a + b, 0) / k : null);
  const change = mean(known.map((r) => r.change.mean))!;
  const half = known.every((r) => r.change.ci) ? Math.hypot(...known.map((r) => (r.change.ci![1] - r.change.ci![0]) / 2)) / k : null;
  return {
    conversations: known.reduce((n, r) => n + r.conversations, 0),
    change: { mean: change, ci: half === null ? null : [change - half, change + half] },
    improved: mean(known.map((r) => r.improved)),
    worsened: mean(known.map((r) => r.worsened)),
  };
}

/**
 * Coordination pooled as the rates are: the mean of the domains' scores (of those where that side
 * is human), each weighing the same; the interval's half-widths the root of their squares' sum over k.
 */
function pooledCoordination(references: ReadonlyArray<CoordinationReference | null>): CoordinationReference | null {
  const scored = references.filter((r): r is CoordinationReference & { score: number } => r !== null && r.score !== null);
  const k = scored.length;
  if (k === 0) return null;
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const score = mean(scored.map((r) => r.score));
  const widths = scored.map((r) => (r.ci ? (r.ci[1] - r.ci[0]) / 2 : null));
  const half = widths.every((w) => w !== null) ? Math.hypot(...(widths as number[])) / k : null;
  const markers = Object.fromEntries(
    Object.keys(scored[0]!.markers).map((m) => {
      const values = scored.map((r) => r.markers[m as keyof CoordinationReference['markers']]);
      return [m, values.every((v) => v !== null) ? mean(values as number[]) : null];
    }),
  ) as CoordinationReference['markers'];
  return {
    score,
    ci: half === null ? null : [score - half, score + half],
    speakers: scored.reduce((n, r) => n + r.speakers, 0),
    pairs: scored.reduce((n, r) => n + r.pairs, 0),
    markers,
  };
}
