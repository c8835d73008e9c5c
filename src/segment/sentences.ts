/** Sentence units with character offsets: markdown blocks, split into sentences by wink-nlp. */
import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import type { Document, Model, WinkMethods } from 'wink-nlp';
import { toBlocks, type Block, type BlockKind } from './markdown.js';
import { normalize, countWords } from './normalize.js';

export interface Sentence {
  /** Index of the sentence within the turn. */
  index: number;
  /** Offsets into the turn text, end exclusive. */
  start: number;
  end: number;
  /** The sentence as it stands in the turn. */
  text: string;
  /** Lower-cased tokens of the masked sentence, space-separated, with a space at each end: what rules match. */
  norm: string;
  block: BlockKind;
  /** Index of the block (line, list item, heading) the sentence is in. */
  blockIndex: number;
}

export interface Segmented {
  /** The markdown blocks the sentences were split from. */
  blocks: Block[];
  sentences: Sentence[];
  /** Words outside masked spans. */
  words: number;
}

/** A feature of wink-nlp's core model that grows as text is read: the values it has met, and their ids. */
interface Feature {
  hash: Record<string, number>;
  list: string[];
  index?: number;
  /** How many values were decoded (the lexeme feature's). */
  intrinsicSize?: number;
}

/** The part of wink-nlp's core model that holds the words (lexemes), shapes, prefixes and suffixes it has met. */
interface CoreModel {
  features: Record<string, Partial<Feature> | undefined> & { lexeme: Feature };
}

/**
 * wink-nlp and its English model, loaded on the first split: a thread that only reads input (the
 * main thread when workers tag) or only reports never pays for them.
 */
let wink: { winkNLP: typeof winkNLPType; model: Model; metaCER: () => unknown; require: NodeJS.Require; version: string } | null = null;

function loadWink(): NonNullable<typeof wink> {
  if (wink) return wink;
  const require = createRequire(import.meta.url);
  const version = packageVersion(require, 'wink-eng-lite-web-model');
  const model = version === DECODED_VERSION ? modelParts(require) : (require('wink-eng-lite-web-model') as Model);
  // The model's CER loader re-serializes its data on every call, so it is loaded once for all instances.
  let loaded: unknown;
  const metaCER = () => (loaded ??= ((model as unknown as { metaCER: () => unknown }).metaCER)());
  wink = { winkNLP: require('wink-nlp') as typeof winkNLPType, model, metaCER, require, version };
  return wink;
}

