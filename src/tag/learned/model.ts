/**
 * The learned tagger's model, `corpora/models/tagger.json`: per kind of text (spoken transcripts,
 * typed chat) one logistic regression per act over the features of features.ts, and per act, role
 * and kind of text a calibration (Platt, fit on labelled dev data) and a decision threshold.
 * `npm run train` writes it (src/train/); its provenance says from which corpora, splits and
 * commit, and its hash is its version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseData, UsageError } from '../../errors.js';
import { ACT_IDS, DOMAINS, type ActId, type Domain, type Role } from '../../model.js';
import { sigmoid, type Calibration } from '../../measure/estimate.js';
import { featureName, type FeatureConfig, type FeatureSink } from './features.js';

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

// Weight lists and vocabularies run to tens of thousands of entries: checked with one loop each, which is a hundred times faster than a schema per entry.
const finiteNumbers = z.custom<number[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)), { message: 'expected a list of finite numbers' });
const strings = z.custom<string[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), { message: 'expected a list of strings' });

const WeightsSchema = z.object({ bias: z.number(), w: finiteNumbers }).strict();

/** One kind of text's model: how it reads units, the feature names it knows, and a weight per act and name. */
const DomainModelSchema = z
  .object({
    /** The acts it was fit on; any other act of this kind of text is read by the typed model (transcripts have no followup or repair labels). */
    acts: z.array(z.enum(ACT_IDS)),
    features: z.object({ roles: z.boolean(), chars: z.boolean() }).strict(),
    /** Feature names; weights[act].w[i] belongs to vocabulary[i]. */
    vocabulary: strings,
    weights: z.object(Object.fromEntries(ACT_IDS.map((a) => [a, WeightsSchema])) as Record<ActId, typeof WeightsSchema>),
  })
  .strict();

