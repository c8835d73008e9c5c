/**
 * Open inputs: files, folders (walked), globs, `-` for stdin, gzip anywhere. Everything is read as
 * a stream of text chunks, so memory stays bounded by what a reader holds, never the file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError, UsageError } from '../errors.js';
import { Utf8Decoder } from './read/utf8.js';

/** How much text detection sees. */
export const HEAD_CHARS = 64 * 1024;

export const STDIN = '-';

/** The skip reason of a gzip stream that is cut off or corrupt. */
export const CORRUPT_GZIP = 'corrupt gzip';

/** A file to read; `walked` when found in a folder or by a glob rather than named outright. */
export interface InputPath {
  path: string;
  walked: boolean;
}

/** An opened input. `chunks` may be called again to re-read a file (not stdin). */
export interface OpenedInput {
  path: string;
  /** On-disk size in bytes (compressed for .gz), unknown for stdin. */
  size?: number;
  /** The first HEAD_CHARS characters of text, for detection. */
  head: string;
  chunks: (onBytes?: (bytesRead: number) => void) => AsyncIterable<string>;
}

// Documentation and licence files sit beside corpora and are never conversations.
const NOT_DATA = /^(readme|licen[cs]e|copying|notice|changelog|authors|contributing)\b|readme/i;

// A ConvoKit corpus folder: utterances.jsonl holds the conversations; these hold metadata only.
const CONVOKIT_METADATA = new Set(['corpus.json', 'index.json', 'speakers.json', 'conversations.json', 'users.json']);
const CONVOKIT_UTTERANCES = /^utterances\.jsonl(\.gz)?$/;

