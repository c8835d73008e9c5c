/**
 * The versioned summary: per-group act rates with Wilson intervals, estimated rates, rates per
 * 1,000 words and the gap to the human baseline. It carries its raw counts (score counts too) so
 * summaries merge exactly.
 */
import { z } from 'zod';
import { RATES, TAGGERS, type RateBasis } from '../choices.js';
import { ACT_IDS, GROUNDING_ACT_IDS, GATED_ACT_IDS, RoleSchema, type ActId, type Domain, type Role } from '../model.js';
import type { Baseline, BaselineRate } from '../baseline/schema.js';
import { UsageError } from '../errors.js';
import { loadModel, type Target } from '../tag/learned/model.js';
import type { TagOptions } from '../tag/tagger.js';
import { EstimateSchema, ScoreCountsSchema, estimateRate, estimateZ, sortedScoreCounts, type Calibration, type Estimate, type ScoreCounts } from './estimate.js';
import { CoordinationResultSchema, coordinationResult, coordinationTallyOf, emptyCoordination, type CoordinationReference } from './coordination.js';
import { MatchedGroupSchema, matchedComparison, type MatchedTally } from './matched.js';
import { ShareResultSchema, shareResults, type BeyondReference } from './curiosity.js';
import { TrajectoryResultSchema, emptyTrajectory, trajectoryResult, trajectoryTallyOf, type TrajectoryReference } from './trajectory.js';
import { per1k, proportion, relativeGap, twoProportionZ, type Proportion } from './stats.js';
import { GROUP_BY, mergeTally, scoredTurns, type ActCount, type GroupTally, type Tally } from './tally.js';

export const SUMMARY_SCHEMA = 'grounding.summary/v1';

export { RATES, type RateBasis };

/** A group's estimated rate, with the score counts it was computed from (so summaries merge exactly). */
export const GroupEstimateSchema = EstimateSchema.extend({ scores: ScoreCountsSchema });
export type GroupEstimate = z.infer<typeof GroupEstimateSchema>;

export const ActResultSchema = z.object({
  /** Counted turns containing the act. */
  count: z.number().int().nonnegative(),
  /** Counted turns in the group. */
  n: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  findings: z.number().int().nonnegative(),
  per1kWords: z.number().nullable(),
  /** The human baseline for the helper role, or null for other roles and when there is none. */
  baseline: z.object({ rate: z.number().nullable(), n: z.number().int(), estimate: EstimateSchema.nullable().default(null) }).nullable(),
  /** (rate − human) / human, of the tagged or the estimated rates as the summary's `rates` says. */
  gap: z.number().nullable(),
  /** Two-sided p-value against the baseline: a pooled two-proportion z-test (tagged), or estimateZ (estimated). */
  p: z.number().nullable(),
  /** The estimated rate; null when no counted turn was scored by the learned tagger (the rules alone, or no turns). */
  estimate: GroupEstimateSchema.nullable().default(null),
});
export type ActResult = z.infer<typeof ActResultSchema>;

/** Summaries written before reassurance was tagged have no result for it: it reads as unmeasured (n 0). */
const UNMEASURED: ActResult = { count: 0, n: 0, rate: null, ci: null, findings: 0, per1kWords: null, baseline: null, gap: null, p: null, estimate: null };
const ActsSchema = z.object({
  ...(Object.fromEntries(GROUNDING_ACT_IDS.map((a) => [a, ActResultSchema])) as Record<(typeof GROUNDING_ACT_IDS)[number], typeof ActResultSchema>),
  reassurance: ActResultSchema.default(UNMEASURED),
});

export const GroupSummarySchema = z.object({
  key: z.string(),
  role: RoleSchema,
  value: z.string(),
  conversations: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  acts: ActsSchema,
  /** Any grounding act (reassurance is not one). */
  any: ActResultSchema,
  rift: z.object({ followed: z.number().int(), repaired: z.number().int(), rate: z.number().nullable(), ci: z.tuple([z.number(), z.number()]).nullable() }),
  /** The role's coordination toward the other side (measure/coordination.ts); null in summaries written before it was measured. */
  coordination: CoordinationResultSchema.nullable().default(null),
  /** Curiosity against comfort (measure/curiosity.ts), compared with the human helpers on the assistant role; null in summaries written before they were measured. */
  curiosity: ShareResultSchema.nullable().default(null),
  comfort: ShareResultSchema.nullable().default(null),
  curiosity_share: ShareResultSchema.nullable().default(null),
  /** The user's trajectory (measure/trajectory.ts): user groups only, null elsewhere and in summaries written before it. */
  trajectory: TrajectoryResultSchema.nullable().default(null),
});
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

