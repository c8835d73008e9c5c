/** Output files appear whole or not at all: written to a temp file in the same folder, then renamed. */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = tempPath(path);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A stream for long outputs (`grounding tag --out`): `commit` renames it into place, `abort` removes it. */
export interface AtomicStream {
  stream: WriteStream;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export function atomicStream(path: string): AtomicStream {
  const temp = tempPath(path);
  const stream = createWriteStream(temp, { encoding: 'utf8' });
  return {
    stream,
    async commit() {
      stream.end();
      await once(stream, 'finish');
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}
