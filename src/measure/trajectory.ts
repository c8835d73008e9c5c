/**
 * The user's trajectory: whether the user ended a conversation better off than they began it, as
 * their own words show (RLVER's reward, taken from the user's emotional trajectory). Each user
 * turn gets an affect score (tag/affect.ts); the trajectory is the mean affect of the user's
 * closing third of turns minus that of their opening third. Positive: the user ended better off.
 *
 * A conversation with fewer than MIN_USER_TURNS user turns has no trajectory, and is counted as
 * such. A change of at least CLEAR_CHANGE either way is a clear one (`improved`, `worsened`).
 * Next to it, the rift: of the conversations where the user repaired an assistant turn at least
 * once, the share whose trajectory is negative, against the same share where the user never did.
 *
 * A group keeps counts and fixed-point sums (stats.ts), so shards merge to the bits of one run.
 */
import { z } from 'zod';
import { CONTEXT_META, type TaggedTurn } from '../model.js';
import { affectOf } from '../tag/affect.js';
import { FixedSchema, IntervalSchema } from './coordination.js';
import { fixedMean, proportion, toFixed } from './stats.js';

export const MIN_USER_TURNS = 4;
/** A change this large either way is clear: a tenth of the affect scale's half-range, about one mildly negative sentence in three turning neutral. */
export const CLEAR_CHANGE = 0.1;

export interface RiftSide {
  conversations: number;
  /** Of those, the conversations whose trajectory is negative. */
  negative: number;
}

export interface TrajectoryTally {
  /** Conversations with a trajectory. */
  conversations: number;
  /** Conversations with user turns, but fewer than MIN_USER_TURNS: no trajectory. */
  short: number;
  /** Σ change and Σ change² (fixed point, 2^-60 and 2^-120). */
  sum: bigint;
  squares: bigint;
  improved: number;
  worsened: number;
  /** Conversations where the user repaired at least once, and the rest. */
  repaired: RiftSide;
  unrepaired: RiftSide;
}

export function emptyTrajectory(): TrajectoryTally {
  return { conversations: 0, short: 0, sum: 0n, squares: 0n, improved: 0, worsened: 0, repaired: { conversations: 0, negative: 0 }, unrepaired: { conversations: 0, negative: 0 } };
}

export function mergeTrajectory(into: TrajectoryTally, from: TrajectoryTally): void {
  into.conversations += from.conversations;
  into.short += from.short;
  into.sum += from.sum;
  into.squares += from.squares;
  into.improved += from.improved;
  into.worsened += from.worsened;
  for (const side of ['repaired', 'unrepaired'] as const) {
    into[side].conversations += from[side].conversations;
    into[side].negative += from[side].negative;
  }
}

/** One conversation's reading: its change (null below MIN_USER_TURNS), and whether the user repaired. */
export interface ConversationTrajectory {
  change: number | null;
  repaired: boolean;
}

/**
 * The trajectory of a conversation's measured user turns (replay context turns are not the user's
 * here). Only the turns of the opening and closing thirds are scored; with n user turns, a third is
 * ⌊n/3⌋ of them.
 */
export function conversationTrajectory(tagged: readonly TaggedTurn[]): ConversationTrajectory | null {
  const users = tagged.filter((t) => t.turn.role === 'user' && t.turn.meta[CONTEXT_META] !== true);
  if (users.length === 0) return null;
  const repaired = users.some((t) => t.findings.some((f) => f.act === 'repair'));
  if (users.length < MIN_USER_TURNS) return { change: null, repaired };
  const k = Math.floor(users.length / 3);
  const mean = (turns: readonly TaggedTurn[]) => turns.reduce((s, t) => s + affectOf(t.turn.text), 0) / turns.length;
  return { change: mean(users.slice(-k)) - mean(users.slice(0, k)), repaired };
}

