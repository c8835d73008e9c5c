/**
 * The learned tagger's model, `corpora/models/tagger.json`: per kind of text (spoken transcripts,
 * typed chat) one logistic regression per act over the features of features.ts, and per act, role
 * and kind of text a calibration (Platt, fit on labelled dev data) and a decision threshold.
 * `npm run train` writes it (src/train/); its provenance says from which corpora, splits and
 * commit, and its hash is its version.
 *
 * The build also writes the shipped model compiled (`dist/tagger-model.bin`, by
 * scripts/compile-model.mjs): its scorers' arrays ready to use, so that a run starts without
 * parsing and checking 3.4 MB of JSON and hashing every feature name, about 0.3 s of every
 * start-up. It is used only while it was compiled from the same model text by the same code;
 * otherwise the JSON is read as always.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { compiledKey, sha256 } from '../../compiled.js';
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
  /** The model file as parsed: read on first use, since only training and checks need it whole. */
  readonly file: ModelFile;
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

/**
 * One kind of text's scorer before it is laid out: what the compiled form stores (see
 * compileModel). The vocabulary's entries are folded into rows, one per plain name.
 */
interface ScorerParts {
  /** Per row, the two hashes of its plain name (row r at 2r and 2r + 1). */
  keys: Int32Array;
  /** Per vocabulary entry, where its weights go in the scorer's `weights`: row * width + the offset of its role's copy (0: plain). */
  places: Int32Array;
  /** Per vocabulary entry, its weight per act (entry i's at i * acts + a), as the scorer keeps them. */
  weights: Float32Array;
  /** The roles whose copies the model has, sorted: the k-th's weights sit at offset (k + 1) * acts in a row. */
  prefixes: string[];
  bias: number[];
}

function scorerPartsOf(model: z.infer<typeof DomainModelSchema>): { parts: ScorerParts; names: string[] } {
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
  const keys = new Int32Array(rows.size * 2);
  for (const [name, row] of rows) {
    keyOfName(name);
    keys[row * 2] = H1;
    keys[row * 2 + 1] = H2;
  }
  const places = new Int32Array(vocabulary.length);
  const weights = new Float32Array(vocabulary.length * acts);
  const columns = ACT_IDS.map((act) => model.weights[act].w);
  for (let i = 0; i < vocabulary.length; i += 1) {
    const prefix = prefixOf[i]!;
    places[i] = rowOf[i]! * width + (prefix === null ? 0 : offsets.get(prefix)!);
    for (let a = 0; a < acts; a += 1) weights[i * acts + a] = columns[a]![i]!;
  }
  const bias = ACT_IDS.map((a) => model.weights[a].bias);
  return { parts: { keys, places, weights, prefixes, bias }, names: [...rows.keys()] };
}

/** The scorer laid out from its parts: the hash table of rows and each row's weights side by side. `names` (by row) name a clash. */
function scorerFrom(parts: ScorerParts, names?: readonly string[]): Scorer {
  const acts = ACT_IDS.length;
  const { keys, places } = parts;
  const rows = keys.length / 2;
  const offsets = new Map(parts.prefixes.map((p, k) => [p, (k + 1) * acts]));
  const width = (parts.prefixes.length + 1) * acts;
  let size = 1;
  while (size < rows * 1.5) size *= 2;
  // An empty slot's row is −1 (its hashes are never read, so they may be −1 too: one native fill).
  const slots = new Int32Array(size * 3).fill(-1);
  const mask = size - 1;
  for (let row = 0; row < rows; row += 1) {
    const h1 = keys[row * 2]!;
    const h2 = keys[row * 2 + 1]!;
    let slot = h1 & mask;
    while (slots[slot * 3 + 2]! >= 0) {
      if (slots[slot * 3] === h1 && slots[slot * 3 + 1] === h2) throw new Error(`tagger model: two feature names share a hash (${names?.[row] ?? `row ${row}`})`);
      slot = (slot + 1) & mask;
    }
    slots[slot * 3] = h1;
    slots[slot * 3 + 1] = h2;
    slots[slot * 3 + 2] = row;
  }
  const weights = new Float32Array(rows * width);
  const given = parts.weights;
  for (let i = 0; i < places.length; i += 1) {
    const at = places[i]!;
    for (let a = 0; a < acts; a += 1) weights[at + a] = given[i * acts + a]!;
  }
  return { slots, mask, weights, width, offsets, bias: Float64Array.from(parts.bias), seen: new Int32Array(rows), stamp: 0 };
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
    this.add(prefix, i, j, k);
  }

  put(prefix: string, a?: string, b?: string, c?: string): void {
    if (a === undefined) keyOfName(prefix);
    else {
      startPrefix(prefix);
      mixParts(a);
      if (b !== undefined) mixParts(b);
      if (c !== undefined) mixParts(c);
    }
    this.add(prefix, -1, undefined, undefined, a, b, c);
  }

  /** Count the feature keyed in H1, H2: tokens i, j, k of the unit (at), or, with i −1, the parts a, b, c (put; no array is made for them unless `found` keeps them). */
  private add(prefix: string, i: number, j?: number, k?: number, a?: string, b?: string, c?: string): void {
    const scorer = this.scorer;
    const row = findRow(scorer, H1, H2);
    if (row < 0 || scorer.seen[row] === this.stamp) return;
    scorer.seen[row] = this.stamp;
    const at = row * scorer.width;
    const { out, joined } = this;
    const weights = scorer.weights;
    for (let act = 0; act < ACTS_COUNT; act += 1) out[act]! += weights[at + act]!;
    if (joined >= 0) for (let act = 0; act < ACTS_COUNT; act += 1) out[act]! += weights[at + joined + act]!;
    if (this.found) {
      const t = this.tokens;
      const named = i < 0 ? [a, b, c] : [t[i], j === undefined ? undefined : t[j], k === undefined ? undefined : t[k]];
      this.found.push({ row, prefix, parts: named.filter((x): x is string => x !== undefined) });
    }
  }
}

