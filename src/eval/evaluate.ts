/**
 * Score a tagger against human dialogue-act labels, through the pipeline `grounding tag` runs:
 * every dialogue becomes a Conversation (conversation.ts), tagged by `tagConversation`, and a
 * unit counts as tagged with an act when a finding of that act lies in it.
 */
import { ACT_IDS, CURIOSITY_ACT_IDS, type ActId, type Finding, type Role } from '../model.js';
import { tagConversation, type TagOptions } from '../tag/tagger.js';
import { toConversation } from './conversation.js';
import { goldActs, type LabelMap } from './labelmap.js';
import type { EvalDialogue, EvalUnit } from './read/types.js';

/** Counts (weighted counts, where units carry weights) and the scores they give; null where a ratio has no denominator. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** What a row scores: an act, or a composite of acts (`curiosity`: any curiosity act against any of their labels). */
export type EvalRow = ActId | 'curiosity';

export interface ActScore extends Prf {
  act: EvalRow;
  /** Gold units of the act. */
  support: number;
  /** The same with each unit counted by its weight: present when the scheme's units carry weights (typed chat's strata). */
  weighted?: Prf;
  /** Per speaker role: present when the scheme's units carry roles (typed chat). */
  byRole?: Partial<Record<Role, Prf>>;
  /** Gold labels of the units wrongly tagged with the act, most frequent first. */
  falsePositives: Array<[string, number]>;
  /** Recall of each label mapped to the act. */
  recallByLabel: Array<{ label: string; found: number; of: number }>;
  /** Up to a few missed and wrongly tagged units, for reading. */
  missedExamples: string[];
  falseExamples: string[];
}

export interface EvalResult {
  scheme: string;
  tagger: TaggerKind;
  dialogues: number;
  units: number;
  scores: ActScore[];
  /** Tags of acts the scheme has no label for: counted, not scored. */
  unscored: Partial<Record<ActId, number>>;
}

/** Which tagger decides, as `tagConversation` takes it: the learned model or the rules alone. */
export type TaggerKind = NonNullable<TagOptions['tagger']>;

const EXAMPLES = 5;

type Counts = Pick<Prf, 'tp' | 'fp' | 'fn'>;

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

export function prf({ tp, fp, fn }: Counts): Prf {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : precision === null && recall === null ? null : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

function topCounts(counts: Map<string, number>, n: number): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

/** Called for every scored unit; `grounding eval --errors` uses it to list what was missed. */
export type UnitHook = (unit: EvalUnit, gold: ReadonlySet<ActId>, findings: readonly Finding[]) => void;

export interface EvaluateOptions {
  /** Default `learned`, as `tagConversation`. */
  tagger?: TaggerKind;
  onUnit?: UnitHook;
}

interface Tally {
  counts: Counts;
  weighted: Counts;
  byRole: Map<Role, Counts>;
  fpLabels: Map<string, number>;
  byLabel: Map<string, { found: number; of: number }>;
  missed: string[];
  wrong: string[];
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/** Add one unit's outcome for one act to `counts`, by `weight`. */
function add(counts: Counts, isGold: boolean, isPredicted: boolean, weight: number): void {
  if (isGold && isPredicted) counts.tp += weight;
  else if (isPredicted) counts.fp += weight;
  else if (isGold) counts.fn += weight;
}

export function evaluate(dialogues: Iterable<EvalDialogue>, map: LabelMap, options: EvaluateOptions = {}): EvalResult {
  const tagger = options.tagger ?? 'learned';
  const mapped: EvalRow[] = [...ACT_IDS.filter((a) => map.acts[a]), ...map.composites];
  const tally = new Map(mapped.map((a): [EvalRow, Tally] => [a, { counts: zero(), weighted: zero(), byRole: new Map(), fpLabels: new Map(), byLabel: new Map(), missed: [], wrong: [] }]));
  // The acts a row stands for, and the labels that are its gold.
  const actsOf = (row: EvalRow): readonly ActId[] => (row === 'curiosity' ? CURIOSITY_ACT_IDS : [row]);
  const labelsOf = (row: EvalRow): string[] => actsOf(row).flatMap((a) => map.acts[a]?.labels ?? []);
  const unscored: Partial<Record<ActId, number>> = {};
  let weighted = false;
  let withRoles = false;
  let seen = 0;
  let units = 0;
  for (const dialogue of dialogues) {
    seen += 1;
    const { conversation, places } = toConversation(dialogue);
    const tagged = tagConversation(conversation, { tagger });
    for (const { unit, turn, start, end } of places) {
      if (!unit.scored) continue;
      units += 1;
      const inUnit = turn === null ? [] : tagged[turn]!.findings.filter((f) => f.start >= start && f.end <= end);
      const predicted = new Set(inUnit.map((f) => f.act));
      const gold = goldActs(map, unit.labels);
      options.onUnit?.(unit, gold, inUnit);
      if (unit.weight !== undefined) weighted = true;
      if (unit.role !== undefined) withRoles = true;
      const label = unit.labels.join('+') || '(none)';
      for (const act of predicted) if (!map.acts[act]) unscored[act] = (unscored[act] ?? 0) + 1;
      for (const act of mapped) {
        const s = tally.get(act)!;
        const isGold = actsOf(act).some((a) => gold.has(a));
        const isPredicted = actsOf(act).some((a) => predicted.has(a));
        add(s.counts, isGold, isPredicted, 1);
        add(s.weighted, isGold, isPredicted, unit.weight ?? 1);
        if (unit.role !== undefined) {
          const byRole = s.byRole.get(unit.role) ?? zero();
          add(byRole, isGold, isPredicted, 1);
          s.byRole.set(unit.role, byRole);
        }
        if (isGold) {
          const key = unit.labels.find((l) => labelsOf(act).includes(l))!;
          const entry = s.byLabel.get(key) ?? { found: 0, of: 0 };
          entry.of += 1;
          if (isPredicted) entry.found += 1;
          s.byLabel.set(key, entry);
        }
        if (isPredicted && !isGold) {
          s.fpLabels.set(label, (s.fpLabels.get(label) ?? 0) + 1);
          if (s.wrong.length < EXAMPLES) s.wrong.push(`${unit.text} [${label}]`);
        } else if (isGold && !isPredicted && s.missed.length < EXAMPLES) s.missed.push(`${unit.text} [${label}]`);
      }
    }
  }
  const scores = mapped.map((act): ActScore => {
    const s = tally.get(act)!;
    return {
      act,
      ...prf(s.counts),
      support: s.counts.tp + s.counts.fn,
      ...(weighted && { weighted: prf(s.weighted) }),
      ...(withRoles && { byRole: Object.fromEntries([...s.byRole].map(([role, c]) => [role, prf(c)])) }),
      falsePositives: topCounts(s.fpLabels, 5),
      recallByLabel: [...s.byLabel].map(([label, v]) => ({ label, ...v })).sort((a, b) => b.of - a.of),
      missedExamples: s.missed,
      falseExamples: s.wrong,
    };
  });
  return { scheme: map.scheme, tagger, dialogues: seen, units, scores, unscored };
}
