/** `grounding analyze`: the per-model summary against the human baseline. */
import { chooseBaseline } from '../baseline/load.js';
import { buildSummary, RATES, requireBaselineEstimates, taggerChoice, type RateBasis } from '../measure/summary.js';
import { GROUP_BY, type GroupBy } from '../measure/tally.js';
import type { Shard } from '../ingest/index.js';
import { tallyInputs } from '../pipeline.js';
import type { TaggerKind } from '../tag/tagger.js';
import { loadLexicons } from '../tag/lexicon.js';
import { formatAccounts, formatFor, formatTable, writeReport } from '../report/index.js';
import { VERSION } from '../version.js';
import { checkWritable, modelWarning, ranRelaunched, write, type Io } from './io.js';
import type { CommandBody } from './main.js';
import { inputOptions, parseShard, tableOptions, tableSettings } from './options.js';
import { progressReporter } from './progress.js';

export function analyzeCommand(io: Io, setExitCode: (code: number) => void): CommandBody {
  return {
    builder: (y) =>
      tableOptions(inputOptions(y))
        .option('by', { choices: GROUP_BY, default: 'model' as GroupBy, describe: 'Group turns by model, role, source file or conversation (always split by role)' })
        .option('out', { alias: 'o', type: 'string', array: true, default: [] as string[], describe: 'Also write the summary to FILE: .json, .csv, .md or .html (repeatable)' })
        .option('baseline', { type: 'string', describe: 'Human baseline JSON (default: the shipped corpora/baselines/human.json); --no-baseline compares with nothing' })
        .option('baseline-domain', { type: 'string', default: 'pooled', describe: 'Baseline domain to compare with: pooled, task, support, persuasion or tutoring' })
        .option('rates', { choices: RATES, default: 'tagged' as RateBasis, describe: 'Which rates the gap to human compares: tagged, or estimated (corrected for the tagger\u2019s measured error, on both sides)' })
        .option('shard', { type: 'string', describe: 'Read only shard I of N (I/N): every Nth record across the inputs; combine the shards with grounding merge', coerce: parseShard })
        .example('$0 analyze conversations.json', 'A ChatGPT export, against the pooled human baseline')
        .example('$0 analyze logs/*.jsonl.gz -o summary.json -o report.html', 'Also write a summary and a page with charts'),
    handler: async (argv) => {
      const args = argv as unknown as {
        inputs: string[]; format: string; model?: string; skipInvalid: boolean; progress: boolean; jobs: number; tagger: TaggerKind; by: GroupBy;
        out: string[]; baseline?: string | false; baselineDomain: string; rates: RateBasis; color?: boolean; rows: number; shard?: Shard;
      };
      const relaunched = await ranRelaunched(io, args.jobs, args.inputs);
      if (relaunched !== null) return setExitCode(relaunched);
      // Check every output name, its folder and the baseline before reading anything.
      args.out.forEach((path) => {
        formatFor(path);
        checkWritable(path);
      });
      const baseline = args.baseline === false ? null : chooseBaseline(args.baseline, args.baselineDomain);
      const tagger = taggerChoice(args.tagger);
      if (baseline && args.rates === 'estimated') requireBaselineEstimates(baseline);
      const lexiconHash = loadLexicons().hash;
      if (baseline && baseline.baseline.tagger.lexiconHash !== lexiconHash) {
        await write(io.stderr, `warning: the baseline ${baseline.path} was measured with other lexicons (${baseline.baseline.tagger.lexiconHash}, now ${lexiconHash}); rebuild it with \`grounding baseline build\` for a like-for-like comparison.\n`);
      }
      if (baseline && args.rates === 'estimated') await write(io.stderr, modelWarning(baseline, tagger));
      const progress = progressReporter(io, args.progress);
      let run;
      try {
        run = await tallyInputs(args.inputs, {
          format: args.format,
          model: args.model,
          skipInvalid: args.skipInvalid,
          jobs: args.jobs,
          stdin: io.stdin,
          by: args.by,
          shard: args.shard,
          tagger: args.tagger,
          onProgress: progress.onProgress,
          onConversation: () => progress.conversation(),
        });
      } finally {
        progress.stop();
      }
      const summary = buildSummary({ version: VERSION, groupBy: args.by, tally: run.tally, files: run.files, conversations: run.conversations, baseline, matched: run.matched, tagger, rates: args.rates });
      await write(io.stdout, `${formatTable(summary, tableSettings(args, io.stdout))}\n`);
      await write(io.stderr, `${formatAccounts(run.files)}\n`);
      for (const path of args.out) {
        await writeReport(path, summary);
        await write(io.stderr, `wrote ${path}\n`);
      }
    },
  };
}
