/**
 * The learned tagger's decision on one turn. Every unit it reads (units.ts) is scored per act
 * (model.ts); the turn's score for an act is its best unit's, and the calibration of the turn's
 * role and kind of text turns that into a probability. The act is tagged on the sentence around
 * every unit that scores past the act's threshold, and one act still yields to another on the
 * same sentence as the rules do (a question that clarifies is not also a follow-up).
 */
import { ACT_IDS, GATED_ACT_IDS, isGroundingAct, type ActExplanation, type ActId, type Domain, type Finding, type Role, type Turn, type TurnScores } from '../../model.js';
import { normWords } from '../../segment/normalize.js';
import type { Sentence } from '../../segment/sentences.js';
import type { Step } from '../act.js';
import type { TurnView } from '../context.js';
import { ACTS } from '../registry.js';
import { findingOn, ruleFindings, type SentenceTrace } from '../tagger.js';
import { baseFeatures, describeWeighed, featureNames, featurePrefixes, turnFeatures, unitOwnFeatures, type PrevInfo, type UnitContext } from './features.js';
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
  /** Whether a user turn before this one voiced a feeling or a hardship (a gate of the model's tags, GateContext); asked only past a gated act's threshold. */
  userFelt?: () => boolean;
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

/**
 * The last reading of a turn before, should the same turn be read again. One entry: a
 * conversation's turns are read in order, each the turn before of the next, and a WeakMap entry
 * per turn cost more (in setting it, and in the collector) than it saved.
 */
let lastPrev: { prev: TurnView; info: PrevInfo } | null = null;

// Of the turn before's first and last sentence, the first and last words: where a complaint opens and a question closes.
const PREV_WORDS = 8;
// Read from that far into the sentence only: enough for its first (or last) words, whatever its length.
const PREV_CHARS = 160;

