/**
 * The learned tagger's decision on one turn. Every unit it reads (units.ts) is scored per act
 * (model.ts); the turn's score for an act is its best unit's, and the calibration of the turn's
 * role and kind of text turns that into a probability. The act is tagged on the sentence around
 * every unit that scores past the act's threshold, and one act still yields to another on the
 * same sentence as the rules do (a question that clarifies is not also a follow-up).
 */
import { ACT_IDS, type ActExplanation, type ActId, type Domain, type Finding, type Role, type Turn, type TurnScores } from '../../model.js';
import type { Sentence } from '../../segment/sentences.js';
import type { Step } from '../act.js';
import type { TurnView } from '../context.js';
import { ACTS } from '../registry.js';
import { findingOn, type SentenceTrace } from '../tagger.js';
import { describeFeature, unitFeatures, type PrevInfo } from './features.js';
import { probability, scoreThreshold, type LearnedModel } from './model.js';
import { readUnits, unitRanges, type Unit } from './units.js';

/** A unit the model read, with its features. */
export interface ReadUnit {
  unit: Unit;
  features: string[];
}

/** Called with each turn's units (training fits on them). */
export type UnitsHook = (turn: Turn | undefined, units: readonly ReadUnit[], domain: Domain) => void;

/** What `explain` shows of the model's reading. */
export interface ModelTrace {
  domain: Domain;
  /** Every unit read, with each act's probability. */
  units: Array<{ start: number; end: number; text: string; p: Record<ActId, number> }>;
  acts: ActExplanation[];
}

export interface DecideInput {
  turnId: string;
  turn?: Turn;
  role: Role;
  view: TurnView;
  prev: TurnView | null;
  reading: { own(block: number): boolean; candidates: readonly SentenceTrace[] };
  domain: Domain;
  model: LearnedModel | null;
  trace: boolean;
  onUnits?: UnitsHook;
  /** The sentences of a block, splitting it if need be. */
  sentencesOf(block: number): Sentence[];
}

export interface Decided {
  findings: Finding[];
  scores?: TurnScores;
  trace?: ModelTrace;
}

// Fillers of speech. Typed chat has them too, now and then; a transcript has them in turn after turn.
const FILLER = /(?<![\p{L}\p{N}'-])(?:uh|um|uhm|umm|uh-huh|um-hum|mm-hmm|mhm|hmm|huh)(?![\p{L}\p{N}'-])/iu;
// Utterances are short: only turns this short are looked at.
const UTTERANCE_CHARS = 300;
const SPOKEN_MIN_TURNS = 8;
const SPOKEN_MIN_FILLERS = 3;
const SPOKEN_MIN_SHARE = 0.05;

/**
 * The kind of text of a conversation: `spoken` when it reads as a transcript of speech (at least
 * 8 turns, and fillers such as "uh", "um", "uh-huh" in at least 3 short turns and 5% of all turns),
 * else `typed`. Meetings and phone calls (MRDA, SWDA) are spoken; chats with assistants and typed
 * human chats (ESConv, Persuasion for Good) are typed.
 */
export function domainOf(turns: readonly Turn[]): Domain {
  if (turns.length < SPOKEN_MIN_TURNS) return 'typed';
  let fillers = 0;
  for (const turn of turns) if (turn.text.length <= UTTERANCE_CHARS && FILLER.test(turn.text)) fillers += 1;
  return fillers >= SPOKEN_MIN_FILLERS && fillers >= SPOKEN_MIN_SHARE * turns.length ? 'spoken' : 'typed';
}

const prevCache = new WeakMap<TurnView, PrevInfo>();

/** What the features read of the turn before; its last unit is found without splitting sentences. */
function prevInfo(prev: TurnView): PrevInfo {
  let info = prevCache.get(prev);
  if (info) return info;
  let asked = false;
  for (let i = prev.blocks.length - 1; i >= 0; i -= 1) {
    const ranges = unitRanges(prev.blocks[i]!.masked);
    const lastRange = ranges[ranges.length - 1];
    if (!lastRange) continue;
    asked = /\?["'\u201D\u2019)\]]*$/.test(prev.blocks[i]!.masked.slice(lastRange[0], lastRange[1]));
    break;
  }
  info = { role: prev.role, words: prev.words, asked, lower: prev.text.toLowerCase() };
  prevCache.set(prev, info);
  return info;
}

/** The steps of every candidate sentence the unit overlaps. */
function stepsAround(unit: Unit, candidates: readonly SentenceTrace[]): Step[] {
  const steps: Step[] = [];
  for (const { sentence, decisions } of candidates) {
    if (sentence.start < unit.end && sentence.end > unit.start) for (const d of decisions) steps.push(...d.steps);
  }
  return steps;
}

/** The sentence a unit stands in: the one holding its first character, else the one it overlaps most. */
function sentenceOf(unit: Unit, sentences: readonly Sentence[]): Sentence | undefined {
  let best: Sentence | undefined;
  let overlap = 0;
  for (const s of sentences) {
    if (s.start <= unit.start && unit.start < s.end) return s;
    const o = Math.min(s.end, unit.end) - Math.max(s.start, unit.start);
    if (o > overlap) {
      overlap = o;
      best = s;
    }
  }
  return best;
}

const ACT_INDEX = new Map(ACT_IDS.map((a, i) => [a, i]));
const REGISTRY_ORDER = new Map(ACTS.map((a, i) => [a.id, i]));
const YIELDS = new Map(ACTS.map((a) => [a.id, a.yieldsTo]));

/** Features of a unit with their weight for one act, weightiest first (by size, either sign). */
function contributions(model: LearnedModel, features: readonly string[], act: ActId): Array<{ feature: string; weight: number }> {
  const a = ACT_INDEX.get(act)!;
  const out: Array<{ feature: string; weight: number }> = [];
  for (const f of new Set(features)) {
    const w = model.weightsOf(f);
    if (w && w[a] !== 0) out.push({ feature: f, weight: w[a]! });
  }
  return out.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.feature < y.feature ? -1 : 1));
}

