/** Options shared by commands: those that read chat logs, and those that print the summary's table. */
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { AUTO, FORMAT_IDS, TAGGERS, type TaggerKind } from '../choices.js';
import { UsageError } from '../errors.js';
import type { Shard } from '../ingest/index.js';
import { STDIN_ARG } from './io.js';

/**
 * `formatOption` names the input-format option: `format` everywhere but `gate`, where `--format`
 * chooses the output (text or github) and the input format is `--input-format`.
 */
export function inputOptions<T>(yargs: Argv<T>, formatOption: 'format' | 'input-format' = 'format') {
  return yargs
    .positional('inputs', {
      type: 'string',
      describe: 'Files, folders, globs, or - for stdin; .gz is read through',
      // yargs drops a lone "-" from variadic arguments, so main() passes it as STDIN_ARG.
      coerce: (inputs: string[]) => inputs.map((i) => (i === STDIN_ARG ? '-' : i)),
    })
    .option(formatOption, {
      ...(formatOption === 'format' ? { alias: 'f' } : {}),
      type: 'string',
      default: AUTO,
      describe: `Input format: ${AUTO} (detect by shape) or one of ${FORMAT_IDS.join(', ')}`,
    })
    .option('model', { type: 'string', describe: 'Model name for inputs that carry none (Claude exports, transcripts)' })
    .option('tagger', {
      choices: TAGGERS,
      default: 'learned' as TaggerKind,
      describe: 'Who decides the acts: the learned model, with the lexicons and rules among its features, or the lexicons and rules alone',
    })
    .option('skip-invalid', { type: 'boolean', default: false, describe: 'Count malformed records as skipped instead of failing with exit 2' })
    .option('progress', { type: 'boolean', default: true, describe: 'Show progress on stderr when it is a terminal' })
    .option('jobs', {
      alias: 'j',
      type: 'number',
      default: availableParallelism(),
      defaultDescription: 'the number of cores',
      describe: 'Worker threads for tagging (they start only for inputs of more than a few hundred conversations); the result is the same for any number',
      coerce: (jobs: number) => {
        if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`Expected --jobs to be a whole number of at least 1, found \`${jobs}\``);
        return jobs;
      },
    });
}

/** What inputOptions gives a command, less the input format (`format`, or `inputFormat` in gate). */
export interface InputArgs {
  inputs: string[];
  model?: string;
  skipInvalid: boolean;
  progress: boolean;
  jobs: number;
  tagger: TaggerKind;
}

/** Groups shown per terminal table by default: every model of a run, a first look at `--by conversation` (a table of 50 conversations takes cli-table3 0.2–0.4 s to lay out, src/report/cli-table.ts). */
const DEFAULT_ROWS = 50;

/** The terminal table's options, for the commands that print one (analyze, merge, queue collect). */
export function tableOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('color', { type: 'boolean', describe: 'Colour the table (default: when stdout is a terminal)' })
    .option('rows', {
      type: 'number',
      default: DEFAULT_ROWS,
      describe: 'Show at most N groups per table in the terminal, 0 for all (files written with -o hold every group)',
      coerce: (rows: number) => {
        if (!Number.isInteger(rows) || rows < 0) throw new UsageError(`Expected --rows to be a whole number of at least 0, found \`${rows}\``);
        return rows;
      },
    });
}

/** What the table options ask for: colour when asked, else when stdout is a terminal. */
export function tableSettings(args: { color?: boolean; rows: number }, stdout: NodeJS.WritableStream): { color: boolean; rows: number } {
  return { color: args.color ?? Boolean((stdout as NodeJS.WriteStream).isTTY), rows: args.rows };
}

/** `--shard 2/4` → shard 2 of 4. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new UsageError(`Expected --shard I/N with 1 ≤ I ≤ N, such as 1/4, found \`${text}\``);
  }
  return { index, count };
}