export const FileAccountSchema = z.object({
  path: z.string(),
  format: z.string(),
  /** Records read: lines of JSONL, elements of a JSON array, conversations of a transcript. */
  records: z.number().int().nonnegative(),
  analyzed: z.number().int().nonnegative(),
  /** Skipped records by reason. */
  skipped: z.record(z.string(), z.number().int().nonnegative()),
  /** Messages inside analyzed records that were left out (system, tool, hidden, empty), by reason. */
  turnsSkipped: z.record(z.string(), z.number().int().nonnegative()),
});
export type FileAccount = z.infer<typeof FileAccountSchema>;

export const SummarySchema = z.object({
  schema: z.literal(SUMMARY_SCHEMA),
  tool: z.object({ name: z.literal('grounding'), version: z.string() }),
  /** Who tagged: the learned model (its version, as only one model's summaries merge) or the rules alone. Older summaries were the rules'. */
  tagger: z.object({ kind: z.enum(TAGGERS), model: z.string().nullable() }).default({ kind: 'rules', model: null }),
  groupBy: z.enum(GROUP_BY),
  acts: z.array(z.string()),
  baseline: z.object({ version: z.string(), domain: z.string(), path: z.string() }).nullable(),
  /** The basis of every gap and its p-value. */
  rates: z.enum(RATES).default('tagged'),
  input: z.object({ files: z.array(FileAccountSchema), conversations: z.number().int().nonnegative() }),
  groups: z.array(GroupSummarySchema),
  /** Present when the input was a replay: each model against the human on the same positions. */
  matched: z.array(MatchedGroupSchema).optional(),
});
export type Summary = z.infer<typeof SummarySchema>;

export interface BaselineChoice {
  baseline: Baseline;
  /** `pooled` or a domain name in the baseline file. */
  domain: string;
  path: string;
}

/** The human coordination per direction: the helper's toward the seeker (assistant), the seeker's toward the helper (user). */
export type CoordinationReferences = Partial<Record<Role, CoordinationReference | null>>;

export function baselineRates(choice: BaselineChoice): {
  acts: Record<ActId, BaselineRate>;
  any: BaselineRate;
  coordination: CoordinationReferences;
  beyond: BeyondReference | null;
  trajectory: TrajectoryReference | null;
} {
  const entry = choice.domain === 'pooled' ? choice.baseline.pooled : choice.baseline.domains[choice.domain];
  if (!entry) throw new Error(`Expected a baseline domain of ${['pooled', ...Object.keys(choice.baseline.domains)].join(', ')}, not \`${choice.domain}\`.`);
  return { acts: entry.acts, any: entry.any, coordination: entry.coordination ?? {}, beyond: entry.beyond ?? null, trajectory: entry.trajectory ?? null };
}

/** What estimates need of the learned model (LearnedModel has it): its version, and a calibration per target, role and kind of text. */
export interface Calibrator {
  version: string;
  calibration(target: Target, role: Role, domain: Domain): Calibration;
}

/** Who tagged the turns. The learned model's calibrations turn a group's score counts into its estimated rate. */
export type TaggerChoice = { kind: 'learned'; model: Calibrator } | { kind: 'rules' };

/** The default tagger: the learned one, with the shipped model. */
export function learnedTagger(model: Calibrator = loadModel()): TaggerChoice {
  return { kind: 'learned', model };
}

/** The tagger a run chose: the learned one (with the shipped model), or the rules alone. */
export function taggerChoice(kind: NonNullable<TagOptions['tagger']>): TaggerChoice {
  return kind === 'rules' ? { kind: 'rules' } : learnedTagger();
}

/** How a group is summarized beside its counts: the model that calibrates its scores (none with the rules alone), and the basis of its gaps. */
export interface SummarizeOptions {
  model: Calibrator | null;
  rates: RateBasis;
}

const TAGGED: SummarizeOptions = { model: null, rates: 'tagged' };

/** The estimate of one act's (or any act's) score counts for a role, or null with nothing scored. */
function groupEstimate(scores: ScoreCounts, target: Target, role: Role, model: Calibrator | null): GroupEstimate | null {
  if (!model) return null;
  // Sorted first: the sum runs in one order however the counts were gathered, so merged shards give the same bits.
  const sorted = sortedScoreCounts(scores);
  const estimate = estimateRate(sorted, (domain: Domain) => model.calibration(target, role, domain));
  return estimate && { rate: estimate.rate, ci: estimate.ci, scores: sorted };
}

/**
 * A target's estimate in a group, as `role`'s: from its calibrated score counts or, for a gated act
 * (GATED_ACT_IDS), whose scores are calibrated on one corpus of human supporters and not on the
 * group's text, the tagged rate with its Wilson interval. Either only under the learned tagger, and
 * for a gated act only where it scored the group's turns.
 */
