/** Options shared by the commands that read chat logs. */
import type { Argv } from 'yargs';

/** What main() puts in place of a lone `-` argument before yargs sees it. */
export const STDIN_ARG = '\u0000stdin';
import { AUTO, listFormats } from '../ingest/index.js';

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
      describe: `Input format: ${AUTO} (detect by shape) or one of ${listFormats()
        .map((f) => f.id)
        .join(', ')}`,
    })
    .option('model', { type: 'string', describe: 'Model name for inputs that carry none (Claude exports, transcripts)' })
    .option('skip-invalid', { type: 'boolean', default: false, describe: 'Count malformed records as skipped instead of failing with exit 2' })
    .option('progress', { type: 'boolean', default: true, describe: 'Show progress on stderr when it is a terminal' });
}
