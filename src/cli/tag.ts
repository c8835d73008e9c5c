/** `grounding tag`: one JSON line per turn with the acts found in it, as the DESIGN contract fixes it. */
import type { Writable } from 'node:stream';
import type { CommandModule } from 'yargs';
import type { TaggedTurn } from '../model.js';
import { tallyInputs } from '../pipeline.js';
import { openAtomic } from '../report/atomic.js';
import { formatAccounts } from '../report/index.js';
import { checkWritable, write, type Io } from './io.js';
import { inputOptions } from './options.js';
import { progressReporter } from './progress.js';

/** The `tag` line: keys in the documented order, `model` null when the input names none. */
export function tagLine(conversationId: string, { turn, findings }: TaggedTurn): string {
  return JSON.stringify({
    conversation_id: conversationId,
    turn_id: turn.id,
    role: turn.role,
    speaker: turn.speaker,
    model: turn.model ?? null,
    acts: findings.map((f) => ({ act: f.act, rule: f.rule, sentence: f.sentence, start: f.start, end: f.end, text: f.text })),
  });
}

export function tagCommand(io: Io): CommandModule {
  return {
    command: 'tag <inputs..>',
    describe: 'Write one JSON line per turn with its grounding acts',
    builder: (y) =>
      inputOptions(y)
        .option('out', { alias: 'o', type: 'string', describe: 'Write the lines to FILE (whole or not at all) instead of stdout' })
        .example('$0 tag export.jsonl --out tags.jsonl', 'Tag every turn of a JSONL log'),
    handler: async (argv) => {
      const args = argv as unknown as { inputs: string[]; format: string; model?: string; skipInvalid: boolean; progress: boolean; jobs: number; out?: string };
      if (args.out) checkWritable(args.out);
      const file = args.out ? await openAtomic(args.out) : null;
      const out: Writable = file ? file.stream : io.stdout;
      const progress = progressReporter(io, args.progress);
      try {
        const run = await tallyInputs(args.inputs, {
          format: args.format,
          model: args.model,
          skipInvalid: args.skipInvalid,
          jobs: args.jobs,
          stdin: io.stdin,
          by: 'model',
          onProgress: progress.onProgress,
          onConversation: async (conversation, tagged) => {
            progress.conversation();
            for (const t of tagged) await write(out, `${tagLine(conversation.id, t)}\n`);
          },
        });
        progress.stop();
        await file?.commit();
        await write(io.stderr, `${formatAccounts(run.files)}\n`);
      } catch (error) {
        progress.stop();
        await file?.abort();
        throw error;
      }
    },
  };
}
