/**
 * Linguistic coordination, as ConvoKit's `Coordination` computes it (Danescu-Niculescu-Mizil et
 * al. 2012, "Echoes of power"): how much more likely a reply is to show a function-word marker
 * when the utterance it answers showed it.
 *
 * For a speaker B replying to A, on marker m, over B's replies to A only:
 *   C(B, A, m) = P(B's reply shows m | A's utterance shows m) − P(B's reply shows m),
 * defined when A's utterances that B answered show m at least TARGET_THRESHOLD times. B's score is
 * the mean over B's defined markers (in ConvoKit's marker order), and a group's score the mean over
 * its speakers that have one (ConvoKit's aggregate 3). A reply is the turn right after a turn of
 * the other side; two turns in a row by one side make no pair.
 *
 * Speakers are conversation-scoped: each conversation's assistant (of one group) is one speaker,
 * as each human supporter is, so models compare with the human baseline speaker for speaker.
 * A speaker lives within one conversation, so it is scored where its conversation is tallied; a
 * group keeps only sums of speaker scores. Those are fixed-point integers (stats.ts FIXED_BITS
 * fraction bits) in BigInt, so sums add exactly in any order and shards merge to the bits of one run.
 */
import { z } from 'zod';
import { MARKERS, markersOf, type Marker, type MarkerSet } from '../tag/markers.js';
import type { Role, TaggedTurn } from '../model.js';
import { fixedMean, fromFixed, normalCdf, t95, toFixed } from './stats.js';

/** ConvoKit's default target threshold: A must show m at least this often for C(B, A, m) to be defined. */
export const TARGET_THRESHOLD = 3;


/** The two sides that coordinate; other roles (system, tool) make no pairs. */
const SIDES: ReadonlySet<Role> = new Set(['assistant', 'user']);

/** What a group keeps: counts and exact sums over its speakers. */
export interface CoordinationTally {
  /** Replies to the other side. */
  pairs: number;
  /** Speakers with at least one defined marker. */
  speakers: number;
  /** Σ speaker score and Σ score² (fixed point, 2^-60 and 2^-120). */
  sum: bigint;
  squares: bigint;
  /** Per marker: speakers for whom it is defined, and Σ of their C(B, A, m). */
  markers: Record<Marker, { speakers: number; sum: bigint }>;
  /** Per conversation, the speaker's score in its second half minus its first, where both are defined. */
  change: { conversations: number; sum: bigint; squares: bigint };
}

export function emptyCoordination(): CoordinationTally {
  return {
    pairs: 0,
    speakers: 0,
    sum: 0n,
    squares: 0n,
    markers: Object.fromEntries(MARKERS.map((m) => [m, { speakers: 0, sum: 0n }])) as CoordinationTally['markers'],
    change: { conversations: 0, sum: 0n, squares: 0n },
  };
}

export function mergeCoordination(into: CoordinationTally, from: CoordinationTally): void {
  into.pairs += from.pairs;
  into.speakers += from.speakers;
  into.sum += from.sum;
  into.squares += from.squares;
  for (const m of MARKERS) {
    into.markers[m].speakers += from.markers[m].speakers;
    into.markers[m].sum += from.markers[m].sum;
  }
  into.change.conversations += from.change.conversations;
  into.change.sum += from.change.sum;
  into.change.squares += from.change.squares;
}

/** One speaker's counts over its replies: n replies; per marker, replies showing it (b), answered turns showing it (a), both (ab). */
export interface SpeakerCounts {
  pairs: number;
  reply: Int32Array;
  target: Int32Array;
  both: Int32Array;
}

export function emptySpeaker(): SpeakerCounts {
  return { pairs: 0, reply: new Int32Array(MARKERS.length), target: new Int32Array(MARKERS.length), both: new Int32Array(MARKERS.length) };
}

/** Count one reply (its markers) to a turn of the other side (the target's markers). */
export function addPair(counts: SpeakerCounts, reply: MarkerSet, target: MarkerSet): void {
  counts.pairs += 1;
  for (let m = 0; m < MARKERS.length; m++) {
    const bit = 1 << m;
    const inReply = (reply & bit) !== 0;
    if (inReply) counts.reply[m]! += 1;
    if ((target & bit) !== 0) {
      counts.target[m]! += 1;
      if (inReply) counts.both[m]! += 1;
    }
  }
}

export interface SpeakerScore {
  score: number;
  /** C(B, A, m) per marker, null where it is not defined. */
  markers: Array<number | null>;
}

