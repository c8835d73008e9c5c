/** `grounding formats`: the input formats and how each is detected. */
import type { CommandModule } from 'yargs';
import { listFormats } from '../ingest/index.js';
import { write, type Io } from './io.js';

export function formatsCommand(io: Io): CommandModule {
  return {
    command: 'formats',
    describe: 'List the input formats --format accepts',
    handler: async () => {
      const rows = listFormats().map((f) => `${f.id.padEnd(18)} ${f.description} (.${f.extensions.join(', .')})`);
      await write(io.stdout, `${rows.join('\n')}\n`);
    },
  };
}
