/**
 * A labelled dialogue as the pipeline sees it: one `Conversation`, built as an adapter builds one,
 * whose turns' text is their units joined by newlines, and where each unit lies in it. `evaluate`
 * tags it with `tagConversation`; training reads the same units from the same turns.
 */
import { ConversationBuilder } from '../ingest/build.js';
import type { Conversation, Role } from '../model.js';
import type { EvalDialogue, EvalUnit } from './read/types.js';

/** Where one unit lies: its turn's index in `conversation.turns` and its offsets in that turn's text. */
export interface UnitPlace {
  unit: EvalUnit;
  role: Role;
  /** Null when the builder kept no turn for it (blank text), as `grounding tag` would not. */
  turn: number | null;
  start: number;
  end: number;
}

export interface EvalConversation {
  conversation: Conversation;
  /** Every unit of the dialogue, scored or not, in order. */
  places: UnitPlace[];
}

export function toConversation(dialogue: EvalDialogue): EvalConversation {
  const builder = new ConversationBuilder(dialogue.id);
  const pending: Array<{ id: string; place: UnitPlace }> = [];
  dialogue.turns.forEach((turn, t) => {
    const id = `${dialogue.id}:${t}`;
    // Units join with newlines, which the segmenter never crosses, so findings map back by offset.
    let offset = 0;
    for (const unit of turn.units) {
      pending.push({ id, place: { unit, role: turn.role, turn: null, start: offset, end: offset + unit.text.length } });
      offset += unit.text.length + 1;
    }
    builder.add({ id, role: turn.role, speaker: turn.speaker, text: turn.units.map((u) => u.text).join('\n') });
  });
  const format = dialogue.format ?? 'eval';
  const built = builder.finish(dialogue.id, format);
  const conversation = 'conversation' in built && built.conversation ? built.conversation : { id: dialogue.id, source: dialogue.id, format, turns: [], meta: {} };
  const index = new Map(conversation.turns.map((turn, i) => [turn.id, i]));
  const places = pending.map(({ id, place }) => ({ ...place, turn: index.get(id) ?? null }));
  return { conversation, places };
}
