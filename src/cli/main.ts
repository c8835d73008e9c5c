/**
 * The command line. `main` returns the exit code: 0 success, 1 a gate failed, 2 usage or input
 * error. It never calls process.exit(); bin/grounding.js sets process.exitCode.
 */
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { processIo, STDIN_ARG, type Io } from './io.js';

/** What a command's module gives: its options and what it does. Its name and description are here, in COMMAND_LIST. */
export type CommandBody = Pick<CommandModule, 'builder' | 'handler'>;

type SetExitCode = (code: number) => void;

/**
 * The commands, in the order help lists them. Each module (with the stages it needs) is loaded
 * only when its command runs or shows its help: `analyze` does not load eval, replay or the queue,
 * and `grounding --help` loads no stage at all.
 */
const COMMAND_LIST: Array<{ name: string; command: string; describe: string; load: (io: Io, setExitCode: SetExitCode) => Promise<CommandBody> }> = [
  { name: 'analyze', command: 'analyze <inputs..>', describe: 'Print act rates per model and role against the human baseline', load: async (io, setExitCode) => (await import('./analyze.js')).analyzeCommand(io, setExitCode) },
  { name: 'tag', command: 'tag <inputs..>', describe: 'Write one JSON line per turn with its grounding acts', load: async (io, setExitCode) => (await import('./tag.js')).tagCommand(io, setExitCode) },
  { name: 'gate', command: 'gate <inputs..>', describe: 'Check act rates against the thresholds in grounding.yaml; exit 1 when one is missed', load: async (io, setExitCode) => (await import('./gate.js')).gateCommand(io, setExitCode) },
  { name: 'init', command: 'init [file]', describe: 'Write a commented grounding.yaml with example gate thresholds', load: async (io) => (await import('./init.js')).initCommand(io) },
  { name: 'merge', command: 'merge <summaries..>', describe: 'Merge summary JSON files (e.g. from analyze --shard i/n) into one', load: async (io) => (await import('./merge.js')).mergeCommand(io) },
  { name: 'queue', command: 'queue <command>', describe: 'Spread a run over workers through Redis: submit, status, collect', load: async (io) => (await import('./queue.js')).queueCommand(io) },
  { name: 'worker', command: 'worker', describe: 'Analyze the shards of queued runs until stopped (Ctrl-C or SIGTERM finishes the shards in hand)', load: async (io) => (await import('./worker.js')).workerCommand(io) },
  { name: 'replay', command: 'replay', describe: "Generate a model's replies at every helper turn of human conversations, for a matched comparison", load: async (io) => (await import('./replay.js')).replayCommand(io) },
  { name: 'explain', command: 'explain <text>', describe: 'Show which rules fire on a text, given the turn before it, and why', load: async (io) => (await import('./explain.js')).explainCommand(io) },
  { name: 'eval', command: 'eval <corpus>', describe: 'Measure the tagger against human dialogue-act labels (precision, recall, F1)', load: async (io) => (await import('./eval.js')).evalCommand(io) },
  { name: 'baseline', command: 'baseline <action> [corpora]', describe: 'Build the human baseline from human-to-human corpora', load: async (io) => (await import('./baseline.js')).baselineCommand(io) },
  { name: 'formats', command: 'formats', describe: 'List the input formats --format accepts', load: async (io) => (await import('./formats.js')).formatsCommand(io) },
];

const COMMANDS = COMMAND_LIST.map((c) => c.name);

/** Thrown by the stand-in of a command that was not loaded, should yargs choose it: main loads it and parses again. */
class NotLoaded extends Error {
  constructor(readonly command: string) {
    super(`the command ${command} was not loaded`);
  }
}

/** yargs' own messages, rewritten to say what was expected, what was found and what to do. */
function explainUsage(message: string, args: readonly string[]): string {
  const command = args.find((a) => !a.startsWith('-'));
  if (/^Unknown argument/.test(message) && command !== undefined && !COMMANDS.includes(command)) {
    return `Expected a command (${COMMANDS.join(', ')}), found \`${command}\`. See grounding --help.`;
  }
  const where = command && COMMANDS.includes(command) ? `grounding ${command} --help` : 'grounding --help';
  if (/^Not enough non-option arguments/.test(message)) return `Expected the command's required arguments, found too few. See ${where}.`;
  return `${message}. See ${where}.`;
}

/** The part of yargs' internals that skipHelpCache reaches; absent members leave yargs as it is. */
type WithUsage = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } | undefined } };

/**
 * yargs lays out the running command's whole help text as soon as its handler starts, so that a
 * failure later could print it (40–70 ms of `analyze`'s start-up, measured cold). Our `fail`
 * throws instead, and `--help` lays the text out when asked, so nothing reads that copy.
 */
function skipHelpCache(cli: unknown): void {
  const usage = (cli as WithUsage).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

export async function main(argv: readonly string[], io: Io = processIo(argv)): Promise<number> {
  const args = argv.slice(2).map((a) => (a === '-' ? STDIN_ARG : a));
  // Commands that decide a verdict (gate) set it here; the others succeed with 0.
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  // The command is the first argument that is not an option (yargs reads it so, since no option
  // of grounding's own takes a value); should yargs choose another, that one is loaded too.
  const first = args.find((a) => !a.startsWith('-'));
  const loaded = new Set(COMMANDS.filter((name) => name === first));
  let output = '';
  for (;;) {
    const cli = yargs()
      .scriptName('grounding')
      .usage('$0 <command> [options]\n\nMeasure grounding acts (clarification, understanding checks, acknowledgements, follow-ups, repairs) in chat logs, against a human baseline.');
    for (const { name, command, describe, load } of COMMAND_LIST) {
      const body: CommandBody = loaded.has(name)
        ? await load(io, setExitCode)
        : {
            builder: () => {
              throw new NotLoaded(name);
            },
            handler: () => {},
          };
      cli.command({ command, describe, ...body });
    }
    cli
      .demandCommand(1, 'Name a command; see grounding --help.')
      .strict()
      .version(VERSION)
      .help()
      .alias('h', 'help')
      .epilogue('Exit codes: 0 success, 1 a gate threshold missed, 2 usage or input error.')
      .wrap(Math.min(110, (io.stdout as NodeJS.WriteStream).columns || 100))
      .exitProcess(false)
      // Usage problems become UsageErrors, printed once below with exit code 2.
      .fail((message, error) => {
        throw error ?? new UsageError(explainUsage(message, args));
      });
    skipHelpCache(cli);
    output = '';
    try {
      await cli.parseAsync(args, {}, (_err, _args, text) => {
        output = text;
      });
    } catch (error) {
      if (error instanceof NotLoaded && !loaded.has(error.command)) {
        loaded.add(error.command);
        continue;
      }
      if (output) io.stderr.write(`${output}\n`);
      if (error instanceof UsageError) {
        io.stderr.write(`grounding: ${error.message}\n`);
        return 2;
      }
      // A yargs validation error (unknown option, missing argument) arrives as a plain Error.
      if (error instanceof Error && error.name === 'YError') {
        io.stderr.write(`grounding: ${explainUsage(error.message, args)}\n`);
        return 2;
      }
      io.stderr.write(`grounding: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report this with the command that caused it.\n`);
      return 2;
    }
    if (output) io.stdout.write(`${output}\n`);
    return exitCode;
  }
}