export function actEstimate(count: ActCount, g: GroupTally, target: Target, role: Role, model: Calibrator | null): GroupEstimate | null {
  if (target === 'any' || !GATED_ACT_IDS.has(target)) return groupEstimate(count.scores, target, role, model);
  const p = proportion(count.turns, g.turns);
  return model && scoredTurns(g) > 0 && p.rate !== null && p.ci ? { rate: p.rate, ci: p.ci, scores: {} } : null;
}

/** The gap to the human figure and its p, of the tagged rates or of the estimates. */
function gapOf(tagged: Proportion, estimate: Estimate | null, reference: BaselineRate, rates: RateBasis): { gap: number | null; p: number | null } {
  if (rates === 'estimated') {
    const human = reference.estimate;
    if (!estimate || !human) return { gap: null, p: null };
    return { gap: relativeGap(estimate.rate, human.rate), p: estimateZ(estimate, human)?.p ?? null };
  }
  const test = reference.n > 0 ? twoProportionZ(tagged.count, tagged.n, reference.count, reference.n) : null;
  return { gap: relativeGap(tagged.rate, reference.rate), p: test ? test.p : null };
}

function actResult(count: ActCount, n: number, words: number, reference: BaselineRate | null, estimate: GroupEstimate | null, rates: RateBasis): ActResult {
  const p = proportion(count.turns, n);
  const versus = reference ? gapOf(p, estimate, reference, rates) : { gap: null, p: null };
  return {
    count: count.turns,
    n,
    rate: p.rate,
    ci: p.ci,
    findings: count.findings,
    per1kWords: per1k(count.findings, words),
    baseline: reference ? { rate: reference.rate, n: reference.n, estimate: reference.estimate } : null,
    gap: versus.gap,
    p: versus.p,
    estimate,
  };
}

/** The human rates a group is compared with: the baseline's acts and any-act rate. */
export type ReferenceRates = ReturnType<typeof baselineRates>;

export function summarizeGroup(g: GroupTally, choice: BaselineChoice | null, options: SummarizeOptions = TAGGED): GroupSummary {
  return summarizeWith(g, choice ? baselineRates(choice) : null, options);
}

/** Summarize a group against reference rates (those of a baseline file, or recovered from a summary). */
export function summarizeWith(g: GroupTally, rates: ReferenceRates | null, options: SummarizeOptions = TAGGED): GroupSummary {
  // The human baseline describes the helper role; other roles are reported without one.
  const ref = g.role === 'assistant' ? rates : null;
  const result = (count: ActCount, target: Target, reference: BaselineRate | null) =>
    actResult(count, g.turns, g.words, reference, actEstimate(count, g, target, g.role, options.model), options.rates);
  const acts = Object.fromEntries(ACT_IDS.map((a) => [a, result(g.acts[a], a, ref ? ref.acts[a] : null)])) as Record<ActId, ActResult>;
  const rift = proportion(g.rift.repaired, g.rift.followed);
  return {
    key: g.key,
    role: g.role,
    value: g.value,
    conversations: g.conversations,
    turns: g.turns,
    words: g.words,
    acts,
    any: result(g.any, 'any', ref ? ref.any : null),
    rift: { followed: g.rift.followed, repaired: g.rift.repaired, rate: rift.rate, ci: rift.ci },
    // Both directions have a human figure, so this one is compared for either role.
    coordination: coordinationResult(g.coordination, rates?.coordination[g.role] ?? null),
    ...shareResults({ turns: g.turns, curious: g.curious, comforting: g.acts.reassurance.turns }, ref?.beyond ?? null),
    trajectory: g.role === 'user' ? trajectoryResult(g.trajectory, rates?.trajectory ?? null) : null,
  };
}

const USE_TAGGED = 'Use --rates tagged (or `rates: tagged` in grounding.yaml).';

function lacksEstimates(rates: ReferenceRates): boolean {
  return [...ACT_IDS.map((a) => rates.acts[a]), rates.any].some((r) => r.n > 0 && r.estimate === null);
}

function baselineWithoutEstimates(name: string): UsageError {
  return new UsageError(`${name}: expected a human baseline with estimated rates for --rates estimated, found one without (built before estimates, or with the rules alone). Rebuild it with \`grounding baseline build\`, or: ${USE_TAGGED}`);
}

/** The estimated basis needs the baseline's estimates; checked before any input is read. */
export function requireBaselineEstimates(choice: BaselineChoice): void {
  if (lacksEstimates(baselineRates(choice))) throw baselineWithoutEstimates(choice.path);
}

/**
 * With the estimated basis, a group with counted turns but no estimate would get no gap and pass
 * every threshold unread: refused instead, naming the group.
 */