const ACTS_COUNT = ACT_IDS.length;

/** What a model is made from, whether parsed or compiled: per kind of text, how it reads and its scorer's parts (made when first needed). */
interface ModelParts {
  version: string;
  file: () => ModelFile;
  models: Record<Domain, { acts: readonly ActId[]; features: FeatureConfig; scorer: () => { parts: ScorerParts; names?: readonly string[] } }>;
  calibration: ModelFile['calibration'];
}

/** A model from its parsed file (a trained one in memory, or one read from disk). */
export function modelFrom(file: ModelFile, version: string): LearnedModel {
  const domain = (d: Domain) => ({ acts: file.models[d].acts, features: file.models[d].features, scorer: () => scorerPartsOf(file.models[d]) });
  return modelOf({ version, file: () => file, models: { spoken: domain('spoken'), typed: domain('typed') }, calibration: file.calibration });
}

function modelOf(model: ModelParts): LearnedModel {
  // Each kind of text's scorer is built when first used: a thread that only summarizes (the main thread at --jobs 2) reads the calibrations alone.
  const built: Partial<Record<Domain, Scorer>> = {};
  const scorerFor = (domain: Domain) => {
    let scorer = built[domain];
    if (!scorer) {
      const { parts, names } = model.models[domain].scorer();
      built[domain] = scorer = scorerFrom(parts, names);
    }
    return scorer;
  };
  let file: ModelFile | null = null;
  const { models, calibration } = model;
  const acts = ACTS_COUNT;
  const sink = new HashSink();
  const joinedOf = (domain: Domain, role: Role) => (models[domain].features.roles ? (scorerFor(domain).offsets.get(role) ?? -1) : -1);

  return {
    version: model.version,
    get file() {
      return (file ??= model.file());
    },
    config: (domain) => models[domain].features,
    readerOf: (domain, act) => (models[domain].acts.includes(act) ? domain : 'typed'),
    calibration: (target, role, domain) => calibration[target][segmentOf(role, domain)],
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

function parseModelFile(text: string, file: string): ModelFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: expected the tagger model as JSON, found a syntax error: ${(error as Error).message}. Reinstall grounding, or run \`npm run train\`.`);
  }
  return parseData(ModelFileSchema, raw, file, 'Reinstall grounding, or run `npm run train` to write it again.');
}

const versionOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function parseModel(text: string, file: string): LearnedModel {
  return modelFrom(parseModelFile(text, file), versionOf(text));
}

/**
 * The model in `file`: read through `compiled` (by default the build's compiled form of the
 * shipped model) while that was made from the same text by the same code, and parsed otherwise.
 */
export function readModel(file: string, compiled: string | null = compiledModelFile()): { model: LearnedModel; from: 'json' | 'compiled' } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UsageError(`Expected the tagger model at ${file}, found none. Reinstall grounding, or run \`npm run train\` (it needs ../shared/corpora), or tag with --tagger rules.`);
  }
  const parts = compiled === null ? null : readCompiled(compiled, bytes, file);
  if (parts) return { model: modelOf(parts), from: 'compiled' };
  return { model: parseModel(bytes.toString('utf8'), file), from: 'json' };
}

let loaded: LearnedModel | null = null;

/** The model, read once: the shipped one, or the file `GROUNDING_MODEL` names (a model retrained with `npm run train -- --out FILE`). */
export function loadModel(): LearnedModel {
  loaded ??= readModel(process.env.GROUNDING_MODEL || modelPath()).model;
  return loaded;
}

/** Where the build writes the shipped model compiled: dist/tagger-model.bin beside dist/tag/ (none beside src/tag/). */
export function compiledModelFile(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tagger-model.bin');
}

