/**
 * The gate's configuration, `grounding.yaml`: found by lilconfig from the working folder upwards or
 * named with --config, validated with zod. Config is data (YAML or JSON), never executed, and the
 * paths in it resolve relative to the file.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lilconfig } from 'lilconfig';
import { z } from 'zod';
import { parseYamlData, UsageError } from '../errors.js';
import { RATES } from '../measure/summary.js';
import { GROUNDING_ACT_IDS, RoleSchema, type GroundingActId } from '../model.js';
import { SHARES, type ShareId } from '../measure/curiosity.js';

export const CONFIG_FILES = ['grounding.yaml', 'grounding.yml', 'grounding.json'] as const;

/** `any` is the any-act rate. Reassurance is gated as comfort (a ceiling), below. */
export const GATED = [...GROUNDING_ACT_IDS, 'any'] as const;
export type Gated = GroundingActId | 'any';

const ThresholdSchema = z
  .strictObject({
    /** Absolute floor on the act rate, a share of turns (0.05 = 5%). */
    min_rate: z.number().min(0).max(1).optional(),
    /** Floor on the relative gap to the human baseline: −0.5 allows at most 50% below human. */
    max_gap: z.number().min(-1).max(0).optional(),
    /** Largest relative drop from `compare_to` tolerated before a significant drop fails: 0.2 = 20%. */
    max_regression: z.number().min(0).max(1).optional(),
    /** Floor on the gap to the human replies at the same positions, for replayed input (`grounding replay`). */
    max_matched_gap: z.number().min(-1).max(0).optional(),
    /** Report this threshold, but never fail on it. */
    warn_only: z.boolean().default(false),
  })
  .refine((t) => t.min_rate !== undefined || t.max_gap !== undefined || t.max_regression !== undefined || t.max_matched_gap !== undefined, {
    message: 'a threshold needs at least one of min_rate, max_gap, max_regression, max_matched_gap',
  });
export type Threshold = z.infer<typeof ThresholdSchema>;

/** Thresholds on the gated role's coordination toward the other side (a score, not a rate). */
const CoordinationThresholdSchema = z
  .strictObject({
    /** Absolute floor on the coordination score (ConvoKit's scale: 0 is no more echo than habit). */
    min_score: z.number().min(-1).max(1).optional(),
    /** Largest fall below the human baseline's score for the same direction, in score points: 0.02 allows 0.02 below. */
    max_below_human: z.number().min(0).max(2).optional(),
    warn_only: z.boolean().default(false),
  })
  .refine((t) => t.min_score !== undefined || t.max_below_human !== undefined, {
    message: 'a coordination threshold needs min_score or max_below_human',
  });
export type CoordinationThreshold = z.infer<typeof CoordinationThresholdSchema>;

/** Thresholds on curiosity, comfort and the curiosity share (measure/curiosity.ts): shares of turns. */
const ShareThresholdSchema = z
  .strictObject({
    /** Floor on the share (0.2 = 20%). */
    min_rate: z.number().min(0).max(1).optional(),
    /** Ceiling on the share: for comfort, how much reassurance is tolerated. */
    max_rate: z.number().min(0).max(1).optional(),
    /** Floor on the relative gap to the human helpers' figure: −0.5 allows at most 50% below. */
    max_gap: z.number().min(-1).max(0).optional(),
    warn_only: z.boolean().default(false),
  })
  .refine((t) => t.min_rate !== undefined || t.max_rate !== undefined || t.max_gap !== undefined, {
    message: 'a curiosity or comfort threshold needs min_rate, max_rate or max_gap',
  });
export type ShareThreshold = z.infer<typeof ShareThresholdSchema>;

/** Thresholds on the trajectory of the users of each gated model (measure/trajectory.ts). */
const TrajectoryThresholdSchema = z
  .strictObject({
    /** Floor on the mean change of the users' affect (−1 to 1 scale; 0: they ended as they began). */
    min_change: z.number().min(-2).max(2).optional(),
    /** Ceiling on the share of conversations whose user clearly ended worse off. */
    max_worsened: z.number().min(0).max(1).optional(),
    warn_only: z.boolean().default(false),
  })
  .refine((t) => t.min_change !== undefined || t.max_worsened !== undefined, { message: 'a trajectory threshold needs min_change or max_worsened' });
