/**
 * The command line. `main` returns the exit code: 0 success, 1 a gate failed, 2 usage or input
 * error. It never calls process.exit(); bin/grounding.js sets process.exitCode.
 */
import yargs from 'yargs';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { analyzeCommand } from './analyze.js';
import { baselineCommand } from './baseline.js';
import { evalCommand } from './eval.js';
import { explainCommand } from './explain.js';
import { formatsCommand } from './formats.js';
import { gateCommand } from './gate.js';
import { initCommand } from './init.js';
import { mergeCommand } from './merge.js';
import { queueCommand } from './queue.js';
import { processIo, type Io } from './io.js';
import { STDIN_ARG } from './options.js';
import { replayCommand } from './replay.js';
import { tagCommand } from './tag.js';
import { workerCommand } from './worker.js';

const COMMANDS = ['analyze', 'tag', 'gate', 'init', 'merge', 'queue', 'worker', 'replay', 'explain', 'eval', 'baseline', 'formats'];

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

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const args = argv.slice(2).map((a) => (a === '-' ? STDIN_ARG : a));
  // Commands that decide a verdict (gate) set it here; the others succeed with 0.
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const cli = yargs()
    .scriptName('grounding')
    .usage('$0 <command> [options]\n\nMeasure grounding acts (clarification, understanding checks, acknowledgements, follow-ups, repairs) in chat logs, against a human baseline.')
    .command(analyzeCommand(io))
    .command(tagCommand(io))
    .command(gateCommand(io, setExitCode))
    .command(initCommand(io))
    .command(mergeCommand(io))
    .command(queueCommand(io))
    .command(workerCommand(io))
    .command(replayCommand(io))
    .command(explainCommand(io))
    .command(evalCommand(io))
    .command(baselineCommand(io))
    .command(formatsCommand(io))
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
  let output = '';
  try {
    await cli.parseAsync(args, {}, (_err, _args, text) => {
      output = text;
    });
  } catch (error) {
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
