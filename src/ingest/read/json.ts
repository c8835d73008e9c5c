/**
 * JSON records without reading a file whole: a top-level array is split into its elements by a
 * small scanner that tracks strings, escapes and depth; otherwise each top-level value (one object,
 * or objects one a line) is a record.
 */
import { InputError } from '../../errors.js';
import { MAX_RECORD_CHARS, tooLarge } from '../limits.js';
import { formatExtension } from '../source.js';
import type { InputFile, RawRecord } from '../types.js';
import { parseJson, readJsonLines } from './jsonl.js';

const WS = new Set([' ', '\t', '\n', '\r']);
// Characters that end a bare value such as `42` or `true`.
const ENDS_BARE = new Set([' ', '\t', '\n', '\r', ',', ']', '}', '[', '{', '"']);

/** Feed text chunks in order; each `push` yields the records completed so far. */
export class JsonSplitter {
  private mode: 'array' | 'values' | undefined;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  private record: 'container' | 'string' | 'bare' | undefined;
  private recordLine = 0;
  private parts: string[] = [];
  // Characters of the record so far; past the limit its text is dropped and only counted.
  private size = 0;
  private from = 0;
  private arrayClosed = false;
  private failed = false;

  constructor(
    private readonly file: string,
    private readonly maxChars = MAX_RECORD_CHARS,
    /** Whether the next record is used (InputFile.wants): one that is not is counted, not parsed. */
    private readonly wants?: () => boolean,
  ) {}

  private get recordDepth(): number {
    return this.mode === 'array' ? 1 : 0;
  }

  private start(kind: 'container' | 'string' | 'bare', at: number): void {
    this.record = kind;
    this.recordLine = this.line;
    this.from = at;
  }

  private keep(piece: string): void {
    this.size += piece.length;
    if (this.size > this.maxChars) this.parts = [];
    else this.parts.push(piece);
  }

  private finish(chunk: string, end: number): RawRecord {
    if (this.wants && !this.wants()) {
      this.parts = [];
      this.size = 0;
      this.record = undefined;
      return { ok: true, value: undefined, line: this.recordLine };
    }
    this.keep(chunk.slice(this.from, end));
    const size = this.size;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.record = undefined;
    if (size > this.maxChars) return { ok: false, error: tooLarge(this.file, this.recordLine, size) };
    return parseJson(text, this.file, this.recordLine);
  }

  private fail(line: number, expected: string, found: string): RawRecord {
    this.failed = true;
    return { ok: false, error: new InputError({ file: this.file, line }, 'invalid JSON', { expected, found }) };
  }

  *push(chunk: string): Generator<RawRecord> {
    if (this.failed) return;
    this.from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === '\n') this.line += 1;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.record === 'string' && this.depth === this.recordDepth) yield this.finish(chunk, i + 1);
        }
        continue;
      }
      if (this.record === 'bare' && ENDS_BARE.has(c)) yield this.finish(chunk, i);
      if (this.mode === undefined) {
        if (WS.has(c)) continue;
        this.mode = c === '[' ? 'array' : 'values';
        if (this.mode === 'array') {
          this.depth = 1;
          continue;
        }
      }
      if (this.arrayClosed) {
        if (WS.has(c)) continue;
        yield this.fail(this.line, 'nothing after the top-level array', `\`${c}\``);
        return;
      }
      const atRecordDepth = this.depth === this.recordDepth && this.record === undefined;
      if (c === '"') {
        this.inString = true;
        if (atRecordDepth) this.start('string', i);
      } else if (c === '{' || c === '[') {
        if (atRecordDepth) this.start('container', i);
        this.depth += 1;
      } else if (c === '}' || c === ']') {
        if (this.depth === this.recordDepth) {
          if (this.mode === 'array' && c === ']') {
            this.depth = 0;
            this.arrayClosed = true;
            continue;
          }
          yield this.fail(this.line, 'balanced brackets', `an unmatched \`${c}\``);
          return;
        }
        this.depth -= 1;
        if (this.record === 'container' && this.depth === this.recordDepth) yield this.finish(chunk, i + 1);
      } else if (atRecordDepth && c !== ',' && !WS.has(c)) {
        this.start('bare', i);
      }
    }
    if (this.record !== undefined) this.keep(chunk.slice(this.from));
  }

  *end(): Generator<RawRecord> {
    if (this.failed) return;
    if (this.record === 'bare') yield this.finish('', 0);
    else if (this.record !== undefined) yield this.fail(this.recordLine, 'the record that starts here to end', 'the end of the file');
    else if (this.mode === 'array' && !this.arrayClosed) yield this.fail(this.line, '`]` closing the top-level array', 'the end of the file');
  }
}

async function* split(file: string, chunks: AsyncIterable<string>, wants?: () => boolean): AsyncGenerator<RawRecord> {
  const splitter = new JsonSplitter(file, MAX_RECORD_CHARS, wants);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}

/**
 * Read ahead until the first non-blank character is `[` or the first non-blank line is complete
 * (or the record limit is reached); then replay what was read before the rest.
 */
async function peek(chunks: AsyncIterable<string>, maxChars: number) {
  const it = chunks[Symbol.asyncIterator]();
  const kept: string[] = [];
  let size = 0;
  let first: string | undefined;
  for (let n = await it.next(); !n.done; n = await it.next()) {
    const chunk = n.value;
    kept.push(chunk);
    size += chunk.length;
    const at = first === undefined ? chunk.search(/\S/) : 0;
    if (at >= 0) {
      first ??= chunk[at];
      if (first === '[' || chunk.includes('\n', at)) break;
    }
    if (size > maxChars) break;
  }
  const replay = (async function* () {
    try {
      yield* kept;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    } finally {
      await it.return?.(); // closes the file when the reader stops early
    }
  })();
  return { text: kept.join(''), replay };
}

/**
 * Records of a JSON file: the elements of a top-level array; else one a line when the file is
 * `.jsonl` or its first line is a whole JSON value; else each top-level value (a pretty-printed object).
 */
export async function* readJsonRecords(file: InputFile): AsyncGenerator<RawRecord> {
  const { text, replay } = await peek(file.chunks(), MAX_RECORD_CHARS);
  const first = text.trimStart();
  const firstLine = first.split('\n', 1)[0]!;
  if (first.startsWith('[')) {
    yield* split(file.path, replay, file.wants);
  } else if (formatExtension(file.path) === 'jsonl' || (firstLine.length <= MAX_RECORD_CHARS && isWholeJson(firstLine))) {
    yield* readJsonLines(file.path, replay, file.wants);
  } else {
    yield* split(file.path, replay, file.wants);
  }
}

function isWholeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
