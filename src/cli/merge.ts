/** `grounding merge`: combine summaries of shards (or separate runs) into the one a single run would write. */
import { mergeSummaries } from '../measure/merge.js';
import { formatAccounts, formatFor, formatTable, writeReport } from '../report/index.js';
import { checkWritable, write, type Io } from './io.js';
import { readSummary } from './summary-file.js';
import type { CommandBody } from './main.js';
import { tableOptions, tableSettings } from './options.js';

export function mergeCommand(io: Io): CommandBody {
  return {
    builder: (y) =>
      tableOptions(y)
        .positional('summaries', { type: 'string', array: true, describe: 'Summary JSON files written by analyze, gate or merge with -o' })
        .option('out', { alias: 'o', type: 'string', array: true, default: [] as string[], describe: 'Also write the merged summary to FILE: .json, .csv, .md or .html (repeatable)' })
        .example('$0 merge shard-*.json -o summary.json', 'Combine the shards of one input'),
    handler: async (argv) => {
      const args = argv as unknown as { summaries: string[]; out: string[]; color?: boolean; rows: number };
      args.out.forEach((path) => {
        formatFor(path);
        checkWritable(path);
      });
      const summaries = args.summaries.map((path) => ({ path, summary: readSummary(path, 'Name summary files written with -o summary.json.') }));
      const summary = mergeSummaries(summaries);
      await write(io.stdout, `${formatTable(summary, tableSettings(args, io.stdout))}\n`);
      await write(io.stderr, `merged ${summaries.length} summar${summaries.length === 1 ? 'y' : 'ies'}\n${formatAccounts(summary.input.files)}\n`);
      for (const path of args.out) {
        await writeReport(path, summary);
        await write(io.stderr, `wrote ${path}\n`);
      }
    },
  };
}
