/**
 * Replay provenance. A replayed record is an ordinary OpenAI chat record: the context the human
 * helper saw, then the model's reply as the last message. Its `replay` field says where the
 * context came from and what the human said there, so `analyze` can compare the two replies at
 * the same position. The context turns are the human conversation's own: tagged, never measured.
 */
import { z } from 'zod';
import { InputError, describe } from '../errors.js';
import { validate, type RecordAt } from '../ingest/validate.js';
import { CONTEXT_META } from '../model.js';

export const REPLAY_SCHEMA = 'grounding.replay/v1';


export const ReplaySchema = z.object({
  schema: z.literal(REPLAY_SCHEMA),
  /** The corpus or input format the context came from: `esconv`, `persuasionforgood`, `mathdial`, … */
  corpus: z.string().min(1),
  /** The file it was read from, without folders. */
  source: z.string(),
  /** The source conversation's id, as ingest gives it (`train.txt:12` for ESConv). */
  conversation: z.string().min(1),
  /** Index of the helper turn among the source conversation's turns; the context is the turns before it. */
  position: z.number().int().positive(),
  /** The source turn's id. */
  turnId: z.string().min(1),
  /** What the helper said at this position, and who they were (`human` in the human corpora). */
  human: z.object({ text: z.string(), model: z.string().min(1) }),
  /** The model asked for the reply. */
  model: z.string().min(1),
  /** Generation parameters sent with the request, besides model and messages. */
  params: z.record(z.string(), z.unknown()),
  /** The seed that chose the sample of conversations. */
  seed: z.number().int(),
  /** The endpoint's finish_reason: `length` means the reply was cut at the token limit. */
  finishReason: z.string().nullable(),
  /** Token counts the endpoint reported, when it did. */
  usage: z.object({ promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative() }).nullable(),
});
export type Replay = z.infer<typeof ReplaySchema>;

/**
 * A record's `replay` field, checked; undefined when the record has none. The last message must be
 * the model's reply, since the tally counts only that turn.
 */
export function readReplay(record: Record<string, unknown>, messages: readonly { role: string }[], at: RecordAt, what: string): Replay | undefined {
  if (record.replay === undefined) return undefined;
  const replay = validate(ReplaySchema, record.replay, at, `${what} with replay provenance (${REPLAY_SCHEMA})`, ['replay']);
  const last = messages[messages.length - 1];
  if (last?.role !== 'assistant') {
    throw new InputError({ ...at, field: `messages[${Math.max(0, messages.length - 1)}].role` }, 'invalid record', {
      expected: "the model's reply (role `assistant`) as the last message of a replay record",
      found: last ? describe(last.role) : 'no messages',
    });
  }
  return replay;
}

/**
 * What message `index` of `count` in a replayed record becomes: every message but the last is the
 * human conversation's context, spoken by its own people (not the replayed model), and not measured.
 */
export function replayTurnFields(replay: Replay | undefined, index: number, count: number): { model?: string; meta?: Record<string, unknown> } {
  if (!replay || index === count - 1) return {};
  return { model: replay.human.model, meta: { [CONTEXT_META]: true } };
}

/** The replay provenance of an ingested conversation, if it has one. */
export function replayOf(conversationMeta: Record<string, unknown>): Replay | undefined {
  const parsed = ReplaySchema.safeParse(conversationMeta.replay);
  return parsed.success ? parsed.data : undefined;
}

/** Whether a turn is a replayed record's context rather than a reply to measure. */
export function isContextTurn(turn: { meta: Record<string, unknown> }): boolean {
  return turn.meta[CONTEXT_META] === true;
}