/** An installed package's version, from its package.json. */
function packageVersion(require: NodeJS.Require, name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The installed versions of wink-nlp and its English model, read without loading them: `wink-nlp 2.4.0, wink-eng-lite-web-model 1.8.1`. */
export function winkVersions(): string {
  const require = createRequire(import.meta.url);
  return `wink-nlp ${packageVersion(require, 'wink-nlp')}, wink-eng-lite-web-model ${packageVersion(require, 'wink-eng-lite-web-model')}`;
}

/**
 * The English model as its package's index assembles it (dist/model.js of DECODED_VERSION), less
 * what no pipe here reads: the part-of-speech and entity models stand empty, and the addons
 * (lemmatizer, stemmer, readability) load when first called. Requiring the index loads them all,
 * about 25 ms of every start-up. The pipes here are sentence boundaries, negation and sentiment.
 */
function modelParts(require: NodeJS.Require): Model {
  const part = (file: string): unknown => require(`wink-eng-lite-web-model/dist/${file}`);
  const empty = () => ({ machines: [], transformers: [], setter: () => undefined, updater: () => undefined });
  const later =
    (file: string) =>
    (...args: unknown[]) =>
      (part(file) as (...a: unknown[]) => unknown)(...args);
  const addons = Object.assign(Object.create(null) as object, { stem: later('porter-stemmer.js'), lemmatize: later('lemmatize.js'), readabilityStats: later('readability-stats.js'), wordVectors: undefined });
  return {
    core: part('load-core-model.js'),
    sbd: part('load-sbd-model.js'),
    pos: empty,
    ner: empty,
    negation: part('load-negation-model.js'),
    sa: part('load-sa-model.js'),
    metaCER: part('load-cer-meta-model.js'),
    featureFn: part('feature.js'),
    addons,
  } as unknown as Model;
}

/** The model's core as its package stores it: features' lists, and the lexicon in base64. */
interface StoredCore {
  packing: { layout: Record<string, number[]> };
  features: Record<string, Partial<Feature> & { list: string[] }>;
  pos: { hash: Record<string, number> };
  lexicon: string;
  xpansions: string;
}

/**
 * The version of wink-eng-lite-web-model whose core decodeCore decodes as its own loader does
 * (dist/read-core-model.js, load-core-model.js), less that loader's first step, a copy of the whole
 * stored model through JSON (about 70 ms): only the parts reading changes (the features' lists and
 * lookups) are copied. A test checks the two agree; another version is decoded by its own loader.
 */
const DECODED_VERSION = '1.8.1';

/** The English model's core, freshly decoded (about 80 ms on this machine). */
export function decodeCore(): CoreModel {
  const { model, require, version } = loadWink();
  if (version !== DECODED_VERSION) return (model as unknown as { core: () => CoreModel }).core();
  const stored = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json') as StoredCore;
  const { layout } = stored.packing;
  const features: StoredCore['features'] = {};
  for (const [name, feature] of Object.entries(stored.features)) features[name] = { ...feature };
  // Uint32 words in the machine's byte order, as the loader reads them.
  const words = (base64: string) => new Uint32Array(Uint8Array.from(Buffer.from(base64, 'base64')).buffer);
  const core = { ...stored, packing: { ...stored.packing, efList: [] as string[] }, features, lexicon: words(stored.lexicon), xpansions: words(stored.xpansions) };
  const lookup = (feature: Partial<Feature> & { list: string[] }) => {
    feature.list = feature.list.slice();
    const hash: Record<string, number> = Object.create(null) as Record<string, number>;
    for (let k = 0; k < feature.list.length; k += 1) hash[feature.list[k]!] = k;
    feature.hash = hash;
  };
  for (const name in layout) if (layout[name]![3] === 0) lookup(features[name]!);
  lookup(features.lexeme!);
  const clusters = features.posClusters!;
  clusters.list = clusters.list.map((c) => new Set(c.split('_').map((pos) => stored.pos.hash[pos] || 0))) as unknown as string[];
  // A layout is [word, mask, shift, whether the value is packed as is (else by its index in the list), whether new words get it].
  for (const name in layout) {
    const [, mask, shift, asIs, extractable] = layout[name]!;
    if (asIs === 0) {
      const feature = features[name]!;
      feature.intrinsicSize = feature.index = feature.list.length;
      (feature as { maxIndex?: number }).maxIndex = mask! >>> shift!;
    }
    if (extractable === 1) core.packing.efList.push(name);
  }
  features.lexeme!.intrinsicSize = features.lexeme!.index = features.lexeme!.list.length;
  return core as unknown as CoreModel;
}

/**
 * A decoded core model that can be put back as it was decoded. Reading text only appends to the
 * lists and hashes of its growing features, so cutting them back to their decoded lengths undoes
 * it: a few milliseconds, where decoding again takes over a hundred.
 */
export class PristineCore {
  readonly core: CoreModel;
  private readonly sizes: Array<[Feature, number]>;

  constructor(core: CoreModel = decodeCore()) {
    this.core = core;
    this.sizes = Object.values(core.features)
      .filter((f): f is Feature => f?.hash !== undefined && Array.isArray(f.list))
      .map((f) => [f, f.list.length]);
  }

  /** Forget every value met since decoding. */
  reset(): CoreModel {
    for (const [feature, size] of this.sizes) {
      const { hash, list } = feature;
      for (let i = size; i < list.length; i += 1) delete hash[list[i]!];
      list.length = size;
      if (feature.index !== undefined) feature.index = size;
    }
    return this.core;
  }
}

// Word ids grow with every new word; long before they reach the model's marker ids (1,080,000 and
// up), the instance is replaced by a fresh one.
const RENEW_AFTER_WORDS = 100_000;

/** The decoded core every FreshWink of this thread reads through: decoding one takes over a hundred milliseconds. */
let sharedCore: PristineCore | null = null;

/**
 * wink-nlp made a pure function of its input. wink-nlp caches every new word it meets, and a word
 * it has met before is tokenized by the cache, not afresh; so the same line could split
 * differently after some histories ("When I do 20/100 I then…"). That would make tags depend on
 * what was read before, and on how the work was shared among threads. Here, the words a document
 * added are forgotten after it, so every text is read as by a fresh instance.
 *
 * The instances of a thread (the splitter's, affect's) share one decoded core. Each wink-nlp
 * instance keeps the features of the words it added in a list of its own, found by a word's id
 * less the decoded count, so the ids it gives must follow on from its own words alone: each
 * instance keeps its own list of words (the decoded ones, then its own) and puts it in the core
 * while it reads. The lookup of words (`hash`) is shared; it holds only the decoded words between
 * reads, since each read forgets its own.
 */
export class FreshWink {
  private nlp!: WinkMethods;
  private readonly pristine = (sharedCore ??= new PristineCore());
  /** This instance's words: the decoded ones, then those it has added (forgotten from the lookup, their ids still taken). */
  private readonly words: string[];
  private known = 0;
  private base = 0;

  /**
   * `pipe`: wink-nlp's annotations, e.g. `['sbd']` for sentences alone. `allFeatures`: extract
   * every feature of a new word, as wink-nlp does, not only those the pipes read (onlyFeaturesRead);
   * the answers are the same, and tests compare the two.
   */
  constructor(
    private readonly pipe: readonly string[],
    private readonly options: { allFeatures?: boolean } = {},
  ) {
    const lexeme = this.pristine.core.features.lexeme;
    this.words = lexeme.list.slice(0, lexeme.intrinsicSize);
    this.renew();
  }

  /** Put this instance's words in the core, where wink-nlp reads and adds them. */
  private own(): void {
    const lexeme = this.pristine.core.features.lexeme;
    lexeme.list = this.words;
    lexeme.index = this.words.length;
  }

  /** A fresh instance over the core as decoded: the same as decoding it again, and much faster. */
  private renew(): void {
    const { winkNLP, model, metaCER, version } = loadWink();
    this.own();
    const core = this.pristine.reset();
    const cheap = !this.options.allFeatures && version === DECODED_VERSION && this.pipe.every((p) => PIPES_READING_NO_EXTRACTED.has(p));
    const featureFn = cheap ? onlyFeaturesRead(model, core) : model.featureFn;
    const fresh = { ...model, featureFn, metaCER, core: () => core } as unknown as Model;
    this.nlp = winkNLP(fresh, [...this.pipe] as Parameters<typeof winkNLP>[1]);
    this.known = this.base = this.words.length;
  }

  /** Forget the words the last document added; their ids stay taken, so ids never repeat. */
  private forget(): void {
    const { hash } = this.pristine.core.features.lexeme;
    const list = this.words;
    for (let i = this.known; i < list.length; i += 1) delete hash[list[i]!];
    this.known = list.length;
    if (this.known - this.base > RENEW_AFTER_WORDS) this.renew();
  }

  /** Read one text and hand its document to `use`; the words it added are forgotten after. */
  read<T>(text: string, use: (doc: Document, its: WinkMethods['its']) => T): T {
    this.own();
    try {
      return use(this.nlp.readDoc(text), this.nlp.its);
    } finally {
      this.forget();
    }
  }
}

/**
 * The pipes used here whose automata and setters read, of the features wink-nlp extracts for every
 * new word (an `efList` feature of the core's layout), only `isAbbrev` (the sentence splitter's
 * transformer, dist/sbd-transformers.js): sentence boundaries, negation and sentiment match on
 * words' normals. Part-of-speech tagging reads `pos`; `its.shape`, `its.prefix` and the like read
 * the rest. Checked for DECODED_VERSION only, with wink-nlp 2.4.0.
 */
const PIPES_READING_NO_EXTRACTED = new Set(['sbd', 'negation', 'sentiment']);

/** A model's `featureFn`: given the core's packing config, an extractor per feature. */
type FeatureExtractors = (config: unknown) => Record<string, unknown>;

/**
 * The model's feature extractors, less the work for features no pipe here reads: a new word's
 * prefix, suffix and shape become a value already known (so their lists do not grow), its case
 * and default part of speech 0. Extracting them took over a third of splitting a block: the
 * shape is six regex replacements and the part of speech a lookup and more (measured on 8,600
 * blocks of WildChat, 1.3 → 0.8 s, splits identical). `isAbbrev` and the rest are the model's own.
 * test/segment/sentences.test.ts checks splits, negation and sentiment against the full extractors.
 */
function onlyFeaturesRead(model: Model, core: CoreModel): FeatureExtractors {
  const known = (name: string) => core.features[name]!.list![0]!;
  const constants: Record<string, unknown> = { prefix: known('prefix'), suffix: known('suffix'), shape: known('shape'), lutCase: 0, pos: 0 };
  const extractors = (model as unknown as { featureFn: FeatureExtractors }).featureFn;
  return (config) => {
    const cheap = Object.assign(Object.create(null) as Record<string, unknown>, extractors(config));
    for (const [name, value] of Object.entries(constants)) cheap[name] = () => value;
    return cheap;
  };
}

/** wink-nlp's sentence splitter: sentence boundary detection only (part-of-speech tagging is left to compromise, on candidates). */
class SentenceSplitter {
  private readonly wink = new FreshWink(['sbd']);

  /** Split one masked block into [start, end) ranges relative to the block, trimmed of spaces. */
  split(masked: string): Array<[number, number]> {
    return this.wink.read(masked, (doc, its) => {
      // Token offsets come from the preceding spaces and values, which reproduce the input exactly.
      // Read as whole columns: an item per token would make an object and seven closures each.
      const tokens = doc.tokens();
      const spaces = tokens.out(its.precedingSpaces) as string[];
      const values = tokens.out(its.value) as string[];
      const tokenStarts = new Array<number>(values.length);
      const tokenEnds = new Array<number>(values.length);
      let pos = 0;
      for (let k = 0; k < values.length; k += 1) {
        pos += spaces[k]!.length;
        tokenStarts[k] = pos;
        pos += values[k]!.length;
        tokenEnds[k] = pos;
      }
      const ranges: Array<[number, number]> = [];
      for (const [first, last] of doc.sentences().out(its.span) as unknown as Array<[number, number]>) {
        let start = tokenStarts[first];
        const end = tokenEnds[last];
        // wink-nlp makes a tab a token of its own; a sentence starts at its first visible character.
        while (start !== undefined && end !== undefined && start < end && /\s/.test(masked[start]!)) start += 1;
        if (start !== undefined && end !== undefined && end > start) ranges.push([start, end]);
      }
      return ranges;
    });
  }
}

/** wink-nlp's sentiment automaton as the model stores it: [format, last state, transitions per state, terminal states' scores, …]. */
type StoredMachine = [number, number, Record<string, Record<string, number>>, Record<string, string | number>, ...unknown[]];

/** The internals of wink-nlp's cache read here (wink-nlp/src/cache.js): a lexeme's normal, and a word's lexeme or a contraction's expansions. */
interface WinkCache {
  normal(index: number): number;
  lookup(text: string): number[] | null;
}

/** wink-nlp's `otherwise` event (wink-nlp/src/automaton.js): a state's default transition. */
const OTHERWISE = '2070003';

/** The wink-nlp whose internals sentimentForms reads, and whose tokenizer tag/affect-words.ts's rule of whole runs was read from. */
const FORMS_WINK_NLP = '2.4.0';

/**
 * The text wink-nlp's sentiment could score, as lower-cased forms: where none stands in a text,
 * every sentence of it scores 0.
 *
 * A sentence scores other than 0 only where a pattern of the model's sentiment automaton with a
 * score other than 0 matches ("happy", "as luck would have it"), and a match holds every word of
 * its pattern. So one word per pattern will do: a one-word pattern's, where a longer pattern
 * holds one ("feel good" holds "good"), else the word `choose` picks (an index into the pattern's
 * words, as normals). The forms of a chosen word are all wink-nlp reads as it:
 *   - the word itself, as a new word reads when lower-cased ("HAPPY" is read as "happy");
 *   - every lexeme whose normal it is (a spelling mapped: "fave" for "favorite");
 *   - every contraction with it among its expansions ("can't" for "can" and "not").
 *
 * This reads wink-nlp's internals (its cache's normal and lookup, the automaton's layout), so it
 * answers only for the versions it was written against (FORMS_WINK_NLP, and the model version
 * decodeCore knows, DECODED_VERSION), and null otherwise.
 */
export function sentimentForms(choose: (words: readonly string[]) => number): string[] | null {
  const { model, require, version } = loadWink();
  if (version !== DECODED_VERSION || packageVersion(require, 'wink-nlp') !== FORMS_WINK_NLP) return null;
  const core = (sharedCore ??= new PristineCore()).core as CoreModel & { xpansions: Uint32Array; features: { lexeme: Feature } };
  const list = core.features.lexeme.list;
  const intrinsic = core.features.lexeme.intrinsicSize!;
  const [stored] = (model as unknown as { sa: () => { machines: string[] } }).sa().machines;
  const [, , fsm, terminal] = JSON.parse(stored!) as StoredMachine;
  const scores = (state: number | undefined) => state !== undefined && state !== 0 && terminal[state] !== undefined && Number(terminal[state]) !== 0;

  // Every path from the root to a scoring state, directly or by its `otherwise`, is a pattern.
  const patterns: number[][] = [];
  const path: number[] = [];
  const walk = (state: number) => {
    const next = fsm[state] ?? {};
    if (path.length > 0 && (scores(state) || scores(next[OTHERWISE]))) patterns.push(path.slice());
    for (const key in next) {
      if (key === OTHERWISE || next[key] === 0) continue;
      path.push(Number(key));
      walk(next[key]!);
      path.pop();
    }
  };
  walk(0);
  // A one-word pattern's word must be looked for; a longer pattern holding one of those needs no word of its own.
  const chosen = new Set(patterns.filter((p) => p.length === 1).map((p) => p[0]!));
  for (const p of patterns) if (!p.some((id) => chosen.has(id))) chosen.add(p[choose(p.map((id) => list[id]!))]!);

  const cache = (require('wink-nlp/src/cache.js') as (model: unknown, featureFn: unknown) => WinkCache)(core, require('wink-eng-lite-web-model/dist/feature.js'));
  const forms = new Set<string>();
  for (const id of chosen) forms.add(list[id]!.toLowerCase());
  for (let id = 0; id < intrinsic; id += 1) {
    if (chosen.has(cache.normal(id))) forms.add(list[id]!.toLowerCase());
    // A contraction's lookup gives four numbers per expansion; the second points at its normal among the expansions.
    const found = cache.lookup(list[id]!);
    if (found && found.length > 1) {
      for (let k = 1; k < found.length; k += 4) if (chosen.has(core.xpansions[found[k]!]!)) forms.add(list[id]!.toLowerCase());
    }
  }
  return [...forms];
}

let splitter: SentenceSplitter | null = null;

/** The sentences of one block, numbered from `firstIndex`; sentences with no word or end mark are left out. */
export function blockSentences(text: string, block: Block, firstIndex: number): Sentence[] {
  splitter ??= new SentenceSplitter();
  const sentences: Sentence[] = [];
  for (const [from, to] of splitter.split(block.masked)) {
    const norm = normalize(block.masked.slice(from, to));
    if (norm.trim() === '') continue;
    sentences.push({
      index: firstIndex + sentences.length,
      start: block.start + from,
      end: block.start + to,
      text: text.slice(block.start + from, block.start + to),
      norm,
      block: block.kind,
      blockIndex: block.index,
    });
  }
  return sentences;
}

export function segment(text: string): Segmented {
  const sentences: Sentence[] = [];
  let words = 0;
  const blocks = toBlocks(text);
  for (const block of blocks) {
    words += countWords(block.masked);
    for (const sentence of blockSentences(text, block, sentences.length)) sentences.push(sentence);
  }
  return { blocks, sentences, words };
}
