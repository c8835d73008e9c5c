/** Output files appear whole or not at all: written to a temp file in the same folder, then renamed. */
import { randomBytes } from 'node:crypto';
import { rmSync, type WriteStream } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UsageError } from '../errors.js';

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

// Temp files being written. On Ctrl-C or SIGTERM they are removed before the process ends as the
// signal would end it, so an interrupted run leaves nothing behind (a crash can still leave one).
const live = new Set<string>();

function onSignal(signal: NodeJS.Signals): void {
  // A command that handles the signal itself (replay) winds down and aborts its own outputs.
  if (process.listenerCount(signal) > 1) return;
  for (const temp of live) rmSync(temp, { force: true });
  live.clear();
  stopWatching();
  process.kill(process.pid, signal);
}

function stopWatching(): void {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

function track(temp: string): void {
  if (live.size === 0) {
    // First in line, so a command's own handler still counts when this one looks.
    process.prependListener('SIGINT', onSignal);
    process.prependListener('SIGTERM', onSignal);
  }
  live.add(temp);
}

function untrack(temp: string): void {
  live.delete(temp);
  if (live.size === 0) stopWatching();
}

/** File-system failures on an output are the user's to fix: name the file they asked for, not the temp file. */
function outputError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error as Error;
  return new UsageError(`Expected to write ${path}, found the file system refusing (${code}). Check the folder exists and is writable.`);
}

export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = tempPath(path);
  track(temp);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw outputError(path, error);
  } finally {
    untrack(temp);
  }
}

/** A stream for long outputs (`grounding tag --out`): `commit` renames it into place, `abort` removes it. */
export interface AtomicStream {
  stream: WriteStream;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openAtomic(path: string): Promise<AtomicStream> {
  const temp = tempPath(path);
  let stream: WriteStream;
  track(temp);
  try {
    stream = (await open(temp, 'w')).createWriteStream({ encoding: 'utf8' });
  } catch (error) {
    untrack(temp);
    throw outputError(path, error);
  }
  let failure: unknown = null;
  // Keep a write error for commit to report; an unhandled 'error' event would crash the process.
  stream.on('error', (error) => {
    failure ??= error;
  });
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream).catch(() => undefined);
      try {
        if (failure) {
          await rm(temp, { force: true });
          throw outputError(path, failure);
        }
        await rename(temp, path);
      } finally {
        untrack(temp);
      }
    },
    async abort() {
      stream.end();
      await finished(stream).catch(() => undefined);
      await rm(temp, { force: true });
      untrack(temp);
    },
  };
}
