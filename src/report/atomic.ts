/** Output files appear whole or not at all: written to a temp file in the same folder, then renamed. */
import { randomBytes } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UsageError } from '../errors.js';

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** File-system failures on an output are the user's to fix: name the file they asked for, not the temp file. */
function outputError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error as Error;
  return new UsageError(`Expected to write ${path}, found the file system refusing (${code}). Check the folder exists and is writable.`);
}

export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = tempPath(path);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw outputError(path, error);
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
  try {
    stream = (await open(temp, 'w')).createWriteStream({ encoding: 'utf8' });
  } catch (error) {
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
      if (failure) {
        await rm(temp, { force: true });
        throw outputError(path, failure);
      }
      await rename(temp, path);
    },
    async abort() {
      stream.end();
      await finished(stream).catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}