export function requireEstimates(tagger: Summary['tagger'], groups: readonly GroupSummary[], reference: ReferenceRates | null, baselineName: string): void {
  if (tagger.kind === 'rules') {
    throw new UsageError(`Expected estimated rates for --rates estimated, found a run tagged by the rules alone, which gives no scores to estimate from. ${USE_TAGGED}`);
  }
  const bare = groups.find((g) => g.turns > 0 && g.any.estimate === null);
  if (bare) {
    throw new UsageError(`Expected an estimated rate for every group with --rates estimated, found none for \`${bare.key}\` (its turns carry no scores from the learned tagger). ${USE_TAGGED}`);
  }
  if (reference && lacksEstimates(reference)) throw baselineWithoutEstimates(baselineName);
}

/**
 * The user trajectory that goes with a group: a user group's own; for an assistant group, that of
 * the user group with the same value (the same model, source or conversation), or the one user
 * group under `--by role`.
 */
export function userTrajectoryOf(summary: Pick<Summary, 'groups' | 'groupBy'>, group: GroupSummary): GroupSummary['trajectory'] {
  if (group.role === 'user') return group.trajectory;
  const users = summary.groups.filter((g) => g.role === 'user');
  const match = summary.groupBy === 'role' ? users[0] : users.find((g) => g.value === group.value);
  return match?.trajectory ?? null;
}

const ROLE_ORDER = { assistant: 0, user: 1, system: 2, tool: 3 } as const;

/** Groups in a stable order: role (assistant first), then value. */
export function sortGroups<T extends { role: keyof typeof ROLE_ORDER; value: string }>(groups: T[]): T[] {
  return [...groups].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

export interface SummaryInput {
  version: string;
  groupBy: Summary['groupBy'];
  tally: Tally;
  files: FileAccount[];
  conversations: number;
  baseline: BaselineChoice | null;
  /** The matched comparison of replayed records, if any were read. */
  matched?: MatchedTally;
  /** Who tagged the turns; default the learned tagger with the shipped model (learnedTagger()). */
  tagger?: TaggerChoice;
  /** The basis of the gaps; default `tagged`. `estimated` needs estimates on every group and in the baseline (a UsageError otherwise). */
  rates?: RateBasis;
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reasons in a fixed order, so a summary's bytes do not depend on the order records were read in (shards merged in any order). */
export function sortedAccount(f: FileAccount): FileAccount {
  return { ...f, skipped: sortedCounts(f.skipped), turnsSkipped: sortedCounts(f.turnsSkipped) };
}

/** The summary's record of the tagger. */
export function taggerRecord(tagger: TaggerChoice): Summary['tagger'] {
  return tagger.kind === 'learned' ? { kind: 'learned', model: tagger.model.version } : { kind: 'rules', model: null };
}

export function buildSummary(input: SummaryInput): Summary {
  const tagger = input.tagger ?? learnedTagger();
  const options: SummarizeOptions = { model: tagger.kind === 'learned' ? tagger.model : null, rates: input.rates ?? 'tagged' };
  const groups = sortGroups([...input.tally.values()].map((g) => summarizeGroup(g, input.baseline, options)));
  if (options.rates === 'estimated') requireEstimates(taggerRecord(tagger), groups, input.baseline && baselineRates(input.baseline), input.baseline?.path ?? '');
  return {
    schema: SUMMARY_SCHEMA,
    tool: { name: 'grounding', version: input.version },
    tagger: taggerRecord(tagger),
    groupBy: input.groupBy,
    acts: [...ACT_IDS],
    baseline: input.baseline ? { version: input.baseline.baseline.version, domain: input.baseline.domain, path: input.baseline.path } : null,
    rates: options.rates,
    input: { files: input.files.map(sortedAccount), conversations: input.conversations },
    groups,
    ...(input.matched && input.matched.size > 0 && { matched: matchedComparison(input.matched) }),
  };
}

/** mergeTally copies what it adds, so the summary's own score counts can be handed over. */
function countOf(r: ActResult): ActCount {
  return { turns: r.count, findings: r.findings, scores: r.estimate?.scores ?? {} };
}

/** Recover the counts from a summary, so summaries written by separate runs can be merged. */
export function tallyFromSummary(summary: Summary): Tally {
  const groups: GroupTally[] = summary.groups.map((g) => ({
    key: g.key,
    role: g.role,
    value: g.value,
    conversations: g.conversations,
    turns: g.turns,
    words: g.words,
    acts: Object.fromEntries(ACT_IDS.map((a) => [a, countOf(g.acts[a])])) as Record<ActId, ActCount>,
    any: countOf(g.any),
    rift: { followed: g.rift.followed, repaired: g.rift.repaired },
    coordination: g.coordination ? coordinationTallyOf(g.coordination) : emptyCoordination(),
    curious: g.curiosity?.count ?? 0,
    trajectory: g.trajectory ? trajectoryTallyOf(g.trajectory) : emptyTrajectory(),
  }));
  return mergeTally(new Map(), groups);
}