const EXPLAIN_FEATURES = 6;

function signed(w: number): string {
  return `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(2)}`;
}

/** The scores of a turn the model read nothing in. */
function nothingRead(domain: Domain): TurnScores {
  return { domain, acts: Object.fromEntries(ACT_IDS.map((a) => [a, null])) as Record<ActId, null>, any: null };
}

export function decideLearned(input: DecideInput): Decided {
  const { view, prev, reading, model, role, domain } = input;
  const units = readUnits({ blocks: view.blocks, words: view.words, own: reading.own, candidates: reading.candidates.map((t) => [t.sentence.start, t.sentence.end] as const) });
  const info = prev ? prevInfo(prev) : null;
  // Without a model (training), the plain features: training joins them as the config it tries says.
  const config = model?.config ?? { conjoin: 'none' as const };
  const read: ReadUnit[] = units.map((unit) => {
    const features: string[] = [];
    const listItem = view.blocks[unit.block]?.kind === 'list-item';
    unitFeatures({ unit, role, domain, turnWords: view.words, listItem, prev: info, steps: stepsAround(unit, reading.candidates) }, config, (f) => features.push(f));
    return { unit, features };
  });
  input.onUnits?.(input.turn, read, domain);
  if (!model) return { findings: [] };
  if (read.length === 0) return { findings: [], scores: nothingRead(domain), ...(input.trace && { trace: { domain, units: [], acts: [] } }) };

  const logits = read.map((r) => model.score(r.features));
  const scores = nothingRead(domain);
  const tagged = new Map<Sentence, Map<ActId, { p: number; unit: number }>>();
  const explanations: ActExplanation[] = [];
  let any: number | null = null;
  ACT_IDS.forEach((act, a) => {
    const calibration = model.calibration(act, role, domain);
    const cut = scoreThreshold(calibration);
    let best = 0;
    read.forEach((_, u) => {
      if (logits[u]![a]! > logits[best]![a]!) best = u;
      if (logits[u]![a]! < cut) return;
      const sentence = sentenceOf(read[u]!.unit, input.sentencesOf(read[u]!.unit.block));
      if (!sentence) return;
      const p = probability(calibration, logits[u]![a]!);
      let acts = tagged.get(sentence);
      if (!acts) tagged.set(sentence, (acts = new Map()));
      const held = acts.get(act);
      if (!held || p > held.p) acts.set(act, { p, unit: u });
    });
    const score = logits[best]![a]!;
    scores.acts[act] = score;
    const calibrated = calibration.alpha * score + calibration.beta;
    any = any === null ? calibrated : Math.max(any, calibrated);
    if (input.trace) {
      const p = probability(calibration, score);
      const unit = read[best]!.unit;
      explanations.push({ act, p, threshold: calibration.threshold, tagged: score >= cut, unit: { start: unit.start, end: unit.end, text: view.text.slice(unit.start, unit.end) }, features: contributions(model, read[best]!.features, act).slice(0, EXPLAIN_FEATURES) });
    }
  });
  scores.any = any;

  const findings: Finding[] = [];
  for (const [sentence, acts] of tagged) {
    for (const [act, { p, unit }] of acts) {
      // One act yields to another on the same sentence, as with the rules.
      if (YIELDS.get(act)!.some((other) => acts.has(other))) continue;
      const calibration = model.calibration(act, role, domain);
      const weighed = contributions(model, read[unit]!.features, act);
      const ownRules = weighed.filter((c) => c.weight > 0 && c.feature.startsWith(`rule:${act}/`));
      const rule = ownRules.length > 0 ? ownRules[0]!.feature.slice('rule:'.length) : 'model';
      const why = weighed.filter((c) => c.weight > 0).slice(0, 3).map((c) => `${describeFeature(c.feature)} ${signed(c.weight)}`);
      findings.push(findingOn(sentence, act, rule, `p ${p.toFixed(2)} ≥ ${calibration.threshold.toFixed(2)}: ${why.join(', ')}`, input.turnId, p));
    }
  }
  findings.sort((x, y) => x.start - y.start || REGISTRY_ORDER.get(x.act)! - REGISTRY_ORDER.get(y.act)!);
  if (!input.trace) return { findings, scores };
  const unitTrace = read.map((r, u) => ({
    start: r.unit.start,
    end: r.unit.end,
    text: view.text.slice(r.unit.start, r.unit.end),
    p: Object.fromEntries(ACT_IDS.map((act, a) => [act, probability(model.calibration(act, role, domain), logits[u]![a]!)])) as Record<ActId, number>,
  }));
  return { findings, scores, trace: { domain, units: unitTrace, acts: explanations } };
}

decideLearned.nothingRead = nothingRead;