/** What the features read of the turn before; its last unit is found without splitting sentences. */
function prevInfo(prev: TurnView, view: TurnView): PrevInfo {
  const sameSpeaker = prev.speaker !== undefined && prev.speaker === view.speaker;
  let info = lastPrev?.prev === prev ? lastPrev.info : undefined;
  // Spread would read `lower`; the same speaker is the only thing that can differ.
  if (info) return info.sameSpeaker === sameSpeaker ? info : (Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(info), sameSpeaker: { value: sameSpeaker, enumerable: true } }) as PrevInfo);
  let asked = false;
  let closing: string[] = [];
  for (let i = prev.blocks.length - 1; i >= 0; i -= 1) {
    const ranges = unitRanges(prev.blocks[i]!.masked);
    const lastRange = ranges[ranges.length - 1];
    if (!lastRange) continue;
    const text = prev.blocks[i]!.masked.slice(Math.max(lastRange[0], lastRange[1] - PREV_CHARS), lastRange[1]);
    asked = /\?["'\u201D\u2019)\]]*$/.test(text);
    closing = normWords(text).slice(-PREV_WORDS);
    break;
  }
  let opening: string[] = [];
  for (const block of prev.blocks) {
    const first = unitRanges(block.masked)[0];
    if (!first) continue;
    opening = normWords(block.masked.slice(first[0], Math.min(first[1], first[0] + PREV_CHARS))).slice(0, PREV_WORDS);
    if (opening.length > 0) break;
  }
  let lower: string | undefined;
  const text = prev.text;
  info = {
    role: prev.role,
    words: prev.words,
    asked,
    sameSpeaker,
    // Lower-cased when first looked in: a turn whose units have no content words never needs it.
    get lower() {
      return (lower ??= text.toLowerCase());
    },
    opening,
    closing,
    openingSet: new Set(opening),
    closingSet: new Set(closing),
  };
  lastPrev = { prev, info };
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
/** The rules that tag on their own in typed chat only in one role's turns, by `<act>/<rule>`. */
const OWN_TAG_ROLE = new Map<string, Role>(ACTS.flatMap((a) => a.rules.flatMap((r) => (r.tagsOnItsOwnFor ? [[`${a.id}/${r.id}`, r.tagsOnItsOwnFor] as const] : []))));

const EXPLAIN_FEATURES = 6;

/** The gates of the acts the model tags only where they open (GATED_ACT_IDS), from the acts' definitions. */
const GATES = new Map(ACTS.flatMap((a) => (a.modelGate ? [[a.id, a.modelGate] as const] : [])));
for (const act of ACT_IDS) if (GATED_ACT_IDS.has(act) !== GATES.has(act)) throw new Error(`${act}: GATED_ACT_IDS and the act's modelGate disagree`);

/** What explanations add for a gated act: when the model may tag it. */
export function gateNote(act: ActId): string | null {
  return GATES.get(act)?.note ?? null;
}

/**
 * Whether a rule that fires tags its act whatever the model's probability. In typed chat the model
 * was fit on a few hundred labeled turns and misses phrasings the lexicons were written for ("Which
 * language are you using?"); keeping the rules' tags there changed no dev F1 but followup's (0.49 to
 * 0.51). In transcripts it was fit on MRDA and SWDA, and the rules' own tags cost MRDA val
 * clarification 0.53 to 0.44: there the model decides alone.
 */
const RULES_TAG: Record<Domain, boolean> = { typed: true, spoken: false };

/**
 * When a rule that fired (`<act>/<rule>`) is only a feature in this speaker's turn, the model
 * deciding: the role whose turns it tags on its own in typed chat (Rule.tagsOnItsOwnFor), when that
 * is the other one. Null when it tags here as the rules do, or in a transcript, where no rule does.
 */
export function leftToModelBy(rule: string, role: Role, domain: Domain): Role | null {
  const own = OWN_TAG_ROLE.get(rule);
  return RULES_TAG[domain] && own !== undefined && own !== role ? own : null;
}

/**
 * A finding's reason, the unit's weightiest features for the act, worked out when read (explain,
 * `tag` lines, tests) rather than for every count. The getter keeps only the unit's context.
 */
function lazyReason(finding: Finding, model: LearnedModel, reader: Domain, role: Role, context: UnitContext, threshold: number): Finding {
  const { act, confidence } = finding;
  let reason: string | undefined;
  return Object.defineProperty(finding, 'reason', {
    get: () => {
      if (reason === undefined) {
        const weighed = model.weighed(reader, role, (sink) => baseFeatures(context, model.config(reader), sink), act, 12);
        const why = weighed.filter((c) => c.weight > 0).slice(0, 3).map((c) => describeWeighed(c.feature, c.weight));
        reason = `p ${confidence!.toFixed(2)} ≥ ${threshold.toFixed(2)}: ${why.join(', ')}`;
      }
      return reason;
    },
    enumerable: true,
    configurable: true,
  });
}

/** The scores of a turn the model read nothing in (a fresh object: callers fill it in). */
function nothingRead(domain: Domain): TurnScores {
  return { domain, acts: { clarification: null, 'understanding-check': null, acknowledgement: null, followup: null, repair: null, reassurance: null }, any: null };
}

export function decideLearned(input: DecideInput): Decided {
  const { view, prev, reading, model, role, domain } = input;
  const units = readUnits({ blocks: view.blocks, words: view.words, own: reading.own, candidates: reading.candidates.map((t) => [t.sentence.start, t.sentence.end] as const) });
  const info = prev ? prevInfo(prev, view) : null;
  // Whose model reads each act: the text's own, or typed chat's for acts the spoken model was not fit on.
  const readers = ACT_IDS.map((act) => model?.readerOf(domain, act) ?? domain);
  const needed = [...new Set(readers)];
  const read = units.map((unit) => {
    const listItem = view.blocks[unit.block]?.kind === 'list-item';
    return { unit, context: { unit, role, domain, turnWords: view.words, listItem, prev: info, steps: stepsAround(unit, reading.candidates) } };
  });
  // Feature names are built only for training; scoring hashes them as they come (model.ts).
  // Without a model (training), every optional family too: training picks as the config it tries says.
  input.onUnits?.(input.turn, read.map((r) => ({ unit: r.unit, features: featureNames(r.context, model?.config(domain) ?? { chars: true }) })), domain);
  if (!model) return { findings: [] };
  // Every act answers the turn before it: a turn that opens the conversation has none for the model to find (the rules' own conditions say when one of theirs may fire).
  if (read.length === 0 || !prev) return { findings: ruleFindings(reading.candidates, input.turnId), scores: nothingRead(domain), ...(input.trace && { trace: { domain, units: [], acts: [] } }) };

  // The features every unit of the turn shares are scored once; each unit adds its own.
  const shared = needed.map((d) => model.partial(d, role, (emit) => turnFeatures(read[0]!.context, emit)));
  const readerIndex = readers.map((d) => needed.indexOf(d));
  const logits = read.map((r) => {
    const byReader = needed.map((d, k) => {
      const own = model.score(d, role, (emit) => unitOwnFeatures(r.context, model.config(d), emit));
      for (let a = 0; a < own.length; a += 1) own[a]! += shared[k]![a]!;
      return own;
    });
    return needed.length === 1 ? byReader[0]! : Float64Array.from(ACT_IDS, (_, a) => byReader[readerIndex[a]!]![a]!);
  });
  /** Unit u's features with their weights for act a, weightiest first; the first n named. */
  const weighed = (u: number, a: number, n: number) => {
    const reader = readers[a]!;
    const context = read[u]!.context;
    return model.weighed(reader, role, (emit) => baseFeatures(context, model.config(reader), emit), ACT_IDS[a]!, n);
  };
  const scores = nothingRead(domain);
  // Per sentence, per act: the probability and the unit it stands on (−1: none read there), and the rule when a rule's own tag put it there.
  const tagged = new Map<Sentence, Map<ActId, { p: number; unit: number; fired?: { rule: string; reason: string } }>>();
  const explanations: ActExplanation[] = [];
  let any: number | null = null;
  ACT_IDS.forEach((act, a) => {
    const calibration = model.calibration(act, role, domain);
    const cut = scoreThreshold(calibration);
    let best = 0;
    // A gated act is tagged by the model only where its gate opens (GATED_ACT_IDS).
    const gate = GATES.get(act);
    const open = (u: number) => !gate || gate.open({ role, userFelt: input.userFelt?.() ?? false, unitText: view.text.slice(read[u]!.unit.start, read[u]!.unit.end) });
    read.forEach((_, u) => {
      if (logits[u]![a]! > logits[best]![a]!) best = u;
      if (logits[u]![a]! < cut || !open(u)) return;
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
    // Any act is any grounding act: reassurance is scored, but grounds nothing.
    if (isGroundingAct(act)) {
      const calibrated = calibration.alpha * score + calibration.beta;
      any = any === null ? calibrated : Math.max(any, calibrated);
    }
    if (input.trace) {
      const p = probability(calibration, score);
      const unit = read[best]!.unit;
      explanations.push({ act, p, threshold: calibration.threshold, tagged: score >= cut && open(best), unit: { start: unit.start, end: unit.end, text: view.text.slice(unit.start, unit.end) }, features: weighed(best, a, EXPLAIN_FEATURES) });
    }
  });
  scores.any = any;

  // In typed chat a rule that fires tags its act, as the rules alone would, and the model adds what
  // they miss; a gated act is tagged by its rules in any kind of text. A rule that
  // tags on its own only in the other role's turns (Rule.tagsOnItsOwnFor) neither tags here nor
  // makes another act yield: the acts yield again in registry order, as decideSentence has them.
  for (const { sentence, decisions } of reading.candidates) {
    const found = new Set<ActId>();
    for (const { act, fired } of decisions) {
      if (!fired || YIELDS.get(act)!.some((other) => found.has(other))) continue;
      if (leftToModelBy(fired.rule, role, domain)) continue;
      found.add(act);
      if (!(RULES_TAG[domain] || GATED_ACT_IDS.has(act))) continue;
      let acts = tagged.get(sentence);
      if (!acts) tagged.set(sentence, (acts = new Map()));
      if (acts.has(act)) continue;
      const a = ACT_INDEX.get(act)!;
      let unit = -1;
      read.forEach((r, u) => {
        if (sentence.start < r.unit.end && sentence.end > r.unit.start && (unit < 0 || logits[u]![a]! > logits[unit]![a]!)) unit = u;
      });
      acts.set(act, { p: unit < 0 ? 0 : probability(model.calibration(act, role, domain), logits[unit]![a]!), unit, fired });
    }
  }

  const findings: Finding[] = [];
  for (const [sentence, acts] of tagged) {
    for (const [act, { p, unit, fired }] of acts) {
      // One act yields to another on the same sentence, as with the rules.
      if (YIELDS.get(act)!.some((other) => acts.has(other))) continue;
      const calibration = model.calibration(act, role, domain);
      const a = ACT_INDEX.get(act)!;
      const reader = readers[a]!;
      if (fired) {
        const why =
          unit < 0
            ? 'the model read no unit here'
            : `p ${p.toFixed(2)} ${p >= calibration.threshold ? '≥' : '<'} ${calibration.threshold.toFixed(2)}`;
        findings.push(findingOn(sentence, act, fired.rule, `${fired.reason} (rule fired; model ${why})`, input.turnId, p));
        continue;
      }
      // The act's strongest cue or rule that fired on the unit's sentence, by its weight for the act (plain and the role's copy).
      const joined = featurePrefixes(role, model.config(reader));
      let rule = 'model';
      let strongest = 0;
      for (const step of read[unit]!.context.steps) {
        if (step.kind === 'veto' || step.outcome !== 'fired' || !step.rule.startsWith(`${act}/`)) continue;
        const weight = [`rule:${step.rule}`, ...joined.map((p) => `${p}rule:${step.rule}`)].reduce((sum, f) => sum + (model.weightsOf(reader, f)?.[a] ?? 0), 0);
        if (weight > strongest) [rule, strongest] = [step.rule, weight];
      }
      const finding = findingOn(sentence, act, rule, '', input.turnId, p);
      findings.push(lazyReason(finding, model, reader, role, read[unit]!.context, calibration.threshold));
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
