/**
 * The one corpus model: Corpus → Conversation → Turn, plus the Finding a tagger adds.
 * Ingest produces these; segment, tag, measure and report only read them and add to them.
 */
import { z } from 'zod';

/**
 * The acts the tagger finds, in report order: the five grounding acts, then reassurance (comfort
 * that soothes without trying to understand), which is tagged and measured beside them but is not
 * a grounding act. The id is also the act's file, lexicon and test name.
 */
export const ACT_IDS = ['clarification', 'understanding-check', 'acknowledgement', 'followup', 'repair', 'reassurance'] as const;
export type ActId = (typeof ACT_IDS)[number];
export const ActIdSchema = z.enum(ACT_IDS);

/** The grounding acts: "any act" (a turn's grounding) is any of these, never reassurance. */
export const GROUNDING_ACT_IDS = ['clarification', 'understanding-check', 'acknowledgement', 'followup', 'repair'] as const satisfies readonly ActId[];
export type GroundingActId = (typeof GROUNDING_ACT_IDS)[number];
const GROUNDING = new Set<ActId>(GROUNDING_ACT_IDS);
export function isGroundingAct(act: ActId): act is GroundingActId {
  return GROUNDING.has(act);
}

/**
 * Acts the learned model tags only where their gate opens (ActDefinition.modelGate); their rules'
 * tags stand in any kind of text. Reassurance is labelled in one corpus of human supporters
 * (ESConv): ungated, the model fit there tagged hundreds of turns of the WildChat and ShareGPT
 * samples that are no comfort (commands, "try again", plain answers). Its probabilities are
 * calibrated on ESConv alone, so its estimate is the tagged rate (summary.ts actEstimate).
 */
export const GATED_ACT_IDS: ReadonlySet<ActId> = new Set<ActId>(['reassurance']);

/** The acts of curiosity: a turn that asks after, clarifies or checks what the other said. */
export const CURIOSITY_ACT_IDS = ['followup', 'clarification', 'understanding-check'] as const satisfies readonly ActId[];

/**
 * The normalized party. `assistant` is the helper side (a model, or the human supporter, tutor or
 * persuader in a human corpus); `user` is the seeker.
 */
export const ROLES = ['user', 'assistant', 'system', 'tool'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

export const TurnSchema = z.object({
  /** The input's own utterance id where it has one (ConvoKit id, ChatGPT node id, Claude uuid). */
  id: z.string().min(1),
  conversationId: z.string().min(1),
  /** Position among the conversation's kept turns, from 0. */
  index: z.number().int().nonnegative(),
  role: RoleSchema,
  speaker: z.string(),
  model: z.string().optional(),
  replyTo: z.string().optional(),
  text: z.string(),
  meta: z.record(z.string(), z.unknown()),
});
export type Turn = z.infer<typeof TurnSchema>;

/**
 * The `Turn.meta` key that marks a turn given only as context (a replayed record's human
 * conversation so far): it is tagged, so the turn after it is read in context, but never counted.
 */
export const CONTEXT_META = 'replayContext';

export const ConversationSchema = z.object({
  id: z.string().min(1),
  /** The file (or `-` for stdin) the conversation was read from. */
  source: z.string(),
  /** The adapter id that parsed it. */
  format: z.string(),
  turns: z.array(TurnSchema),
  meta: z.record(z.string(), z.unknown()),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** A stream of conversations; ingest yields them one at a time so memory stays bounded. */
export type Corpus = AsyncIterable<Conversation>;

/** One tagged act: where it is, which rule found it and why. */
export const FindingSchema = z.object({
  act: ActIdSchema,
  /** The lexicon entry or rule id, e.g. `clarification/do-you-mean`. */
  rule: z.string(),
  turnId: z.string(),
  /** Index of the sentence within the turn. */
  sentence: z.number().int().nonnegative(),
  /** Character offsets into the turn text, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The sentence text, as it stands in the turn. */
  text: z.string(),
  /** One line on why the rule fired. */
  reason: z.string(),
  /** The learned tagger's calibrated probability that the sentence holds the act; absent with the rules alone. */
  confidence: z.number().min(0).max(1).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** The kind of text a conversation is: a spoken transcript (fillers, short utterances) or typed chat. */
export const DOMAINS = ['spoken', 'typed'] as const;
export type Domain = (typeof DOMAINS)[number];

/**
 * The learned tagger's reading of one turn: the kind of text, and per act (and for any act) the
 * turn's score, the highest logit over the units the model read; null when it read none (a turn
 * spoken in character, or with no words of its own). Calibrated, a score is a probability.
 */
export interface TurnScores {
  domain: Domain;
  acts: Record<ActId, number | null>;
  any: number | null;
}

/** A turn with the acts found in it. */
export interface TaggedTurn {
  turn: Turn;
  findings: Finding[];
  /** Words outside code, quotes and placeholders, for rates per 1,000 words. */
  words: number;
  /** Present when the learned tagger read the turn (not with the rules alone). */
  scores?: TurnScores;
  /** With `explain`: per act, the model's probability, threshold and weightiest features. */
  explain?: ActExplanation[];
}

/** Why the learned tagger did or did not tag a turn with an act: `grounding tag --explain`. */
export interface ActExplanation {
  act: ActId;
  /** The turn's calibrated probability of the act (its highest-scoring unit's). */
  p: number;
  threshold: number;
  tagged: boolean;
  /** The unit that scored highest, if the model read any. */
  unit: { start: number; end: number; text: string } | null;
  /** The features of that unit that weighed most, either way, with their weights. */
  features: Array<{ feature: string; weight: number }>;
}
