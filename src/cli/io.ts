/** Where commands read and write; injectable so tests can run `main` in-process. */
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal: progress and colour only go to one. */
  interactive: boolean;
  cwd: string;
}

export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, interactive: Boolean(process.stderr.isTTY), cwd: process.cwd() };
}

/** Write with backpressure, so streaming a large `tag` output never buffers it all. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
