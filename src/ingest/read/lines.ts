/**
 * Text split into lines with 1-based numbers; CRLF, LF and lone CR all end a line. A line longer
 * than the record limit is not kept: it comes out empty with `tooLong` set, so one huge line
 * costs no more memory than a short one.
 */
import { MAX_RECORD_CHARS } from '../limits.js';

export interface Line {
  text: string;
  line: number;
  /** The line's length when it was longer than the limit; its text is then empty. */
  tooLong?: number;
}

export async function* readLines(chunks: AsyncIterable<string>, maxChars = MAX_RECORD_CHARS): AsyncGenerator<Line> {
  const BREAK = /[\r\n]/g;
  let parts: string[] = [];
  let size = 0;
  let line = 0;
  // A CR ended the last chunk: an LF opening the next one belongs to it.
  let afterCr = false;
  const add = (piece: string) => {
    size += piece.length;
    if (size > maxChars) parts = [];
    else if (piece) parts.push(piece);
  };
  const emit = (): Line => {
    line += 1;
    const out: Line = size > maxChars ? { text: '', line, tooLong: size } : { text: parts.length === 1 ? parts[0]! : parts.join(''), line };
    parts = [];
    size = 0;
    return out;
  };
  for await (const chunk of chunks) {
    let from = afterCr && chunk.startsWith('\n') ? 1 : 0;
    afterCr = false;
    BREAK.lastIndex = from;
    for (let m = BREAK.exec(chunk); m; m = BREAK.exec(chunk)) {
      add(chunk.slice(from, m.index));
      yield emit();
      from = m.index + 1;
      if (m[0] === '\r') {
        if (from === chunk.length) afterCr = true;
        else if (chunk[from] === '\n') from += 1;
      }
      BREAK.lastIndex = from;
    }
    add(chunk.slice(from));
  }
  if (size > 0) yield emit();
}