export type TrajectoryThreshold = z.infer<typeof TrajectoryThresholdSchema>;

/** Every key of `thresholds`: the grounding acts, any act, coordination, curiosity, comfort, curiosity_share and trajectory. */
export const THRESHOLD_KEYS = [...GATED, 'coordination', ...SHARES, 'trajectory'] as const;

const ThresholdsSchema = z.strictObject({
  ...(Object.fromEntries(GATED.map((a) => [a, ThresholdSchema.optional()])) as Record<Gated, z.ZodOptional<typeof ThresholdSchema>>),
  coordination: CoordinationThresholdSchema.optional(),
  ...(Object.fromEntries(SHARES.map((s) => [s, ShareThresholdSchema.optional()])) as Record<ShareId, z.ZodOptional<typeof ShareThresholdSchema>>),
  trajectory: TrajectoryThresholdSchema.optional(),
});

export const GateConfigSchema = z.strictObject({
  /** `default` (the shipped human baseline) or a path to a baseline JSON. */
  baseline: z.string().min(1).default('default'),
  /** Which domain of the baseline: pooled, task, support, persuasion or tutoring. */
  baseline_domain: z.string().min(1).default('pooled'),
  /** Globs over model names: `*` any run of characters, `?` one character. */
  models: z.array(z.string().min(1)).min(1).default(['*']),
  role: RoleSchema.default('assistant'),
  /** Below this many counted turns a model gets "insufficient data" rather than pass or fail. */
  min_turns: z.number().int().min(1).default(30),
  /** Whether insufficient data fails the gate (`fail`) or is only reported (`warn`). */
  insufficient: z.enum(['warn', 'fail']).default('warn'),
  /** A previous summary JSON for `max_regression`. */
  compare_to: z.string().min(1).optional(),
  /** Significance level for `max_regression`. */
  alpha: z.number().gt(0).lt(1).default(0.05),
  /** Which rate min_rate, max_gap and max_regression read: the tagged rate, or the estimated rate (corrected for the tagger's error). */
  rates: z.enum(RATES).default('tagged'),
  thresholds: ThresholdsSchema.refine((t) => Object.values(t).some((v) => v !== undefined), { message: 'no threshold is set, so the gate would check nothing' }),
}).superRefine((config, ctx) => {
  // The human baseline measures the helper's (assistant) turns: another role has nothing to compare with.
  if (config.role === 'assistant') return;
  for (const act of [...GATED, ...SHARES]) {
    if (config.thresholds[act]?.max_gap !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', act, 'max_gap'], message: `the human baseline has rates for the assistant (helper) role only, not for role ${config.role}` });
    }
  }
});
export type GateConfig = z.infer<typeof GateConfigSchema>;

export interface LoadedConfig {
  config: GateConfig;
  /** The file it came from. */
  path: string;
  /** `baseline` resolved against the config's folder, or undefined for the default. */
  baselinePath?: string;
  comparePath?: string;
}