const ModelFileSchema = z
  .object({
    schema: z.literal(MODEL_SCHEMA),
    provenance: z
      .object({
        command: z.string(),
        commit: z.string(),
        learner: z.string(),
        corpora: z.array(z.object({ corpus: z.string(), path: z.string(), split: z.string(), use: z.string(), spans: z.number().int() }).strict()),
        calibration: z.string(),
        licence: z.string(),
      })
      .strict(),
    models: z.object({ spoken: DomainModelSchema, typed: DomainModelSchema }).strict(),
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
  /** How a kind of text's model reads units. */
  config(domain: Domain): FeatureConfig;
  /** Whose model reads an act in a kind of text: its own, or typed chat's where its own was not fit on the act. */
  readerOf(domain: Domain, act: ActId): Domain;
  /** The calibration of a target for one role in one kind of text. */
  calibration(target: Target, role: Role, domain: Domain): StoredCalibration;
  /**
   * Per act, the logit w·x + b of a unit, by the kind of text's model: `features` gives the unit's
   * plain features to the sink (features.ts); each counts once, with its plain weight and, where the
   * model joins features to roles, its role copy's.
   */
  score(domain: Domain, role: Role, features: (sink: FeatureSink) => void): Float64Array;
  /** The same without the bias: the share of some of a unit's features, to add to the share of the rest. */
  partial(domain: Domain, role: Role, features: (sink: FeatureSink) => void): Float64Array;
  /**
   * The features `features` emits with their weight for one act (a plain feature and its role copy
   * apart), weightiest first by size; only the first `n` are named, so a reason costs no more than
   * scoring.
   */
  weighed(domain: Domain, role: Role, features: (sink: FeatureSink) => void, act: ActId, n: number): Array<{ feature: string; weight: number }>;
  /** Per act, a feature's weights in a kind of text's model, plain or joined (null for names it does not know). */
  weightsOf(domain: Domain, feature: string): Float64Array | null;
}

export function modelPath(): string {
  // src/tag/learned/model.ts and dist/tag/learned/model.js both sit three levels below the package root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'corpora', 'models', 'tagger.json');
}

// A feature's key: two 32-bit hashes (64 bits, so no two of a model's names share one in
// practice). A name is its prefix, through its first `:`, then parts separated by spaces
// ("b:i misunderstood" is `b:` with `i` and `misunderstood`): the prefix's characters are hashed,
// then each part's hash mixed in. While tagging, each token of a unit is hashed once and every
// feature built from it is a few integer steps (HashSink); a name read from the model file is
// keyed the same way.
let H1 = 0;
let H2 = 0;

function hashChars(text: string, seed1: number, seed2: number): void {
  let h1 = seed1;
  let h2 = seed2;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  H1 = h1;
  H2 = h2;
}

function mix(t1: number, t2: number): void {
  H1 = Math.imul(H1 ^ t1, 0x9e3779b1);
  H1 ^= H1 >>> 15;
  H2 = Math.imul(H2 ^ t2, 0x85ebca77);
  H2 ^= H2 >>> 13;
}

const PREFIX_SEEDS = [0x811c9dc5 | 0, 0x2f3a1c5b] as const;
const PART_SEEDS = [0x7f4a7c15, 0x1b873593] as const;

/** Keys of prefixes, and of whole names given as a prefix alone (`form:question`), made once. */
const prefixKeys = new Map<string, [number, number]>();
const nameKeys = new Map<string, [number, number]>();

function startPrefix(prefix: string): void {
  let key = prefixKeys.get(prefix);
  if (!key) {
    hashChars(prefix, PREFIX_SEEDS[0], PREFIX_SEEDS[1]);
    prefixKeys.set(prefix, (key = [H1, H2]));
  }
  H1 = key[0];
  H2 = key[1];
}

function mixPart(part: string): void {
  const h1 = H1;
  const h2 = H2;
  hashChars(part, PART_SEEDS[0], PART_SEEDS[1]);
  const t1 = H1;
  const t2 = H2;
  H1 = h1;
  H2 = h2;
  mix(t1, t2);
}

/** Mix in a part that may hold spaces (character n-grams): each piece is a part, as in the name. */
function mixParts(part: string): void {
  if (!part.includes(' ')) return mixPart(part);
  for (const piece of part.split(' ')) mixPart(piece);
}

/** The key of a feature name (without a role's `user|`): into H1, H2. */
function keyOfName(name: string): void {
  let key = nameKeys.get(name);
  if (!key) {
    const colon = name.indexOf(':');
    startPrefix(colon < 0 ? name : name.slice(0, colon + 1));
    const rest = colon < 0 ? '' : name.slice(colon + 1);
    if (rest !== '') for (const part of rest.split(' ')) mixPart(part);
    key = [H1, H2];
    // Only names given whole while tagging are kept: the vocabulary's are needed once, at load.
    if (colon < 0 || rest.length < 24) nameKeys.set(name, key);
  }
  H1 = key[0];
  H2 = key[1];
}

/**
 * One kind of text's weights, by the hash of each plain feature name (open addressing). A row holds
 * the plain feature's weights per act and, where the model joins features to roles, each role's
 * copy (`user|w:why`): one lookup finds all three.
 */
interface Scorer {
  /** Slots of three: the two hashes and the row (−1: empty), side by side so one probe reads one cache line. */
  slots: Int32Array;
  mask: number;
  /**
   * A row's weights side by side, so a hit reads one cache line: the plain feature's per act, then
   * each role's copy's: weights[row * width + offset + a], offset 0 for plain.
   */
  weights: Float32Array;
  width: number;
  /** Per role (prefix), where its copies' weights start in a row. */
  offsets: Map<string, number>;
  bias: Float64Array;
  /** Rows seen in the unit being scored (a feature counts once, as in training). */
  seen: Int32Array;
  stamp: number;
}

function findRow(scorer: Scorer, h1: number, h2: number): number {
  const { slots, mask } = scorer;
  let slot = h1 & mask;
  for (;;) {
    const at = slot * 3;
    const row = slots[at + 2]!;
    if (row < 0 || (slots[at] === h1 && slots[at + 1] === h2)) return row;
    slot = (slot + 1) & mask;
  }
}

function scorerOf(model: z.infer<typeof DomainModelSchema>): Scorer {
  const acts = ACT_IDS.length;
  const { vocabulary } = model;
  // Rows: one per plain name, whether the model has its plain weight, a role copy's, or both.
  const rows = new Map<string, number>();
  const rowOf = new Int32Array(vocabulary.length);
  const prefixOf: Array<string | null> = new Array(vocabulary.length);
  for (let i = 0; i < vocabulary.length; i += 1) {
    const name = vocabulary[i]!;
    const bar = name.indexOf('|');
    const plainName = bar < 0 ? name : name.slice(bar + 1);
    let row = rows.get(plainName);
    if (row === undefined) rows.set(plainName, (row = rows.size));
    rowOf[i] = row;
    prefixOf[i] = bar < 0 ? null : name.slice(0, bar);
  }
  const prefixes = [...new Set(prefixOf.filter((p): p is string => p !== null))].sort();
  const offsets = new Map(prefixes.map((p, k) => [p, (k + 1) * acts]));
  const width = (prefixes.length + 1) * acts;
  let size = 1;
  while (size < rows.size * 1.5) size *= 2;
  const slots = new Int32Array(size * 3);
  for (let k = 2; k < slots.length; k += 3) slots[k] = -1;
  const scorer: Scorer = {
    slots,
    mask: size - 1,
    weights: new Float32Array(rows.size * width),
    width,
    offsets,
    bias: Float64Array.from(ACT_IDS, (a) => model.weights[a].bias),
    seen: new Int32Array(rows.size),
    stamp: 0,
  };
  for (const [name, row] of rows) {
    keyOfName(name);
    let slot = H1 & scorer.mask;
    while (slots[slot * 3 + 2]! >= 0) {
      if (slots[slot * 3] === H1 && slots[slot * 3 + 1] === H2) throw new Error(`tagger model: two feature names share a hash (${name})`);
      slot = (slot + 1) & scorer.mask;
    }
    slots[slot * 3] = H1;
    slots[slot * 3 + 1] = H2;
    slots[slot * 3 + 2] = row;
  }
  const columns = ACT_IDS.map((act) => model.weights[act].w);
  for (let i = 0; i < vocabulary.length; i += 1) {
    const prefix = prefixOf[i]!;
    const at = rowOf[i]! * width + (prefix === null ? 0 : offsets.get(prefix)!);
    for (let a = 0; a < acts; a += 1) scorer.weights[at + a] = columns[a]![i]!;
  }
  return scorer;
}

/**
 * A sink that adds up, per act, the weights of the features it is given: each counts once (a row
 * seen in this unit is skipped), with its plain weight and its role copy's. With `found`, it also
 * keeps the parts of every feature the model knows, to name the weightiest.
 */
class HashSink implements FeatureSink {
  out = new Float64Array(ACTS_COUNT);
  found: Array<{ row: number; prefix: string; parts: string[] }> | null = null;
  private t1 = new Int32Array(64);
  private t2 = new Int32Array(64);
  private tokens: readonly string[] = [];
  private scorer!: Scorer;
  /** Where the role's copies start in a row, or −1 when the model has none for it. */
  private joined = -1;
  private stamp = 0;

  reset(scorer: Scorer, joined: number, bias: Float64Array | null, found: boolean): this {
    this.scorer = scorer;
    this.joined = joined;
    this.out = bias ? Float64Array.from(bias) : new Float64Array(ACTS_COUNT);
    this.found = found ? [] : null;
    this.stamp = scorer.stamp = (scorer.stamp + 1) | 0;
    return this;
  }

  start(tokens: readonly string[]): void {
    this.tokens = tokens;
    if (this.t1.length < tokens.length) {
      this.t1 = new Int32Array(tokens.length * 2);
      this.t2 = new Int32Array(tokens.length * 2);
    }
    for (let k = 0; k < tokens.length; k += 1) {
      hashChars(tokens[k]!, PART_SEEDS[0], PART_SEEDS[1]);
      this.t1[k] = H1;
      this.t2[k] = H2;
    }
  }

  at(prefix: string, i: number, j?: number, k?: number): void {
    startPrefix(prefix);
    mix(this.t1[i]!, this.t2[i]!);
    if (j !== undefined) mix(this.t1[j]!, this.t2[j]!);
    if (k !== undefined) mix(this.t1[k]!, this.t2[k]!);
    this.add(prefix, i, j, k, null);
  }

  put(prefix: string, a?: string, b?: string, c?: string): void {
    if (a === undefined) keyOfName(prefix);
    else {
      startPrefix(prefix);
      mixParts(a);
      if (b !== undefined) mixParts(b);
      if (c !== undefined) mixParts(c);
    }
    this.add(prefix, -1, undefined, undefined, [a, b, c]);
  }

  private add(prefix: string, i: number, j: number | undefined, k: number | undefined, parts: Array<string | undefined> | null): void {
    const scorer = this.scorer;
    const row = findRow(scorer, H1, H2);
    if (row < 0 || scorer.seen[row] === this.stamp) return;
    scorer.seen[row] = this.stamp;
    const at = row * scorer.width;
    const { out, joined } = this;
    const weights = scorer.weights;
    for (let a = 0; a < ACTS_COUNT; a += 1) out[a]! += weights[at + a]!;
    if (joined >= 0) for (let a = 0; a < ACTS_COUNT; a += 1) out[a]! += weights[at + joined + a]!;
    if (this.found) {
      const t = this.tokens;
      const named = parts ?? [t[i], j === undefined ? undefined : t[j], k === undefined ? undefined : t[k]];
      this.found.push({ row, prefix, parts: named.filter((x): x is string => x !== undefined) });
    }
  }
}

const ACTS_COUNT = ACT_IDS.length;

/** A model from its parsed file (a trained one in memory, or one read from disk). */
export function modelFrom(file: ModelFile, version: string): LearnedModel {
  // Each kind of text's scorer is built when first used: a thread that only summarizes (the main thread at --jobs 2) reads the calibrations alone.
  const built: Partial<Record<Domain, Scorer>> = {};
  const scorerFor = (domain: Domain) => (built[domain] ??= scorerOf(file.models[domain]));
  const acts = ACTS_COUNT;
  const sink = new HashSink();
  const joinedOf = (domain: Domain, role: Role) => (file.models[domain].features.roles ? (scorerFor(domain).offsets.get(role) ?? -1) : -1);

  return {
    version,
    file,
    config: (domain) => file.models[domain].features,
    readerOf: (domain, act) => (file.models[domain].acts.includes(act) ? domain : 'typed'),
    calibration: (target, role, domain) => file.calibration[target][segmentOf(role, domain)],
    score(domain, role, features) {
      features(sink.reset(scorerFor(domain), joinedOf(domain, role), scorerFor(domain).bias, false));
      return sink.out;
    },
    partial(domain, role, features) {
      features(sink.reset(scorerFor(domain), joinedOf(domain, role), null, false));
      return sink.out;
    },
    weighed(domain, role, features, act, n) {
      const scorer = scorerFor(domain);
      const a = ACT_IDS.indexOf(act);
      const joined = joinedOf(domain, role);
      features(sink.reset(scorer, joined, null, true));
      const weights: Array<{ feature: string; weight: number }> = [];
      const named: Array<{ at: number; joined: boolean; weight: number }> = [];
      sink.found!.forEach(({ row }, at) => {
        const plain = scorer.weights[row * scorer.width + a]!;
        if (plain !== 0) named.push({ at, joined: false, weight: plain });
        const copy = joined >= 0 ? scorer.weights[row * scorer.width + joined + a]! : 0;
        if (copy !== 0) named.push({ at, joined: true, weight: copy });
      });
      named.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
      for (const { at, joined: isJoined, weight } of named.slice(0, n)) {
        const { prefix, parts } = sink.found![at]!;
        weights.push({ feature: `${isJoined ? `${role}|` : ''}${featureName(prefix, parts[0], parts[1], parts[2])}`, weight });
      }
      return weights;
    },
    weightsOf(domain, feature) {
      const scorer = scorerFor(domain);
      const bar = feature.indexOf('|');
      keyOfName(bar < 0 ? feature : feature.slice(bar + 1));
      const row = findRow(scorer, H1, H2);
      const offset = bar < 0 ? 0 : scorer.offsets.get(feature.slice(0, bar));
      if (row < 0 || offset === undefined) return null;
      const at = row * scorer.width + offset;
      return Float64Array.from(scorer.weights.subarray(at, at + acts));
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

/** The model, read once: the shipped one, or the file `GROUNDING_MODEL` names (a model retrained with `npm run train -- --out FILE`). */
export function loadModel(): LearnedModel {
  if (loaded) return loaded;
  const file = process.env.GROUNDING_MODEL || modelPath();
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
