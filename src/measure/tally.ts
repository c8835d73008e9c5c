/**
 * What is counted, kept apart from how it is aggregated (see stats.ts). A tally holds only
 * counts, so tallies from separate runs or shards merge exactly by addition.
 */
import { GROUP_BY, type GroupBy } from '../choices.js';
import { ACT_IDS, CONTEXT_META, CURIOSITY_ACT_IDS, GATED_ACT_IDS, isGroundingAct, type ActId, type Role, type TaggedTurn, type Turn } from '../model.js';
import { addSpeaker, conversationSpeakers, emptyCoordination, mergeCoordination, type CoordinationTally } from './coordination.js';
import { addScore, countTurns, mergeScoreCounts, type ScoreCounts } from './estimate.js';
import { addTrajectory, conversationTrajectory, emptyTrajectory, mergeTrajectory, type TrajectoryTally } from './trajectory.js';

export { GROUP_BY, type GroupBy };

export const UNKNOWN_MODEL = '(unknown)';

export interface ActCount {
  /** Counted turns that contain at least one instance of the act. */
  turns: number;
  /** Instances of the act, for rates per 1,000 words. */
  findings: number;
  /** Counted turns the learned tagger scored, by kind of text and band of score, for the estimated rate; empty with the rules alone. */
  scores: ScoreCounts;
}

export interface GroupTally {
  key: string;
  role: Role;
  /** The grouping value: a model name, a source file or a conversation id (equal to the role for `--by role`). */
  value: string;
  conversations: number;
  /** Counted turns: every turn but the first of its conversation. */
  turns: number;
  words: number;
  acts: Record<ActId, ActCount>;
  any: ActCount;
  /** Assistant turns followed by a user turn, and how many of those the user repaired (a rift). */
  rift: { followed: number; repaired: number };
  /** The group's coordination toward the other side (coordination.ts). */
  coordination: CoordinationTally;
  /** Counted turns with a curiosity act (followup, clarification, understanding-check): curiosity.ts. */
  curious: number;
  /** The user's trajectory over the group's conversations (trajectory.ts); only user groups have any. */
  trajectory: TrajectoryTally;
}

export type Tally = Map<string, GroupTally>;

function emptyCount(): ActCount {
  return { turns: 0, findings: 0, scores: {} };
}

/** Counted turns of the group the learned tagger scored: 0 when the rules alone tagged it, so it has no estimate. */
export function scoredTurns(group: GroupTally): number {
  return countTurns(group.any.scores);
}

function emptyGroup(key: string, role: Role, value: string): GroupTally {
  const acts = Object.fromEntries(ACT_IDS.map((a) => [a, emptyCount()])) as Record<ActId, ActCount>;
  return { key, role, value, conversations: 0, turns: 0, words: 0, acts, any: emptyCount(), rift: { followed: 0, repaired: 0 }, coordination: emptyCoordination(), curious: 0, trajectory: emptyTrajectory() };
}

function groupValue(turn: Turn, source: string, by: GroupBy): string {
  switch (by) {
    case 'model':
      return turn.model ?? UNKNOWN_MODEL;
    case 'role':
      return turn.role;
    case 'source':
      return source;
    case 'conversation':
      return turn.conversationId;
  }
}

/** The group key, `role:value` (roles hold no colon, so keys are unique), or the role alone for `--by role`. */
export function groupKey(role: Role, value: string, by: GroupBy): string {
  return by === 'role' ? role : `${role}:${value}`;
}

/** Add one tagged conversation to a tally. The first turn of the conversation is not counted. */
export function tallyConversation(tally: Tally, tagged: readonly TaggedTurn[], source: string, by: GroupBy): void {
  const seen = new Set<string>();
  // Each measured turn's group key, for its speaker below (context turns have none).
  const keys: Array<string | null> = tagged.map(() => null);
  tagged.forEach((current, i) => {
    const { turn, findings } = current;
    // A replayed record's context turns are there to tag its reply against; only the reply is measured.
    if (turn.meta[CONTEXT_META] === true) return;
    const value = groupValue(turn, source, by);
    const key = groupKey(turn.role, value, by);
    keys[i] = key;
    let group = tally.get(key);
    if (!group) {
      group = emptyGroup(key, turn.role, value);
      tally.set(key, group);
    }
    if (!seen.has(key)) {
      seen.add(key);
      group.conversations += 1;
    }
    const next = tagged[i + 1];
    if (turn.role === 'assistant' && next?.turn.role === 'user') {
      group.rift.followed += 1;
      if (next.findings.some((f) => f.act === 'repair')) group.rift.repaired += 1;
    }
    if (i === 0) return;
    group.turns += 1;
    group.words += current.words;
    const present = new Set<ActId>();
    let grounding = 0;
    for (const f of findings) {
      group.acts[f.act].findings += 1;
      present.add(f.act);
      if (isGroundingAct(f.act)) grounding += 1;
    }
    for (const act of present) group.acts[act].turns += 1;
    if (CURIOSITY_ACT_IDS.some((act) => present.has(act))) group.curious += 1;
    // Any act: any grounding act (reassurance is counted on its own, never here).
    group.any.findings += grounding;
    if (grounding > 0) group.any.turns += 1;
    const { scores } = current;
    if (!scores) return;
    // A gated act's scores are not calibrated on this text: its estimate is its tagged rate (summary.ts actEstimate).
    for (const act of ACT_IDS) if (!GATED_ACT_IDS.has(act)) addScore(group.acts[act].scores, scores.domain, scores.acts[act]);
    addScore(group.any.scores, scores.domain, scores.any);
  });
  // Each group's speaker in this conversation: its replies to the other side (context turns are not measured).
  const speakers = conversationSpeakers(tagged, (_, i) => keys[i] ?? null);
  for (const [key, speaker] of speakers) addSpeaker(tally.get(key)!.coordination, speaker.all, speaker.halves);
  // The user's trajectory goes to the group of the conversation's first measured user turn.
  const firstUser = tagged.findIndex((t, i) => t.turn.role === 'user' && keys[i] !== null);
  const reading = firstUser >= 0 ? conversationTrajectory(tagged) : null;
  if (reading) addTrajectory(tally.get(keys[firstUser]!)!.trajectory, reading);
}

function addCount(into: ActCount, from: ActCount): void {
  into.turns += from.turns;
  into.findings += from.findings;
  mergeScoreCounts(into.scores, from.scores);
}

/** Merge `from` into `into`; counts add, so the result equals one run over both inputs. */
export function mergeTally(into: Tally, from: Iterable<GroupTally>): Tally {
  for (const g of from) {
    let target = into.get(g.key);
    if (!target) {
      target = emptyGroup(g.key, g.role, g.value);
      into.set(g.key, target);
    }
    target.conversations += g.conversations;
    target.turns += g.turns;
    target.words += g.words;
    for (const act of ACT_IDS) addCount(target.acts[act], g.acts[act]);
    addCount(target.any, g.any);
    target.rift.followed += g.rift.followed;
    target.rift.repaired += g.rift.repaired;
    mergeCoordination(target.coordination, g.coordination);
    target.curious += g.curious;
    mergeTrajectory(target.trajectory, g.trajectory);
  }
  return into;
}
