/** The stages end to end: ingest → segment and tag → measure, for `analyze`, `baseline build` and the library. */
import { ingest, type IngestOptions } from './ingest/index.js';
import type { FileAccount } from './measure/summary.js';
import { tallyConversation, type GroupBy, type Tally } from './measure/tally.js';
import type { Conversation, TaggedTurn } from './model.js';
import { tagConversation } from './tag/tagger.js';

export interface TallyRun {
  tally: Tally;
  files: FileAccount[];
  conversations: number;
}

export interface TallyOptions extends IngestOptions {
  by: GroupBy;
  /** Called after each conversation is tagged, e.g. for progress or for `grounding tag` output. */
  onConversation?: (conversation: Conversation, tagged: TaggedTurn[]) => void | Promise<void>;
}

/** Read, tag and count every conversation in the inputs. */
export async function tallyInputs(inputs: readonly string[], options: TallyOptions): Promise<TallyRun> {
  const { conversations, accounts } = await ingest(inputs, options);
  const tally: Tally = new Map();
  let count = 0;
  for await (const conversation of conversations) {
    const tagged = tagConversation(conversation);
    tallyConversation(tally, tagged, conversation.source, options.by);
    count += 1;
    await options.onConversation?.(conversation, tagged);
  }
  return { tally, files: accounts, conversations: count };
}