/** A speaker's score, or null when no marker is defined (ConvoKit leaves such a speaker out). */
export function speakerScore(counts: SpeakerCounts): SpeakerScore | null {
  const markers: Array<number | null> = [];
  let sum = 0;
  let defined = 0;
  for (let m = 0; m < MARKERS.length; m++) {
    const a = counts.target[m]!;
    if (a < TARGET_THRESHOLD || counts.pairs < 1) {
      markers.push(null);
      continue;
    }
    // The same operations in the same order as ConvoKit, so the same bits.
    const c = counts.both[m]! / a - counts.reply[m]! / counts.pairs;
    markers.push(c);
    sum += c;
    defined += 1;
  }
  return defined > 0 ? { score: sum / defined, markers } : null;
}

/** Add one speaker (and, when both its halves are scored, its change) to a group's tally. */
export function addSpeaker(tally: CoordinationTally, counts: SpeakerCounts, halves: readonly [SpeakerCounts, SpeakerCounts] | null): void {
  tally.pairs += counts.pairs;
  const scored = speakerScore(counts);
  if (scored) {
    const fixed = toFixed(scored.score);
    tally.speakers += 1;
    tally.sum += fixed;
    tally.squares += fixed * fixed;
    scored.markers.forEach((c, m) => {
      if (c === null) return;
      const into = tally.markers[MARKERS[m]!];
      into.speakers += 1;
      into.sum += toFixed(c);
    });
  }
  if (!halves) return;
  const first = speakerScore(halves[0]);
  const second = speakerScore(halves[1]);
  if (!first || !second) return;
  const change = toFixed(second.score) - toFixed(first.score);
  tally.change.conversations += 1;
  tally.change.sum += change;
  tally.change.squares += change * change;
}

/** Where each turn's reply counts: the group key of its speaker, or null for a turn that makes no pair. */
export type SpeakerKey = (turn: TaggedTurn, index: number) => string | null;

/**
 * The speakers of one conversation: for each group key, its counts over the whole conversation and
 * over each half (a reply is in the first half when it stands before the middle turn).
 */
export function conversationSpeakers(tagged: readonly TaggedTurn[], keyOf: SpeakerKey): Map<string, { all: SpeakerCounts; halves: [SpeakerCounts, SpeakerCounts] }> {
  const speakers = new Map<string, { all: SpeakerCounts; halves: [SpeakerCounts, SpeakerCounts] }>();
  const middle = tagged.length / 2;
  let previous: MarkerSet = 0;
  for (let i = 0; i < tagged.length; i++) {
    const { turn } = tagged[i]!;
    if (!SIDES.has(turn.role)) continue;
    const before = tagged[i - 1]?.turn;
    // Markers are read only of turns in a pair: this turn answers the one before, or the next answers it.
    const answers = before !== undefined && SIDES.has(before.role) && before.role !== turn.role;
    const next = tagged[i + 1]?.turn;
    const answered = next !== undefined && SIDES.has(next.role) && next.role !== turn.role;
    const marks = answers || answered ? markersOf(turn.text) : 0;
    const key = answers ? keyOf(tagged[i]!, i) : null;
    if (key !== null) {
      let speaker = speakers.get(key);
      if (!speaker) {
        speaker = { all: emptySpeaker(), halves: [emptySpeaker(), emptySpeaker()] };
        speakers.set(key, speaker);
      }
      addPair(speaker.all, marks, previous);
      addPair(speaker.halves[i < middle ? 0 : 1], marks, previous);
    }
    previous = marks;
  }
  return speakers;
}

/** A group's coordination as reported: ConvoKit's aggregate 3 and per-marker means, with intervals over speakers. */
export interface CoordinationFigures {
  score: number | null;
  /** 95% t interval of the mean over speakers; null below two speakers. */
  ci: [number, number] | null;
  markers: Record<Marker, number | null>;
  speakers: number;
  pairs: number;
  change: { conversations: number; mean: number | null; ci: [number, number] | null };
}

export function coordinationFigures(t: CoordinationTally): CoordinationFigures {
  const score = fixedMean(t.sum, t.squares, t.speakers);
  const change = fixedMean(t.change.sum, t.change.squares, t.change.conversations);
  return {
    score: score.mean,
    ci: score.ci,
    markers: Object.fromEntries(MARKERS.map((m) => [m, t.markers[m].speakers > 0 ? fromFixed(t.markers[m].sum) / t.markers[m].speakers : null])) as Record<Marker, number | null>,
    speakers: t.speakers,
    pairs: t.pairs,
    change: { conversations: t.change.conversations, mean: change.mean, ci: change.ci },
  };
}

