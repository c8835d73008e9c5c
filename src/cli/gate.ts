/** `grounding gate`: analyze the inputs, check the thresholds in grounding.yaml, exit 0 or 1. Its work is in run/gate.ts, loaded once the options are read. */
import { ranRelaunched, type Io } from './io.js';
import type { CommandBody } from './main.js';
import { inputOptions, type InputArgs } from './options.js';

export const GATE_FORMATS = ['text', 'github'] as const;

export interface GateArgs extends InputArgs {
  /** The input format (gate's `--format` chooses its output). */
  inputFormat: string;
  config?: string;
  format: (typeof GATE_FORMATS)[number];
  out: string[];
  color?: boolean;
  summaries: boolean;
}

export function gateCommand(io: Io, setExitCode: (code: number) => void): CommandBody {
  return {
    builder: (y) =>
      inputOptions(y, 'input-format')
        .option('config', { alias: 'c', type: 'string', describe: 'The config file (default: the nearest grounding.yaml from here upwards)' })
        .option('format', { choices: GATE_FORMATS, default: 'text' as const, describe: 'Output: text, or github for annotations and a job summary' })
        .option('out', { alias: 'o', type: 'string', array: true, default: [] as string[], describe: 'Also write FILE: .xml (JUnit), .json (the summary, usable as compare_to), .csv, .md or .html' })
        .option('color', { type: 'boolean', describe: 'Colour the verdicts (default: when stdout is a terminal)' })
        .option('summaries', { type: 'boolean', default: false, describe: 'The inputs are summary JSON files (analyze, merge -o): gate them merged instead of reading logs' })
        .example('$0 gate logs/candidate.jsonl', 'Check against ./grounding.yaml')
        .example('$0 gate --summaries shard-*.json', 'Gate the shards of one analyze --shard run')
        .example('$0 gate logs/*.jsonl -c ci/grounding.yaml -o results.junit.xml -o summary.json --format github', 'In GitHub Actions'),
    handler: async (argv) => {
      const args = argv as unknown as GateArgs;
      // A long run goes to a child before this process loads the stages it would not use; summaries are never long runs.
      const relaunched = args.summaries ? null : await ranRelaunched(io, args.jobs, args.inputs);
      if (relaunched !== null) return setExitCode(relaunched);
      await (await import('./run/gate.js')).runGate(io, args, setExitCode);
    },
  };
}
