/**
 * One unit of tagging work, the same whether it runs in the main thread or in a worker: tag a
 * batch of conversations and count them. Counts add, so batches merge into the same totals in
 * any order; the findings per turn come back only when the caller wants them (`grounding tag`).
 */
import { mergeMatched, type MatchedGroupTally, type MatchedTally } from '../measure/matched.js';
import { mergeTally, tallyConversation, type GroupBy, type GroupTally, type Tally } from '../measure/tally.js';
import type { Conversation, Finding, TaggedTurn } from '../model.js';
import { tallyReplay } from '../replay/compare.js';
import { tagConversation } from '../tag/tagger.js';

export interface BatchRequest {
  seq: number;
  conversations: Conversation[];
  by: GroupBy;
  /** Send back each turn's findings and words, to rebuild the tagged turns. */
  wantTagged: boolean;
}

export interface BatchResult {
  seq: number;
  tally: GroupTally[];
  matched: MatchedGroupTally[];
  /** Per conversation, per turn: findings and words (only with `wantTagged`). */
  tagged?: Array<Array<{ findings: Finding[]; words: number }>>;
}

export function tagBatch(request: BatchRequest): BatchResult {
  const tally: Tally = new Map();
  const matched: MatchedTally = new Map();
  const tagged: NonNullable<BatchResult['tagged']> = [];
  for (const conversation of request.conversations) {
    const turns = tagConversation(conversation);
    tallyConversation(tally, turns, conversation.source, request.by);
    tallyReplay(matched, conversation, turns);
    if (request.wantTagged) tagged.push(turns.map((t) => ({ findings: t.findings, words: t.words })));
  }
  return { seq: request.seq, tally: [...tally.values()], matched: [...matched.values()], ...(request.wantTagged && { tagged }) };
}

/** Add a batch's counts to the run's. */
export function addBatch(tally: Tally, matched: MatchedTally, result: BatchResult): void {
  mergeTally(tally, result.tally);
  mergeMatched(matched, result.matched);
}

/** The tagged turns of a batch's conversation, rebuilt around the main thread's own turns. */
export function taggedTurns(conversation: Conversation, tagged: Array<{ findings: Finding[]; words: number }>): TaggedTurn[] {
  return conversation.turns.map((turn, i) => ({ turn, findings: tagged[i]!.findings, words: tagged[i]!.words }));
}
