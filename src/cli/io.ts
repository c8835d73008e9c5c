/** Where commands read and write; injectable so tests can run `main` in-process. */
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import type { BaselineChoice, TaggerChoice } from '../measure/summary.js';

/** What main() puts in place of a lone `-` argument before yargs sees it. */
export const STDIN_ARG = '\u0000stdin';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal: progress only goes to one. */
  interactive: boolean;
  /**
   * Run this command line again in a child process with a larger young generation, giving its exit
   * code (relaunch.ts). Only the process's own command line can be: absent when tests run `main`.
   */
  relaunch?: () => Promise<number>;
}

/** The process's streams; given the process's own argv (bin/grounding.js), its command line can also be relaunched. */
export function processIo(argv?: readonly string[]): Io {
  const io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, interactive: Boolean(process.stderr.isTTY) };
  if (argv === process.argv && argv[1] !== undefined) io.relaunch = async () => (await import('./relaunch.js')).relaunch(argv[1]!, argv.slice(2));
  return io;
}

/**
 * Whether a command reading `inputs` with `jobs` threads has just run in a relaunched child
 * (relaunch.ts), and with what exit code; null when it runs here.
 */
export async function ranRelaunched(io: Io, jobs: number, inputs: readonly string[]): Promise<number | null> {
  if (!io.relaunch) return null;
  const { wantsRelaunch } = await import('./relaunch.js');
  return wantsRelaunch(jobs, inputs, { env: process.env, execArgv: process.execArgv }) ? io.relaunch() : null;
}

/** Write with backpressure, so streaming a large `tag` output never buffers it all. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** An output path must name a file in an existing folder; said before any work is done. */
export function checkWritable(path: string): void {
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`Expected an existing folder for the output ${path}, found no folder ${folder}. Create it or choose another path.`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(`Expected a file name for the output ${path}, found a folder. Name a file.`);
  }
}

/** Tags compare like with like only when the baseline was measured with these lexicons (`lexiconHash`): a stderr line saying what follows (`consequence`) when not, else ''. */
export function lexiconWarning(baseline: BaselineChoice, lexiconHash: string, consequence: string): string {
  const theirs = baseline.baseline.tagger.lexiconHash;
  return theirs === lexiconHash ? '' : `warning: the baseline ${baseline.path} was measured with other lexicons (${theirs}, now ${lexiconHash}); ${consequence}.\n`;
}

/** Estimates compare like with like only when the baseline's were calibrated by the same model: a stderr line when not, else ''. */
export function modelWarning(baseline: BaselineChoice, tagger: TaggerChoice): string {
  const theirs = baseline.baseline.tagger.model;
  const ours = tagger.kind === 'learned' ? tagger.model.version : null;
  if (theirs === null || theirs === ours) return '';
  return `warning: the baseline ${baseline.path} was estimated with another model (${theirs}, now ${ours ?? 'none'}); rebuild it with \`grounding baseline build\` for a like-for-like comparison of estimates.\n`;
}
