/**
 * Training data as the tagger sees it. Each labelled span (an utterance, a sentence, a turn) is a
 * bag of the units the learned tagger reads in it, with each unit's features, taken from the same
 * tagging path as `grounding tag` (tagConversation with the filter on). A bag is labelled; its
 * units are not: a long turn labelled `repair` holds one unit that repairs and many that do not.
 */
import { toConversation } from '../eval/conversation.js';
import { goldActs, type LabelMap } from '../eval/labelmap.js';
import type { EvalDialogue } from '../eval/read/types.js';
import { ACT_IDS, type ActId, type Domain, type Role } from '../model.js';
import type { ReadUnit } from '../tag/learned/decide.js';
import { tagConversation } from '../tag/tagger.js';

export interface Bag {
  /** The corpus and split it came from, e.g. `mrda`/`train`. */
  corpus: string;
  split: string;
  /** The dialogue it is from: cross-validation folds never split one. */
  group: string;
  role: Role;
  domain: Domain;
  /** Per act the corpus labels: whether the span holds it. Acts the corpus has no label for are absent. */
  gold: Partial<Record<ActId, boolean>>;
  /** How many spans of its population this one stands for (a stratified sample's weight), else 1. */
  weight: number;
  /** The plain features of every unit read in the span. */
  units: string[][];
}

/** The bags of labelled dialogues, labelled by a label map. */
export function bagsOf(dialogues: Iterable<EvalDialogue>, map: LabelMap, corpus: string, split: string, only?: readonly ActId[]): Bag[] {
  const labelled = ACT_IDS.filter((a) => map.acts[a] && (!only || only.includes(a)));
  const bags: Bag[] = [];
  for (const dialogue of dialogues) {
    const { conversation, places } = toConversation(dialogue);
    const read = new Map<number, readonly ReadUnit[]>();
    let domain: Domain = 'typed';
    tagConversation(conversation, {
      tagger: 'learned',
      onUnits: (turn, units, d) => {
        domain = d;
        if (turn) read.set(turn.index, units);
      },
    });
    for (const place of places) {
      if (!place.unit.scored || place.turn === null) continue;
      const units = (read.get(place.turn) ?? []).filter((r) => r.unit.start < place.end && r.unit.end > place.start);
      const gold = goldActs(map, place.unit.labels);
      bags.push({
        corpus,
        split,
        group: dialogue.group ?? dialogue.id,
        role: place.role,
        domain,
        gold: Object.fromEntries(labelled.map((a) => [a, gold.has(a)])),
        weight: place.unit.weight ?? 1,
        units: units.map((u) => u.features),
      });
    }
  }
  return bags;
}
