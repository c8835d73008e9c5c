/** `grounding baseline build`: measure the human helper-role rates and write the baseline file. */
import { buildBaseline } from '../baseline/build.js';
import { writeAtomic } from '../report/atomic.js';
import { baselineTable } from '../report/baseline.js';
import { checkWritable, write, type Io } from './io.js';
import type { CommandBody } from './main.js';

export function baselineCommand(io: Io): CommandBody {
  return {
    builder: (y) =>
      y
        .positional('action', { choices: ['build'] as const, describe: 'build: measure and write the baseline' })
        .positional('corpora', { type: 'string', default: '../shared/corpora/human', describe: 'Folder holding esconv/, persuasionforgood/ and mathdial/ (relative to the current folder)' })
        .option('out', { alias: 'o', type: 'string', default: 'corpora/baselines/human.json', describe: 'Where to write the baseline JSON (relative to the current folder)' }),
    handler: async (argv) => {
      const args = argv as unknown as { corpora: string; out: string };
      checkWritable(args.out);
      const baseline = await buildBaseline(args.corpora, (domain) => {
        if (io.interactive) io.stderr.write(`measuring ${domain}…\n`);
      });
      await writeAtomic(args.out, `${JSON.stringify(baseline, null, 2)}\n`);
      await write(io.stdout, `${baselineTable(baseline)}\nwrote ${args.out}\n`);
    },
  };
}