/**
 * What a compiled form was made from: the model's bytes, and this module, which compiles and
 * reads it, with the acts it counts and the machine's byte order, in which its arrays are stored.
 */
function modelKey(bytes: Uint8Array): string {
  return compiledKey(sha256(bytes), import.meta.url, ['model'], `${ACT_IDS.join(',')}\0${endianness()}`);
}

/**
 * The compiled form's layout:
 *   4 bytes        H, the header's length in bytes (unsigned, little-endian)
 *   H bytes        the header, JSON (CompiledHeader)
 *   zero bytes     to a multiple of 4; the arrays follow, each at a multiple of 4 bytes from here
 *   per kind of text, its scorer's parts (ScorerParts) in the machine's byte order:
 *     keys         Int32Array, 2 per row
 *     places       Int32Array, 1 per vocabulary entry
 *     weights      Float32Array, 1 per vocabulary entry and act
 * About 2.7 MB for the shipped model: the scorers' laid-out tables would be 6 MB, and laying them
 * out from their parts takes a few milliseconds.
 */
interface CompiledHeader {
  key: string;
  version: string;
  calibration: ModelFile['calibration'];
  models: Record<Domain, { acts: ActId[]; features: FeatureConfig; prefixes: string[]; bias: number[]; rows: number; entries: number; at: number }>;
  /** The arrays' length in bytes, all told: a shorter file was cut off. */
  bytes: number;
}

const ARRAYS_PER_DOMAIN = ['keys', 'places', 'weights'] as const;

/** The compiled form of a model file's content (scripts/compile-model.mjs writes the shipped model's at build). */
export function compileModel(bytes: Buffer, file: string): Buffer {
  const text = bytes.toString('utf8');
  const parsed = parseModelFile(text, file);
  const arrays: Uint8Array[] = [];
  let at = 0;
  const models = {} as CompiledHeader['models'];
  for (const domain of DOMAINS) {
    const { parts, names } = scorerPartsOf(parsed.models[domain]);
    // Lay it out once here: two names sharing a hash fail the build, not a run.
    scorerFrom(parts, names);
    const { acts, features } = parsed.models[domain];
    models[domain] = { acts, features, prefixes: parts.prefixes, bias: parts.bias, rows: parts.keys.length / 2, entries: parts.places.length, at };
    for (const name of ARRAYS_PER_DOMAIN) {
      const array = parts[name];
      arrays.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      at += array.byteLength;
    }
  }
  const header: CompiledHeader = { key: modelKey(bytes), version: versionOf(text), calibration: parsed.calibration, models, bytes: at };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const start = 4 + head.length + ((4 - ((4 + head.length) % 4)) % 4);
  const out = Buffer.alloc(start + at);
  out.writeUInt32LE(head.length, 0);
  head.copy(out, 4);
  let offset = start;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.byteLength;
  }
  return out;
}

/** The parts of the model whose bytes are `bytes`, if `compiled` holds them for exactly these bytes and this code; null otherwise. */
function readCompiled(compiled: string, bytes: Buffer, file: string): ModelParts | null {
  let data: Buffer;
  let header: CompiledHeader;
  let start: number;
  try {
    data = readFileSync(compiled);
    const length = data.readUInt32LE(0);
    header = JSON.parse(data.toString('utf8', 4, 4 + length)) as CompiledHeader;
    start = 4 + length + ((4 - ((4 + length) % 4)) % 4);
  } catch {
    // Absent (a source checkout before a build) or unreadable: the JSON answers.
    return null;
  }
  if (header.key !== modelKey(bytes) || data.length !== start + header.bytes) return null;
  const acts = ACT_IDS.length;
  const domain = (d: Domain) => {
    const { acts: fitted, features, prefixes, bias, rows, entries, at } = header.models[d];
    const scorer = () => {
      const keys = arrayAt(Int32Array, data, start + at, rows * 2);
      const places = arrayAt(Int32Array, data, start + at + keys.byteLength, entries);
      const weights = arrayAt(Float32Array, data, start + at + keys.byteLength + places.byteLength, entries * acts);
      return { parts: { keys, places, weights, prefixes, bias } };
    };
    return { acts: fitted, features, scorer };
  };
  return {
    version: header.version,
    file: () => parseModelFile(bytes.toString('utf8'), file),
    models: { spoken: domain('spoken'), typed: domain('typed') },
    calibration: header.calibration,
  };
}

/** `length` elements of a typed array at byte `at` of `data`: a view where aligned, else a copy. */
function arrayAt<T extends Int32Array | Float32Array>(Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (buffer: ArrayBufferLike): T }, data: Buffer, at: number, length: number): T {
  const offset = data.byteOffset + at;
  const size = length * 4;
  return offset % 4 === 0 ? new Type(data.buffer, offset, length) : new Type(data.buffer.slice(offset, offset + size));
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
