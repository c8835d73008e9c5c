/** `grounding formats`: the input formats and how each is detected. */
import { listFormats } from '../ingest/index.js';
import { write, type Io } from './io.js';
import type { CommandBody } from './main.js';

export function formatsCommand(io: Io): CommandBody {
  return {
    handler: async () => {
      const rows = listFormats().map((f) => `${f.id.padEnd(18)} ${f.description} (.${f.extensions.join(', .')})`);
      await write(io.stdout, `${rows.join('\n')}\n`);
    },
  };
}
