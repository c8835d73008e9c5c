/**
 * The versioned summary: per-group act rates with Wilson intervals, rates per 1,000 words and the
 * gap to the human baseline. It carries its raw counts so summaries merge exactly.
 */
import { z } from 'zod';
import { ACT_IDS, RoleSchema, type ActId } from '../model.js';
import type { Baseline, BaselineRate } from '../baseline/schema.js';
import { MatchedGroupSchema, matchedComparison, type MatchedTally } from './matched.js';
import { per1k, proportion, relativeGap, twoProportionZ } from './stats.js';
import { GROUP_BY, mergeTally, type ActCount, type GroupTally, type Tally } from './tally.js';

export const SUMMARY_SCHEMA = 'grounding.summary/v1';

const CountSchema = z.object({ turns: z.number().int().nonnegative(), findings: z.number().int().nonnegative() });

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
  baseline: z.object({ rate: z.number().nullable(), n: z.number().int() }).nullable(),
  /** (rate − human) / human. */
  gap: z.number().nullable(),
  /** Two-sided p-value of a pooled two-proportion z-test against the baseline. */
  p: z.number().nullable(),
});
export type ActResult = z.infer<typeof ActResultSchema>;

export const GroupSummarySchema = z.object({
  key: z.string(),
  role: RoleSchema,
  value: z.string(),
  conversations: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  acts: z.object(Object.fromEntries(ACT_IDS.map((a) => [a, ActResultSchema])) as Record<ActId, typeof ActResultSchema>),
  any: ActResultSchema,
  rift: z.object({ followed: z.number().int(), repaired: z.number().int(), rate: z.number().nullable(), ci: z.tuple([z.number(), z.number()]).nullable() }),
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
  groupBy: z.enum(GROUP_BY),
  acts: z.array(z.string()),
  baseline: z.object({ version: z.string(), domain: z.string(), path: z.string() }).nullable(),
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

export function baselineRates(choice: BaselineChoice): { acts: Record<ActId, BaselineRate>; any: BaselineRate } {
  const entry = choice.domain === 'pooled' ? choice.baseline.pooled : choice.baseline.domains[choice.domain];
  if (!entry) throw new Error(`Expected a baseline domain of ${['pooled', ...Object.keys(choice.baseline.domains)].join(', ')}, not \`${choice.domain}\`.`);
  return { acts: entry.acts, any: entry.any };
}

function actResult(count: ActCount, n: number, words: number, reference: BaselineRate | null): ActResult {
  const p = proportion(count.turns, n);
  const test = reference && reference.n > 0 ? twoProportionZ(count.turns, n, reference.count, reference.n) : null;
  return {
    count: count.turns,
    n,
    rate: p.rate,
    ci: p.ci,
    findings: count.findings,
    per1kWords: per1k(count.findings, words),
    baseline: reference ? { rate: reference.rate, n: reference.n } : null,
    gap: reference ? relativeGap(p.rate, reference.rate) : null,
    p: test ? test.p : null,
  };
}

/** The human rates a group is compared with: the baseline's acts and any-act rate. */
export type ReferenceRates = ReturnType<typeof baselineRates>;

export function summarizeGroup(g: GroupTally, choice: BaselineChoice | null): GroupSummary {
  return summarizeWith(g, choice ? baselineRates(choice) : null);
}

/** Summarize a group against reference rates (those of a baseline file, or recovered from a summary). */
export function summarizeWith(g: GroupTally, rates: ReferenceRates | null): GroupSummary {
  // The human baseline describes the helper role; other roles are reported without one.
  const ref = g.role === 'assistant' ? rates : null;
  const acts = Object.fromEntries(
    ACT_IDS.map((a) => [a, actResult(g.acts[a], g.turns, g.words, ref ? ref.acts[a] : null)]),
  ) as Record<ActId, ActResult>;
  const rift = proportion(g.rift.repaired, g.rift.followed);
  return {
    key: g.key,
    role: g.role,
    value: g.value,
    conversations: g.conversations,
    turns: g.turns,
    words: g.words,
    acts,
    any: actResult(g.any, g.turns, g.words, ref ? ref.any : null),
    rift: { followed: g.rift.followed, repaired: g.rift.repaired, rate: rift.rate, ci: rift.ci },
  };
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
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reasons in a fixed order, so a summary's bytes do not depend on the order records were read in (shards merged in any order). */
export function sortedAccount(f: FileAccount): FileAccount {
  return { ...f, skipped: sortedCounts(f.skipped), turnsSkipped: sortedCounts(f.turnsSkipped) };
}

export function buildSummary(input: SummaryInput): Summary {
  return {
    schema: SUMMARY_SCHEMA,
    tool: { name: 'grounding', version: input.version },
    groupBy: input.groupBy,
    acts: [...ACT_IDS],
    baseline: input.baseline ? { version: input.baseline.baseline.version, domain: input.baseline.domain, path: input.baseline.path } : null,
    input: { files: input.files.map(sortedAccount), conversations: input.conversations },
    groups: sortGroups([...input.tally.values()].map((g) => summarizeGroup(g, input.baseline))),
    ...(input.matched && input.matched.size > 0 && { matched: matchedComparison(input.matched) }),
  };
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
    acts: Object.fromEntries(ACT_IDS.map((a) => [a, { turns: g.acts[a].count, findings: g.acts[a].findings }])) as Record<ActId, ActCount>,
    any: { turns: g.any.count, findings: g.any.findings },
    rift: { followed: g.rift.followed, repaired: g.rift.repaired },
  }));
  return mergeTally(new Map(), groups);
}
