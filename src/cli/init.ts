/** `grounding init`: write the commented example grounding.yaml for `grounding gate`. */
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { exampleConfig } from '../gate/config.js';
import { writeAtomic } from '../report/atomic.js';
import { checkWritable, write, type Io } from './io.js';
import type { CommandBody } from './main.js';

export function initCommand(io: Io): CommandBody {
  return {
    builder: (y) =>
      y
        .positional('file', { type: 'string', default: 'grounding.yaml', describe: 'Where to write the config' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite the file if it exists' })
        .example('$0 init', 'Write ./grounding.yaml, then edit its thresholds'),
    handler: async (argv) => {
      const { file, force } = argv as unknown as { file: string; force: boolean };
      if (!/\.ya?ml$/i.test(file)) throw new UsageError(`Expected a .yaml or .yml file to write the config to, found \`${file}\`. Name it grounding.yaml, or another name ending in .yaml.`);
      checkWritable(file);
      if (existsSync(file) && !force) throw new UsageError(`Expected no file at ${file}, found one. Pass --force to overwrite it, or name another file.`);
      await writeAtomic(file, exampleConfig());
      await write(io.stdout, `wrote ${file}; edit its thresholds, then run \`grounding gate <logs…>\`.\n`);
    },
  };
}
