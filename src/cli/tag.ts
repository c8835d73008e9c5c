/** `grounding tag`: one JSON line per turn with the acts found in it, as the DESIGN contract fixes it. Its work is in run/tag.ts, loaded once the options are read. */
import { UsageError } from '../errors.js';
import { ranRelaunched, type Io } from './io.js';
import type { CommandBody } from './main.js';
import { inputOptions, type InputArgs } from './options.js';

export interface TagArgs extends InputArgs {
  format: string;
  explain: boolean;
  out?: string;
}

export function tagCommand(io: Io, setExitCode: (code: number) => void): CommandBody {
  return {
    builder: (y) =>
      inputOptions(y)
        .option('out', { alias: 'o', type: 'string', describe: 'Write the lines to FILE (whole or not at all) instead of stdout' })
        .option('explain', { type: 'boolean', default: false, describe: 'Add each act\u2019s probability, threshold and weightiest features to every line (learned tagger)' })
        .example('$0 tag export.jsonl --out tags.jsonl', 'Tag every turn of a JSONL log')
        .example('$0 tag export.jsonl --explain', 'The same, with why each act was or was not tagged'),
    handler: async (argv) => {
      const args = argv as unknown as TagArgs;
      if (args.explain && args.tagger === 'rules') throw new UsageError('Expected --explain with the learned tagger, found --tagger rules: the rules alone have no probabilities to explain. Drop one of them, or see `grounding explain` for the rules\u2019 steps.');
      // A long run goes to a child before this process loads the stages it would not use.
      const relaunched = await ranRelaunched(io, args.jobs, args.inputs);
      if (relaunched !== null) return setExitCode(relaunched);
      await (await import('./run/tag.js')).runTag(io, args);
    },
  };
}
