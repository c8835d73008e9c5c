/**
 * Pair a replayed reply with the human's at the same position. The human's reply is tagged in the
 * model's place, in the same conversation, so both are read against the same turn before them.
 */
import { addUnpaired, addPair, type MatchedTally } from '../measure/matched.js';
import type { ActId, Conversation, TaggedTurn } from '../model.js';
import { tagLastTurn } from '../tag/tagger.js';
import { isContextTurn, replayOf } from './provenance.js';

function actsOf(tagged: TaggedTurn): Set<ActId> {
  return new Set(tagged.findings.map((f) => f.act));
}

/**
 * Add a tagged conversation to the matched tally when it is a replayed record; returns whether it
 * was one. Pairs are counted, not stored, so the order records arrive in does not matter.
 */
export function tallyReplay(tally: MatchedTally, conversation: Conversation, tagged: readonly TaggedTurn[]): boolean {
  const replay = replayOf(conversation.meta);
  if (!replay) return false;
  const reply = tagged[tagged.length - 1];
  // Ingest leaves out an empty (or overlong) reply, so the last kept turn is context: nothing to compare.
  if (!reply || isContextTurn(reply.turn)) {
    addUnpaired(tally, replay.model, replay.human.model);
    return true;
  }
  const human = tagLastTurn({ ...conversation, turns: [...conversation.turns.slice(0, -1), { ...reply.turn, text: replay.human.text, model: replay.human.model }] });
  addPair(tally, replay.model, replay.human.model, actsOf(reply), actsOf(human!));
  return true;
}