/** The extension that names the format: `json` for `a.json.gz`. */
export function formatExtension(path: string): string {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

function keepWalked(paths: string[], extensions: ReadonlySet<string>): string[] {
  const convokitDirs = new Set(paths.filter((p) => CONVOKIT_UTTERANCES.test(basename(p))).map(dirname));
  return paths.filter((p) => {
    const name = basename(p);
    if (NOT_DATA.test(name) || !extensions.has(formatExtension(p))) return false;
    return !(convokitDirs.has(dirname(p)) && CONVOKIT_METADATA.has(name.replace(/\.gz$/, '')));
  });
}

/**
 * Expand the inputs into files, in the order given; folders and globs expand in sorted order.
 * Folder and glob matches are filtered by `extensions` (before any `.gz`) and by name.
 */
export async function resolveInputs(inputs: readonly string[], extensions: ReadonlySet<string>): Promise<InputPath[]> {
  if (inputs.length === 0) throw new UsageError('Expected at least one input (a file, folder, glob or - for stdin), found none. Name the chat logs to read.');
  const out: InputPath[] = [];
  const seen = new Set<string>();
  const add = (path: string, walked: boolean) => {
    if (!seen.has(path)) out.push({ path, walked });
    seen.add(path);
  };
  for (const input of inputs) {
    if (input === STDIN) {
      add(STDIN, false);
      continue;
    }
    const kind = await kindOf(input);
    if (kind === 'file') {
      add(input, false);
    } else if (kind === 'dir') {
      const found = await glob('**/*', { cwd: input, onlyFiles: true, dot: false });
      for (const p of keepWalked(found.sort().map((f) => join(input, f)), extensions)) add(p, true);
    } else if (isDynamicPattern(input)) {
      const found = await glob(input, { onlyFiles: true, dot: false, absolute: isAbsolute(input) });
      if (found.length === 0) throw new UsageError(`Expected files matching the glob \`${input}\`, found none. Check the pattern and quote it so the shell does not expand it.`);
      for (const p of keepWalked(found.sort(), extensions)) add(p, true);
    } else {
      throw new UsageError(`Expected a file, folder, glob or - for stdin, found no such path \`${input}\`. Check the path.`);
    }
  }
  return out;
}

/** Lines seen so far in decoded text, so a stream that breaks can say where. */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * Raw bytes → text: gunzip when the bytes start with the gzip magic, decode UTF-8 (marking bytes
 * that are not UTF-8, see read/utf8.ts), drop a BOM. A gzip stream that is cut off or corrupt
 * fails with an InputError naming the line where the text broke off.
 */
async function* textOf(path: string, bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const it = bytes[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const replay = (async function* () {
    try {
      yield first.value;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    } finally {
      await it.return?.(); // closes the file when the reader stops early
    }
  })();
  const gzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
  // pipeline, not pipe: an early stop or an error must reach both ends.
  const plain: AsyncIterable<Buffer> = gzip ? pipeline(Readable.from(replay), createGunzip(), () => {}) : replay;
  const decoder = new Utf8Decoder();
  let started = false;
  let lines = 0;
  const emit = (text: string): string => {
    if (!started && text) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (gzip) lines += countLines(text);
    return text;
  };
  try {
    for await (const buf of plain) {
      const text = emit(decoder.write(buf));
      if (text) yield text;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!gzip || !code?.startsWith('Z_')) throw err;
    throw new InputError({ file: path, line: lines + 1 }, CORRUPT_GZIP, {
      expected: 'a complete gzip stream',
      found: `a broken stream (${(err as Error).message})`,
      fix: 'Fetch or compress the file again, or pass --skip-invalid to count the cut record as skipped and keep the records before it.',
    });
  }
  const rest = emit(decoder.end());
  if (rest) yield rest;
}

async function* counted(bytes: AsyncIterable<Buffer | string>, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of bytes) {
    // A stream in object mode (e.g. Readable.from(text)) yields strings.
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    n += buf.length;
    onBytes?.(n);
    yield buf;
  }
}

/** The skip reason of a file that cannot be read at all. */
export const UNREADABLE = 'unreadable';

export function unreadable(path: string, err: unknown): InputError {
  return new InputError({ file: path }, UNREADABLE, {
    expected: 'a readable file',
    found: `a read error (${err instanceof Error ? err.message : String(err)})`,
    fix: 'Check the file, or pass --skip-invalid to count it as skipped and go on.',
  });
}

async function readHead(path: string, chunks: AsyncIterable<string>, keep?: string[]): Promise<string> {
  let head = '';
  try {
    for await (const chunk of chunks) {
      keep?.push(chunk);
      head += chunk;
      if (head.length >= HEAD_CHARS) break;
    }
  } catch (err) {
    // A file that breaks after some text is still detected; reading it reports the break as a record.
    if (!head) throw err instanceof InputError ? err : unreadable(path, err);
  }
  return head.slice(0, HEAD_CHARS);
}

async function openFile(path: string): Promise<OpenedInput> {
  const { size } = await stat(path);
  const chunks = (onBytes?: (n: number) => void) => textOf(path, counted(createReadStream(path), onBytes));
  return { path, size, head: await readHead(path, chunks()), chunks };
}

/** Stdin can be read once: the head's chunks are kept and replayed before the rest. */
async function openStdin(stream: NodeJS.ReadableStream): Promise<OpenedInput> {
  let onBytesNow: ((n: number) => void) | undefined;
  const text = textOf(STDIN, counted(stream as AsyncIterable<Buffer | string>, (n) => onBytesNow?.(n)))[Symbol.asyncIterator]();
  const kept: string[] = [];
  const head = await readHead(STDIN, { [Symbol.asyncIterator]: () => ({ next: () => text.next() }) }, kept);
  let used = false;
  const chunks = (onBytes?: (n: number) => void) => {
    if (used) throw new UsageError('Expected to read stdin once, found a second read. Save the input to a file and name the file instead of -.');
    used = true;
    onBytesNow = onBytes;
    return (async function* () {
      yield* kept;
      for (let n = await text.next(); !n.done; n = await text.next()) yield n.value;
    })();
  };
  return { path: STDIN, head, chunks };
}

export function openInput(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<OpenedInput> {
  return path === STDIN ? openStdin(stdin) : openFile(path);
}
