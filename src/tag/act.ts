/**
 * An act is its lexicon plus the rules that need more than a phrase. `defineAct` binds the two and
 * gives every act the same `detect`: the act fires on a sentence when a cue or rule holds and no
 * veto matches. Every step is recorded, so `grounding explain` can show why.
 */
import type { ActId, Role } from '../model.js';
import { type Conditions, type LexiconEntry, loadLexicons } from './lexicon.js';
import type { PossibleCues } from './candidates.js';
import { type SentenceContext, isClosing, isFirstSentence, isWholeTurn, prevEndsWithQuestion, readsAsQuestion } from './context.js';

/** A heuristic that is code rather than a phrase, documented like a lexicon entry. */
export interface Rule {
  id: string;
  note: string;
  /** A sentence (with the turn before it) the rule is for, and one it must not catch. */
  example: { text: string; prev?: string };
  counterexample: { text: string; prev?: string };
  /** A one-line reason when the rule holds, else null. */
  test(ctx: SentenceContext): string | null;
  /**
   * In typed chat, whose turns the rule tags on its own, whatever the model says (learned/decide.ts):
   * in the other's turns it is one of the model's features, and the model decides. Default: anyone's.
   */
  tagsOnItsOwnFor?: Role;
}

export interface Step {
  /** `<act>/<entry or rule id>`. */
  rule: string;
  kind: 'cue' | 'veto' | 'rule';
  /** fired: counts; unmet: the phrase matched but a condition did not hold. */
  outcome: 'fired' | 'unmet';
  reason: string;
}

export interface Decision {
  act: ActId;
  /** The step that decided the tag, when the act was found. */
  fired: Step | null;
  steps: Step[];
}

/** Where the learned model's tag of an act stands: the speaker, and what the conversation and the unit hold. */
export interface GateContext {
  role: Role;
  /** Whether a user turn before this one voiced a feeling or a hardship (acts/reassurance.ts voicesFeeling). */
  userFelt: boolean;
  /** The text of the unit the model scored past the threshold. */
  unitText: string;
}

/** When the learned model may tag an act (its rules' tags stand regardless): a gate and what it says, for explanations. */
export interface ModelGate {
  note: string;
  open(at: GateContext): boolean;
}

export interface ActDefinition {
  id: ActId;
  description: string;
  /** Acts that take precedence when both would tag the same sentence. */
  yieldsTo: readonly ActId[];
  entries: readonly LexiconEntry[];
  rules: readonly Rule[];
  /** Only where this opens does the learned model tag the act; absent, wherever it scores past the threshold. */
  modelGate?: ModelGate;
  /**
   * With `trace`, every rule is tried and recorded even after the decision is clear. `possible`:
   * the only cue patterns that could match the sentence (candidates.ts possibleCues); the others
   * are not run. Absent, every pattern is.
   */
  detect(ctx: SentenceContext, trace?: boolean, possible?: PossibleCues): Decision;
}

/** Why a cue does not count in a turn that opens the conversation (see the `standalone` condition). */
const NEEDS_PREV = 'needs a turn before it: the act answers one';

/** Why a lexicon entry's conditions do not hold here, or null when they do. */
function unmetCondition(when: Conditions, ctx: SentenceContext): string | null {
  if (!when.standalone && !ctx.prev) return NEEDS_PREV;
  if (when.first === true && !isFirstSentence(ctx)) return 'only counts as the first sentence of a turn';
  if (when.first === false && isFirstSentence(ctx)) return 'never counts as the first sentence of a turn';
  if (when.alone && !isWholeTurn(ctx)) return 'only counts when it is the whole turn';
  if (when.role && ctx.turn.role !== when.role) return `only counts in a ${when.role} turn`;
  if (when.closing && !isClosing(ctx)) return 'only counts in a short turn or the last paragraph of a long one';
  if (when.question && !readsAsQuestion(ctx.sentence)) return 'only counts when the sentence asks something';
  if (when.after) {
    if (!ctx.prev) return 'needs a turn before it';
    const asked = prevEndsWithQuestion(ctx);
    if (when.after === 'statement' && asked) return 'the turn before asked a question, so this answers it';
    if (when.after === 'question' && !asked) return 'the turn before asked nothing';
  }
  return null;
}

function matchEntry(entry: LexiconEntry, norm: string, possible: PossibleCues | undefined): string | null {
  for (const p of entry.patterns) {
    // A cue pattern whose anchor is not in the sentence cannot match: not run, its regex is not even compiled.
    if (possible && entry.kind === 'cue' && !possible.has(p.regex)) continue;
    const m = p.regex.exec(norm);
    if (m) return m[0].trim();
  }
  return null;
}

export function defineAct(spec: { id: ActId; yieldsTo?: readonly ActId[]; rules?: readonly Rule[]; modelGate?: ModelGate }): ActDefinition {
  const lexicon = loadLexicons().lexicons.get(spec.id);
  if (!lexicon) throw new Error(`no lexicon for ${spec.id}`);
  const rules = spec.rules ?? [];
  return {
    id: spec.id,
    description: lexicon.description,
    yieldsTo: spec.yieldsTo ?? [],
    entries: lexicon.entries,
    rules,
    ...(spec.modelGate && { modelGate: spec.modelGate }),
    detect(ctx, trace = false, possible) {
      const steps: Step[] = [];
      for (const entry of lexicon.entries) {
        const matched = matchEntry(entry, ctx.sentence.norm, possible);
        if (matched === null) continue;
        const unmet = unmetCondition(entry.when, ctx);
        const reason = unmet ? `"${matched}" ${unmet}` : `"${matched}": ${entry.note}`;
        steps.push({ rule: entry.rule, kind: entry.kind, outcome: unmet ? 'unmet' : 'fired', reason });
      }
      const vetoed = steps.some((s) => s.kind === 'veto' && s.outcome === 'fired');
      const cue = vetoed ? null : steps.find((s) => s.kind === 'cue' && s.outcome === 'fired');
      // Rules cost more than phrases (some parse with compromise): run them only when they can decide.
      if (trace || (!vetoed && !cue)) {
        for (const rule of rules) {
          const reason = rule.test(ctx);
          if (reason !== null) steps.push({ rule: `${spec.id}/${rule.id}`, kind: 'rule', outcome: 'fired', reason });
        }
      }
      const fired = vetoed ? null : (steps.find((s) => s.kind !== 'veto' && s.outcome === 'fired') ?? null);
      return { act: spec.id, fired, steps };
    },
  };
}
