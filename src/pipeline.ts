/** The stages end to end: ingest → segment and tag → measure, for `analyze`, `gate`, `tag`, `baseline build` and the library. */
import { ingest, type IngestOptions } from './ingest/index.js';
import type { MatchedTally } from './measure/matched.js';
import type { FileAccount } from './measure/summary.js';
import type { GroupBy, Tally } from './measure/tally.js';
import type { Conversation, TaggedTurn } from './model.js';
import { addBatch, tagBatch, taggedTurns, type BatchRequest, type BatchResult } from './parallel/batch.js';
import { WorkerPool } from './parallel/pool.js';
import type { TaggerKind } from './tag/tagger.js';

export interface TallyRun {
  tally: Tally;
  /** Replayed records, each reply paired with the human's at its position (empty for other input). */
  matched: MatchedTally;
  files: FileAccount[];
  conversations: number;
}

export interface TallyOptions extends IngestOptions {
  by: GroupBy;
  /** Called after each conversation is tagged, in input order, e.g. for progress or for `grounding tag` output. */
  onConversation?: (conversation: Conversation, tagged: TaggedTurn[]) => void | Promise<void>;
  /**
   * Worker threads to tag in (default 1: this thread). Workers start only once the input has
   * filled more than a few batches, so a small input is tagged here and pays no start-up; a large
   * one is tagged in the workers only, and this thread just reads. The result is the same for any number.
   */
  jobs?: number;
  /** Who decides the acts: the learned model (default) or the lexicons and rules alone. */
  tagger?: TaggerKind;
  /** Keep each turn's model reading in `TaggedTurn.explain` (for `grounding tag --explain`). */
  explain?: boolean;
}

/** A batch closes at this many conversations or characters of text, whichever comes first. */
const BATCH_CONVERSATIONS = 64;
/**
 * Tagged in this thread (`jobs` 1), a batch is one conversation, tagged as soon as it is read: the
 * conversations of a larger batch, waiting their turn, outlive the young generation's collections
 * and are copied, then promoted (`--jobs 1` on 20 MB of WildChat took 7% longer in batches of 64).
 */
const BATCH_CONVERSATIONS_HERE = 1;
const BATCH_CHARS = 1 << 20;
/** An input of at most this many batches is tagged in this thread, whatever `jobs` says: workers would cost more than they save. */
const SMALL_INPUT_BATCHES = 2;

/** Read, tag and count every conversation in the inputs. */
export async function tallyInputs(inputs: readonly string[], options: TallyOptions): Promise<TallyRun> {
  const { conversations, accounts } = await ingest(inputs, options);
  const run: TallyRun = { tally: new Map(), matched: new Map(), files: accounts, conversations: 0 };
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  const wantTagged = options.onConversation !== undefined;
  let pool: WorkerPool | null = null;
  // Batches in sequence; each waits here until every batch before it has been counted.
  const pending = new Map<number, { conversations: Conversation[]; result: Promise<BatchResult> }>();
  let sent = 0;
  let counted = 0;

  const countNext = async () => {
    const { conversations: batch, result } = pending.get(counted)!;
    const done = await result;
    pending.delete(counted);
    counted += 1;
    addBatch(run.tally, run.matched, done);
    run.conversations += batch.length;
    if (options.onConversation) {
      for (const [i, conversation] of batch.entries()) await options.onConversation(conversation, taggedTurns(conversation, done.tagged![i]!));
    }
  };

  const dispatch = async (batch: Conversation[]) => {
    const request: BatchRequest = { seq: sent, conversations: batch, by: options.by, wantTagged, tagger: options.tagger, explain: options.explain };
    pending.set(sent, { conversations: batch, result: pool ? pool.run(request) : Promise.resolve(tagBatch(request, run)) });
    sent += 1;
    // Two batches per worker in flight keep every worker busy and memory bounded.
    while (pending.size > (pool ? 2 * jobs : 0)) await countNext();
  };
  // With workers to use, the first batches wait until the input proves larger than a small one.
  const held: Conversation[][] = [];
  const send = async (batch: Conversation[]) => {
    if (jobs === 1 || pool) return dispatch(batch);
    held.push(batch);
    if (held.length <= SMALL_INPUT_BATCHES) return;
    pool = new WorkerPool(jobs);
    for (const b of held.splice(0)) await dispatch(b);
  };

  try {
    const batchSize = jobs === 1 ? BATCH_CONVERSATIONS_HERE : BATCH_CONVERSATIONS;
    let batch: Conversation[] = [];
    let chars = 0;
    for await (const conversation of conversations) {
      batch.push(conversation);
      for (const turn of conversation.turns) chars += turn.text.length;
      if (batch.length >= batchSize || chars >= BATCH_CHARS) {
        await send(batch);
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) await send(batch);
    for (const b of held.splice(0)) await dispatch(b);
    while (pending.size > 0) await countNext();
  } finally {
    // Settle what is still in flight (after an input error) before the workers go.
    await Promise.allSettled([...pending.values()].map((p) => p.result));
    await (pool as WorkerPool | null)?.close();
  }
  return run;
}