export function addTrajectory(tally: TrajectoryTally, reading: ConversationTrajectory): void {
  if (reading.change === null) {
    tally.short += 1;
    return;
  }
  // The change as stored, so that a summary's sums and its counts agree bit for bit.
  const fixed = toFixed(reading.change);
  tally.conversations += 1;
  tally.sum += fixed;
  tally.squares += fixed * fixed;
  if (reading.change >= CLEAR_CHANGE) tally.improved += 1;
  if (reading.change <= -CLEAR_CHANGE) tally.worsened += 1;
  const side = reading.repaired ? tally.repaired : tally.unrepaired;
  side.conversations += 1;
  if (reading.change < 0) side.negative += 1;
}

const RiftSideSchema = z.object({ conversations: z.number().int().nonnegative(), negative: z.number().int().nonnegative(), share: z.number().nullable(), ci: IntervalSchema });

/** The human seekers' trajectory, as the baseline keeps it. */
export const TrajectoryReferenceSchema = z.object({
  conversations: z.number().int().nonnegative(),
  change: z.object({ mean: z.number().nullable(), ci: IntervalSchema }),
  improved: z.number().nullable(),
  worsened: z.number().nullable(),
});
export type TrajectoryReference = z.infer<typeof TrajectoryReferenceSchema>;

/** The user's trajectory in the summary (user groups only). */
export const TrajectoryResultSchema = z.object({
  /** Conversations with a trajectory. */
  conversations: z.number().int().nonnegative(),
  /** Conversations with fewer than MIN_USER_TURNS user turns: no trajectory. */
  short: z.number().int().nonnegative(),
  /** Mean change, closing third minus opening third, with its 95% t interval over conversations (with `--by conversation`, that conversation's change). */
  change: z.object({ mean: z.number().nullable(), ci: IntervalSchema }),
  /** Shares of the conversations with a clear change (at least `clear`) up and down. */
  improved: z.number().nullable(),
  worsened: z.number().nullable(),
  clear: z.number(),
  /** The share of conversations with a negative trajectory, where the user repaired at least once and where they never did (Wilson intervals). */
  rift: z.object({ with_repair: RiftSideSchema, without_repair: RiftSideSchema }),
  /** The human seekers' trajectory in the baseline, or null. */
  baseline: TrajectoryReferenceSchema.nullable(),
  /** Counts and fixed-point sums the figures come from, so summaries merge exactly. */
  sums: z.object({ change: FixedSchema, squares: FixedSchema, improved: z.number().int().nonnegative(), worsened: z.number().int().nonnegative() }),
});
export type TrajectoryResult = z.infer<typeof TrajectoryResultSchema>;

function riftSide(side: RiftSide): z.infer<typeof RiftSideSchema> {
  const { rate, ci } = proportion(side.negative, side.conversations);
  return { conversations: side.conversations, negative: side.negative, share: rate, ci };
}

export function trajectoryResult(t: TrajectoryTally, human: TrajectoryReference | null): TrajectoryResult {
  const { mean, ci } = fixedMean(t.sum, t.squares, t.conversations);
  const share = (k: number) => (t.conversations > 0 ? k / t.conversations : null);
  return {
    conversations: t.conversations,
    short: t.short,
    change: { mean, ci },
    improved: share(t.improved),
    worsened: share(t.worsened),
    clear: CLEAR_CHANGE,
    rift: { with_repair: riftSide(t.repaired), without_repair: riftSide(t.unrepaired) },
    baseline: human,
    sums: { change: String(t.sum), squares: String(t.squares), improved: t.improved, worsened: t.worsened },
  };
}

/** The tally back from a summary's figures and sums. */
export function trajectoryTallyOf(r: TrajectoryResult): TrajectoryTally {
  const side = (s: z.infer<typeof RiftSideSchema>): RiftSide => ({ conversations: s.conversations, negative: s.negative });
  return {
    conversations: r.conversations,
    short: r.short,
    sum: BigInt(r.sums.change),
    squares: BigInt(r.sums.squares),
    improved: r.sums.improved,
    worsened: r.sums.worsened,
    repaired: side(r.rift.with_repair),
    unrepaired: side(r.rift.without_repair),
  };
}

/** A tally's figures as the baseline keeps them. */
export function trajectoryReference(t: TrajectoryTally): TrajectoryReference {
  const { conversations, change, improved, worsened } = trajectoryResult(t, null);
  return { conversations, change, improved, worsened };
}
