/** `grounding analyze`: the per-model summary against the human baseline. Its work is in run/analyze.ts, loaded once the options are read. */
import { GROUP_BY, RATES, type GroupBy, type RateBasis } from '../choices.js';
import type { Shard } from '../ingest/index.js';
import { ranRelaunched, type Io } from './io.js';
import type { CommandBody } from './main.js';
import { inputOptions, parseShard, tableOptions, type InputArgs } from './options.js';

export interface AnalyzeArgs extends InputArgs {
  format: string;
  by: GroupBy;
  out: string[];
  baseline?: string | false;
  baselineDomain: string;
  rates: RateBasis;
  color?: boolean;
  rows: number;
  shard?: Shard;
}

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
      const args = argv as unknown as AnalyzeArgs;
      // A long run goes to a child before this process loads the stages it would not use.
      const relaunched = await ranRelaunched(io, args.jobs, args.inputs);
      if (relaunched !== null) return setExitCode(relaunched);
      await (await import('./run/analyze.js')).runAnalyze(io, args);
    },
  };
}
