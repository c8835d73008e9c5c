/** `grounding tag`: one JSON line per turn with the acts found in it, as the DESIGN contract fixes it. */
import type { Writable } from 'node:stream';
import type { TaggedTurn } from '../model.js';
import { UsageError } from '../errors.js';
import { round } from '../measure/stats.js';
import { tallyInputs } from '../pipeline.js';
import { describeFeature } from '../tag/learned/features.js';
import type { TaggerKind } from '../tag/tagger.js';
import { openAtomic } from '../report/atomic.js';
import { formatAccounts } from '../report/index.js';
import { checkWritable, ranRelaunched, write, type Io } from './io.js';
import type { CommandBody } from './main.js';
import { inputOptions } from './options.js';
import { progressReporter } from './progress.js';

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

export function tagCommand(io: Io, setExitCode: (code: number) => void): CommandBody {
  return {
    builder: (y) =>
      inputOptions(y)
        .option('out', { alias: 'o', type: 'string', describe: 'Write the lines to FILE (whole or not at all) instead of stdout' })
        .option('explain', { type: 'boolean', default: false, describe: 'Add each act\u2019s probability, threshold and weightiest features to every line (learned tagger)' })
        .example('$0 tag export.jsonl --out tags.jsonl', 'Tag every turn of a JSONL log')
        .example('$0 tag export.jsonl --explain', 'The same, with why each act was or was not tagged'),
    handler: async (argv) => {
      const args = argv as unknown as { inputs: string[]; format: string; model?: string; skipInvalid: boolean; progress: boolean; jobs: number; tagger: TaggerKind; explain: boolean; out?: string };
      const relaunched = await ranRelaunched(io, args.jobs, args.inputs);
      if (relaunched !== null) return setExitCode(relaunched);
      if (args.explain && args.tagger === 'rules') throw new UsageError('Expected --explain with the learned tagger, found --tagger rules: the rules alone have no probabilities to explain. Drop one of them, or see `grounding explain` for the rules\u2019 steps.');
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
          tagger: args.tagger,
          explain: args.explain,
          onProgress: progress.onProgress,
          onConversation: async (conversation, tagged) => {
            progress.conversation();
            for (const t of tagged) await write(out, `${tagLine(conversation.id, t, args.explain)}\n`);
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
