/**
 * One unit of tagging work, the same whether it runs in the main thread or in a worker: tag a
 * batch of conversations and count them. Counts add, so batches merge into the same totals in
 * any order; the findings per turn come back only when the caller wants them (`grounding tag`).
 */
import { mergeMatched, type MatchedGroupTally, type MatchedTally } from '../measure/matched.js';
import { mergeTally, tallyConversation, type GroupBy, type GroupTally, type Tally } from '../measure/tally.js';
import type { Conversation, TaggedTurn } from '../model.js';
import { tallyReplay } from '../replay/compare.js';
import { tagConversation, type TaggerKind } from '../tag/tagger.js';

export interface BatchRequest {
  seq: number;
  conversations: Conversation[];
  by: GroupBy;
  /** Send back each turn's findings and words, to rebuild the tagged turns. */
  wantTagged: boolean;
  /** Default `learned`. */
  tagger?: TaggerKind;
  /** Keep each turn's model reading for `grounding tag --explain`. */
  explain?: boolean;
}

/** What a worker sends back of a tagged turn; the turn itself stays with the main thread. */
export type TurnResult = Omit<TaggedTurn, 'turn'>;

export interface BatchResult {
  seq: number;
  tally: GroupTally[];
  matched: MatchedGroupTally[];
  /** Per conversation, per turn: findings, words and the model's reading (only with `wantTagged`). */
  tagged?: TurnResult[][];
}

/**
 * Tag and count a batch. A batch tagged in the thread that keeps the run's counts is counted into
 * them (`into`), and its result's counts are empty: `--jobs 1` tags batches of one conversation,
 * and a tally of its own per conversation, merged after, took about 2% of its time.
 */
export function tagBatch(request: BatchRequest, into?: { tally: Tally; matched: MatchedTally }): BatchResult {
  const tally: Tally = into?.tally ?? new Map();
  const matched: MatchedTally = into?.matched ?? new Map();
  const tagged: NonNullable<BatchResult['tagged']> = [];
  for (const conversation of request.conversations) {
    const turns = tagConversation(conversation, { tagger: request.tagger, explain: request.explain });
    tallyConversation(tally, turns, conversation.source, request.by);
    tallyReplay(matched, conversation, turns);
    if (request.wantTagged) tagged.push(turns.map(({ turn: _, ...rest }) => rest));
  }
  return { seq: request.seq, tally: into ? [] : [...tally.values()], matched: into ? [] : [...matched.values()], ...(request.wantTagged && { tagged }) };
}

/** Add a batch's counts to the run's. */
export function addBatch(tally: Tally, matched: MatchedTally, result: BatchResult): void {
  mergeTally(tally, result.tally);
  mergeMatched(matched, result.matched);
}

/** The tagged turns of a batch's conversation, rebuilt around the main thread's own turns. */
export function taggedTurns(conversation: Conversation, tagged: readonly TurnResult[]): TaggedTurn[] {
  return conversation.turns.map((turn, i) => ({ turn, ...tagged[i]! }));
}