/** A fixed-point sum as a decimal string, and a 95% interval or null: shared with trajectory.ts. */
export const FixedSchema = z.string().regex(/^-?\d+$/);
export const IntervalSchema = z.tuple([z.number(), z.number()]).nullable();
const MarkerFiguresSchema = z.object(Object.fromEntries(MARKERS.map((m) => [m, z.number().nullable()])) as Record<Marker, z.ZodNullable<z.ZodNumber>>);

/** The human figure a group's coordination is compared with: the same direction in the baseline. */
export const CoordinationReferenceSchema = z.object({
  score: z.number().nullable(),
  ci: IntervalSchema,
  speakers: z.number().int().nonnegative(),
  pairs: z.number().int().nonnegative(),
  markers: MarkerFiguresSchema,
});
export type CoordinationReference = z.infer<typeof CoordinationReferenceSchema>;

/** A group's coordination in the summary: the figures, the human's, and the exact sums they come from (so summaries merge exactly). */
export const CoordinationResultSchema = z.object({
  score: z.number().nullable(),
  ci: IntervalSchema,
  markers: MarkerFiguresSchema,
  speakers: z.number().int().nonnegative(),
  pairs: z.number().int().nonnegative(),
  change: z.object({ conversations: z.number().int().nonnegative(), mean: z.number().nullable(), ci: IntervalSchema }),
  /** The human baseline's score for this role's direction, or null. */
  baseline: CoordinationReferenceSchema.nullable(),
  /** score − the human score, and the two-sided p of a z-test on the two means; null without both. */
  difference: z.number().nullable(),
  p: z.number().nullable(),
  /** Fixed-point sums (integers of 2^-60, squares of 2^-120), as decimal strings. */
  sums: z.object({
    score: FixedSchema,
    squares: FixedSchema,
    markers: z.object(Object.fromEntries(MARKERS.map((m) => [m, FixedSchema])) as Record<Marker, typeof FixedSchema>),
    markerSpeakers: z.object(Object.fromEntries(MARKERS.map((m) => [m, z.number().int().nonnegative()])) as Record<Marker, z.ZodNumber>),
    change: FixedSchema,
    changeSquares: FixedSchema,
  }),
});
export type CoordinationResult = z.infer<typeof CoordinationResultSchema>;

/** The standard error of a mean from its 95% t interval (its half-width over the quantile). */
function standardError(ci: readonly [number, number] | null, k: number): number | null {
  return ci && k >= 2 ? (ci[1] - ci[0]) / 2 / t95(k - 1) : null;
}

/** A group's coordination against the human figure for its direction (null: none). */
export function coordinationResult(t: CoordinationTally, human: CoordinationReference | null): CoordinationResult {
  const figures = coordinationFigures(t);
  let difference: number | null = null;
  let p: number | null = null;
  if (human && human.score !== null && figures.score !== null) {
    difference = figures.score - human.score;
    const ours = standardError(figures.ci, figures.speakers);
    const theirs = standardError(human.ci, human.speakers);
    if (ours !== null && theirs !== null && ours + theirs > 0) p = 2 * (1 - normalCdf(Math.abs(difference) / Math.hypot(ours, theirs)));
  }
  return {
    ...figures,
    baseline: human,
    difference,
    p,
    sums: {
      score: String(t.sum),
      squares: String(t.squares),
      markers: Object.fromEntries(MARKERS.map((m) => [m, String(t.markers[m].sum)])) as Record<Marker, string>,
      markerSpeakers: Object.fromEntries(MARKERS.map((m) => [m, t.markers[m].speakers])) as Record<Marker, number>,
      change: String(t.change.sum),
      changeSquares: String(t.change.squares),
    },
  };
}

/** The tally back from a summary's figures and sums. */
export function coordinationTallyOf(r: CoordinationResult): CoordinationTally {
  return {
    pairs: r.pairs,
    speakers: r.speakers,
    sum: BigInt(r.sums.score),
    squares: BigInt(r.sums.squares),
    markers: Object.fromEntries(MARKERS.map((m) => [m, { speakers: r.sums.markerSpeakers[m], sum: BigInt(r.sums.markers[m]) }])) as CoordinationTally['markers'],
    change: { conversations: r.change.conversations, sum: BigInt(r.sums.change), squares: BigInt(r.sums.changeSquares) },
  };
}

/** A tally's figures as the baseline keeps them. */
export function coordinationReference(t: CoordinationTally): CoordinationReference {
  const { score, ci, speakers, pairs, markers } = coordinationFigures(t);
  return { score, ci, speakers, pairs, markers };
}
