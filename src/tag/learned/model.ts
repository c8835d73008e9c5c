/**
 * The learned tagger's model, `corpora/models/tagger.json`: one logistic regression per act over
 * the features of features.ts, and per act, role and kind of text a calibration (Platt, fit on
 * labelled dev data) and a decision threshold. `npm run train` writes it (src/train/); its
 * provenance says from which corpora, splits and commit, and its hash is its version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseData, UsageError } from '../../errors.js';
import { ACT_IDS, DOMAINS, type ActId, type Domain, type Role } from '../../model.js';
import { sigmoid, type Calibration } from '../../measure/estimate.js';
import type { FeatureConfig } from './features.js';

export const MODEL_SCHEMA = 'grounding.model/v1';

/** What is calibrated: each act, and any act. */
export const TARGETS = [...ACT_IDS, 'any'] as const;
export type Target = (typeof TARGETS)[number];

/** Where a calibration applies: spoken transcripts (roles mean little there), or typed chat by role. */
export const SEGMENTS = ['spoken', 'typed/assistant', 'typed/user'] as const;
export type Segment = (typeof SEGMENTS)[number];

export function segmentOf(role: Role, domain: Domain): Segment {
  return domain === 'spoken' ? 'spoken' : role === 'user' ? 'typed/user' : 'typed/assistant';
}

const Pair = z.tuple([z.number(), z.number()]);

const CalibrationSchema = z
  .object({
    alpha: z.number(),
    beta: z.number(),
    /** The decision threshold on the calibrated probability, chosen on the calibration data for F1. */
    threshold: z.number().min(0).max(1),
    boot: z.array(Pair),
    /** What it was fit on: turns, turns with the target, and which data (or which segment it was borrowed from). */
    turns: z.number().int().nonnegative(),
    positives: z.number().int().nonnegative(),
    source: z.string(),
  })
  .strict();
export type StoredCalibration = z.infer<typeof CalibrationSchema>;

const ModelFileSchema = z
  .object({
    schema: z.literal(MODEL_SCHEMA),
    provenance: z
      .object({
        command: z.string(),
        commit: z.string(),
        learner: z.string(),
        corpora: z.array(z.object({ corpus: z.string(), path: z.string(), split: z.string(), units: z.number().int(), weight: z.number() }).strict()),
        calibration: z.string(),
        licence: z.string(),
      })
      .strict(),
    features: z.object({ conjoin: z.enum(['none', 'domain', 'domain-role']) }).strict(),
    /** Feature names; weights[act][i] belongs to vocabulary[i]. */
    vocabulary: z.array(z.string()),
    weights: z.object(Object.fromEntries(ACT_IDS.map((a) => [a, z.object({ bias: z.number(), w: z.array(z.number()) }).strict()])) as Record<ActId, z.ZodObject<{ bias: z.ZodNumber; w: z.ZodArray<z.ZodNumber> }>>),
    calibration: z.object(Object.fromEntries(TARGETS.map((t) => [t, z.object(Object.fromEntries(SEGMENTS.map((s) => [s, CalibrationSchema])) as Record<Segment, typeof CalibrationSchema>)])) as Record<Target, z.ZodObject<Record<Segment, typeof CalibrationSchema>>>),
    /** Dev-set figures measured when the model was trained, for the record. */
    metrics: z.record(z.string(), z.unknown()),
  })
  .strict();
export type ModelFile = z.infer<typeof ModelFileSchema>;

export interface LearnedModel {
  /** A hash of the model file: summaries and baselines record it, and only summaries of one model merge. */
  version: string;
  file: ModelFile;
  config: FeatureConfig;
  /** The calibration of a target for one role in one kind of text. */
  calibration(target: Target, role: Role, domain: Domain): StoredCalibration;
  /** Per act, the logit w·x + b of a unit with these features. */
  score(features: readonly string[]): Float64Array;
  /** Per act, each feature's weight (0 for names the model does not know). */
  weightsOf(feature: string): Float64Array | null;
}

export function modelPath(): string {
  // src/tag/learned/model.ts and dist/tag/learned/model.js both sit three levels below the package root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'corpora', 'models', 'tagger.json');
}

/** A model from its parsed file (a trained one in memory, or one read from disk). */
export function modelFrom(file: ModelFile, version: string): LearnedModel {
  const index = new Map<string, number>();
  file.vocabulary.forEach((name, i) => index.set(name, i));
  const acts = ACT_IDS.length;
  const weights = new Float32Array(file.vocabulary.length * acts);
  ACT_IDS.forEach((act, a) => {
    const w = file.weights[act].w;
    for (let i = 0; i < w.length; i += 1) weights[i * acts + a] = w[i]!;
  });
  const bias = Float64Array.from(ACT_IDS.map((a) => file.weights[a].bias));
  return {
    version,
    file,
    config: file.features,
    calibration: (target, role, domain) => file.calibration[target][segmentOf(role, domain)],
    score(features) {
      const out = Float64Array.from(bias);
      for (const f of features) {
        const i = index.get(f);
        if (i === undefined) continue;
        for (let a = 0; a < acts; a += 1) out[a]! += weights[i * acts + a]!;
      }
      return out;
    },
    weightsOf(feature) {
      const i = index.get(feature);
      return i === undefined ? null : Float64Array.from(weights.subarray(i * acts, (i + 1) * acts));
    },
  };
}

export function parseModel(text: string, file: string): LearnedModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: expected the tagger model as JSON, found a syntax error: ${(error as Error).message}. Reinstall grounding, or run \`npm run train\`.`);
  }
  const parsed = parseData(ModelFileSchema, raw, file, 'Reinstall grounding, or run `npm run train` to write it again.');
  const version = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return modelFrom(parsed, version);
}

let loaded: LearnedModel | null = null;

/** The shipped model, read once. */
export function loadModel(): LearnedModel {
  if (loaded) return loaded;
  const file = modelPath();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Expected the tagger model at ${file}, found none. Reinstall grounding, or run \`npm run train\` (it needs ../shared/corpora), or tag with --tagger rules.`);
  }
  loaded = parseModel(text, file);
  return loaded;
}

/** The calibrated probability of a score; null (nothing read) is 0. */
export function probability(c: Pick<Calibration, 'alpha' | 'beta'>, score: number | null): number {
  return score === null ? 0 : sigmoid(c.alpha * score + c.beta);
}

/** The score at which the calibrated probability reaches the threshold: units scoring at least this are tagged. */
export function scoreThreshold(c: StoredCalibration): number {
  if (c.threshold >= 1) return Infinity;
  if (c.threshold <= 0) return -Infinity;
  const logit = Math.log(c.threshold / (1 - c.threshold));
  return c.alpha > 0 ? (logit - c.beta) / c.alpha : Infinity;
}

export { DOMAINS };