function hint(path: readonly PropertyKey[], code: string): string {
  const key = path.map(String).join('.');
  if (code === 'unrecognized_keys' || code === 'invalid_key') {
    if (path[0] !== 'thresholds') return `Keys are ${Object.keys(GateConfigSchema.shape).join(', ')}; run \`grounding init\` for a commented example.`;
    if (path.length === 1) return `Name an act or coordination: ${THRESHOLD_KEYS.join(', ')}.`;
    if (path[1] === 'coordination') return 'A coordination threshold takes min_score, max_below_human and warn_only.';
    if (path[1] === 'trajectory') return 'A trajectory threshold takes min_change, max_worsened and warn_only.';
    if ((SHARES as readonly PropertyKey[]).includes(path[1]!)) return 'A curiosity or comfort threshold takes min_rate, max_rate, max_gap and warn_only.';
    return 'A threshold takes min_rate, max_gap, max_regression, max_matched_gap and warn_only.';
  }
  if (key.endsWith('max_matched_gap')) return 'max_matched_gap is a relative gap between -1 and 0, against the human replies at the same replayed positions.';
  if (key.endsWith('max_gap') && code === 'custom') return 'Remove max_gap, or gate role: assistant.';
  if (key === 'thresholds') return `Set at least one of ${THRESHOLD_KEYS.join(', ')}; run \`grounding init\` for a commented example.`;
  if (key.endsWith('min_score')) return 'min_score is a coordination score between -1 and 1: 0 is no more echo than habit.';
  if (key.endsWith('max_below_human')) return 'max_below_human is how far below the human coordination score is tolerated, in score points: 0.02 allows 0.02 below.';
  if (key === 'thresholds.coordination') return 'A coordination threshold takes min_score, max_below_human and warn_only.';
  if (key === 'thresholds.trajectory') return 'A trajectory threshold takes min_change, max_worsened and warn_only.';
  if (key.endsWith('min_change')) return 'min_change is a change of the users\u2019 affect between -2 and 2: 0 means they ended as they began.';
  if (key.endsWith('max_worsened') || key.endsWith('max_rate')) return 'It is a share between 0 and 1: 0.2 means 20%.';
  if (key.endsWith('max_gap')) return 'max_gap is a relative gap between -1 and 0: -0.5 allows at most 50% below the human baseline.';
  if (key.endsWith('min_rate')) return 'min_rate is a share of turns between 0 and 1: 0.05 means 5%.';
  if (key.endsWith('max_regression')) return 'max_regression is a relative drop between 0 and 1: 0.2 tolerates a 20% drop.';
  if (key === 'rates') return 'rates is tagged (the share of turns the tagger tagged) or estimated (corrected for the tagger\u2019s measured error).';
  return 'See `grounding init` for a commented example.';
}

/** Check parsed config against the schema; the error names the file, the key and the fix. */
export function parseConfig(raw: unknown, file: string): GateConfig {
  const parsed = GateConfigSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.length ? `key \`${issue.path.map(String).join('.')}\`` : 'the top level';
  throw new UsageError(`${file}: ${at}: ${issue.message}. ${hint(issue.path, issue.code)}`);
}

function loadData(filepath: string, content: string): unknown {
  const fix = 'Fix the file, or run `grounding init` for an example.';
  if (extname(filepath) !== '.json') return parseYamlData(content, filepath, fix);
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new UsageError(`${filepath}: expected JSON, found a syntax error: ${(error as Error).message.split('\n')[0]}. ${fix}`);
  }
}

// Only data formats: lilconfig's default loaders would run .js and .mjs config files.
const LOADERS = { '.yaml': loadData, '.yml': loadData, '.json': loadData };

/** Find and load the config: `explicit` if given, else the nearest grounding.yaml from `from` upwards. */
export async function loadConfig(explicit: string | undefined, from = process.cwd()): Promise<LoadedConfig> {
  let found: { filepath: string; config: unknown } | null;
  if (explicit !== undefined) {
    const path = resolve(from, explicit);
    if (!(extname(path) in LOADERS)) {
      throw new UsageError(`Expected a .yaml, .yml or .json config file, found \`${explicit}\`. Config is data and is never executed.`);
    }
    try {
      readFileSync(path);
    } catch (error) {
      throw new UsageError(`Expected a config file at ${explicit}, found ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'it unreadable'}. Run \`grounding init\` to write one.`);
    }
    found = await lilconfig('grounding', { loaders: LOADERS, searchPlaces: [] }).load(path);
  } else {
    found = await lilconfig('grounding', { loaders: LOADERS, searchPlaces: [...CONFIG_FILES] }).search(from);
    if (!found) throw new UsageError(`Expected a ${CONFIG_FILES.join(' or ')} in ${from} or a folder above it, found none. Run \`grounding init\` to write one, or pass --config FILE.`);
  }
  const path = found!.filepath;
  const config = parseConfig(found!.config, path);
  const folder = dirname(path);
  return {
    config,
    path,
    baselinePath: config.baseline === 'default' ? undefined : resolve(folder, config.baseline),
    comparePath: config.compare_to === undefined ? undefined : resolve(folder, config.compare_to),
  };
}

/** The commented example that `grounding init` writes; shipped in templates/. */
export function exampleConfigPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates', 'grounding.yaml');
}

export function exampleConfig(): string {
  return readFileSync(exampleConfigPath(), 'utf8');
}
