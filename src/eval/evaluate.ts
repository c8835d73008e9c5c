/**
 * Score the tagger against human dialogue-act labels: every unit is tagged in its conversation
 * (each turn read against the one before it), and a unit counts as tagged with an act when a
 * finding of that act lies in it.
 */
import { ACT_IDS, type ActId, type Finding } from '../model.js';
import { tagView, viewOf } from '../tag/tagger.js';
import type { TurnView } from '../tag/context.js';
import { goldActs, type LabelMap } from './labelmap.js';
import type { EvalDialogue, EvalUnit } from './read/types.js';

export interface ActScore {
  act: ActId;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Gold units of the act. */
  support: number;
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
  dialogues: number;
  units: number;
  scores: ActScore[];
  /** Tags of acts the scheme has no label for: counted, not scored. */
  unscored: Partial<Record<ActId, number>>;
}

const EXAMPLES = 5;

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function topCounts(counts: Map<string, number>, n: number): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

/** Called for every scored unit; `grounding eval --errors` uses it to list what was missed. */
export type UnitHook = (unit: EvalUnit, gold: ReadonlySet<ActId>, findings: readonly Finding[]) => void;

export function evaluate(dialogues: Iterable<EvalDialogue>, map: LabelMap, onUnit?: UnitHook): EvalResult {
  const mapped = ACT_IDS.filter((a) => map.acts[a]);
  const tally = new Map(mapped.map((a) => [a, { tp: 0, fp: 0, fn: 0, fpLabels: new Map<string, number>(), byLabel: new Map<string, { found: number; of: number }>(), missed: [] as string[], wrong: [] as string[] }]));
  const unscored: Partial<Record<ActId, number>> = {};
  let count = 0;
  let units = 0;
  for (const dialogue of dialogues) {
    count += 1;
    let prev: TurnView | null = null;
    dialogue.turns.forEach((turn, t) => {
      // Units join with newlines, which the segmenter never crosses, so findings map back by offset.
      const ranges: Array<[number, number]> = [];
      let offset = 0;
      for (const unit of turn.units) {
        ranges.push([offset, offset + unit.text.length]);
        offset += unit.text.length + 1;
      }
      const view = viewOf(turn.role, turn.units.map((u) => u.text).join('\n'));
      const { findings } = tagView(view, prev, `${dialogue.id}:${t}`);
      prev = view;
      turn.units.forEach((unit, u) => {
        const [from, to] = ranges[u]!;
        const inUnit = findings.filter((f) => f.start >= from && f.end <= to);
        const predicted = new Set(inUnit.map((f) => f.act));
        if (!unit.scored) return;
        units += 1;
        const gold = goldActs(map, unit.labels);
        onUnit?.(unit, gold, inUnit);
        const label = unit.labels.join('+') || '(none)';
        for (const act of predicted) if (!map.acts[act]) unscored[act] = (unscored[act] ?? 0) + 1;
        for (const act of mapped) {
          const s = tally.get(act)!;
          const isGold = gold.has(act);
          const isPredicted = predicted.has(act);
          if (isGold) {
            const key = unit.labels.find((l) => map.acts[act]!.labels.includes(l))!;
            const entry = s.byLabel.get(key) ?? { found: 0, of: 0 };
            entry.of += 1;
            if (isPredicted) entry.found += 1;
            s.byLabel.set(key, entry);
          }
          if (isGold && isPredicted) s.tp += 1;
          else if (isPredicted) {
            s.fp += 1;
            s.fpLabels.set(label, (s.fpLabels.get(label) ?? 0) + 1);
            if (s.wrong.length < EXAMPLES) s.wrong.push(`${unit.text} [${label}]`);
          } else if (isGold) {
            s.fn += 1;
            if (s.missed.length < EXAMPLES) s.missed.push(`${unit.text} [${label}]`);
          }
        }
      });
    });
  }
  const scores = mapped.map((act): ActScore => {
    const s = tally.get(act)!;
    const precision = ratio(s.tp, s.tp + s.fp);
    const recall = ratio(s.tp, s.tp + s.fn);
    const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : precision === null && recall === null ? null : 0;
    return {
      act,
      tp: s.tp,
      fp: s.fp,
      fn: s.fn,
      precision,
      recall,
      f1,
      support: s.tp + s.fn,
      falsePositives: topCounts(s.fpLabels, 5),
      recallByLabel: [...s.byLabel].map(([label, v]) => ({ label, ...v })).sort((a, b) => b.of - a.of),
      missedExamples: s.missed,
      falseExamples: s.wrong,
    };
  });
  return { scheme: map.scheme, dialogues: count, units, scores, unscored };
}
