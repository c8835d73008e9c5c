/** Text split into lines with 1-based numbers; CRLF, LF and lone CR all end a line. */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

export interface Line {
  text: string;
  line: number;
}

export async function* readLines(chunks: AsyncIterable<string>): AsyncGenerator<Line> {
  const lines = createInterface({ input: Readable.from(chunks), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    yield { text, line };
  }
}
