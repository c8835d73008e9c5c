/** What `grounding tag` does once its options are read (cli/tag.ts): a JSON line per turn, in input order, to stdout or a file written whole. */
import type { Writable } from 'node:stream';
import type { TaggedTurn } from '../../model.js';
import { round } from '../../measure/stats.js';
import { describeFeature } from '../../tag/learned/features.js';
import { openAtomic } from '../../report/atomic.js';
import { formatAccounts } from '../../report/index.js';
import type { TagArgs } from '../tag.js';
import { checkWritable, write, type Io } from '../io.js';
import { tallyWithProgress } from '../progress.js';

/**
 * The `tag` line: keys in the documented order, `model` null when the input names none. With
 * `--explain`, each act also carries its probability (`p`), and the line an `explain` field: per
 * act, the turn's probability, the threshold and the weightiest features of its best unit.
 */
export function tagLine(conversationId: string, { turn, findings, explain }: TaggedTurn, withExplain = false): string {
  return JSON.stringify({
    conversation_id: conversationId,
    turn_id: turn.id,
    role: turn.role,
    speaker: turn.speaker,
    model: turn.model ?? null,
    acts: findings.map((f) => ({ act: f.act, rule: f.rule, sentence: f.sentence, start: f.start, end: f.end, text: f.text, ...(withExplain && f.confidence !== undefined && { p: round(f.confidence) }) })),
    ...(withExplain && {
      explain: (explain ?? []).map((e) => ({
        act: e.act,
        p: round(e.p),
        threshold: e.threshold,
        tagged: e.tagged,
        unit: e.unit,
        features: e.features.map((f) => ({ feature: f.feature, weight: round(f.weight), means: describeFeature(f.feature) })),
      })),
    }),
  });
}

export async function runTag(io: Io, args: TagArgs): Promise<void> {
  if (args.out) checkWritable(args.out);
  const file = args.out ? await openAtomic(args.out) : null;
  const out: Writable = file ? file.stream : io.stdout;
  try {
    const run = await tallyWithProgress(io, args, args.format, {
      by: 'model',
      explain: args.explain,
      onConversation: async (conversation, tagged) => {
        for (const t of tagged) await write(out, `${tagLine(conversation.id, t, args.explain)}\n`);
      },
    });
    await file?.commit();
    await write(io.stderr, `${formatAccounts(run.files)}\n`);
  } catch (error) {
    await file?.abort();
    throw error;
  }
}
