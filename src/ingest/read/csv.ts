/** CSV rows as objects keyed by the header, streamed through csv-parse, each with its 1-based line. */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { InputError } from '../../errors.js';
import type { RawRecord } from '../types.js';

interface Row {
  record: Record<string, string>;
  /** `lines` is where the row ends; `error` is set when its field count differs from the header's. */
  info: { lines: number; empty_lines: number; error?: { record?: unknown[] } };
}

/** Rows as `{ok: true, value: {column: text}}`; a row with the wrong number of fields is an error record. */
export async function* readCsvRows(file: string, chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  const parser = Readable.from(chunks).pipe(parse({ columns: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  let lastLine = 1;
  let lastEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<Row>) {
      // A quoted field may span lines, so a row starts just after the previous one ended.
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      if (info.error) {
        yield { ok: false, error: new InputError({ file, line }, 'invalid CSV', { expected: 'as many fields as the header has columns', found: `${info.error.record?.length ?? 'a different number of'} fields` }) };
      } else {
        yield { ok: true, value: record, line };
      }
    }
  } catch (err) {
    // A CSV syntax error (e.g. an unclosed quote) leaves no way to find the next row.
    const csv = err as { lines?: number; message?: string };
    yield { ok: false, error: new InputError({ file, line: csv.lines ?? lastLine }, 'invalid CSV', { expected: 'valid CSV', found: csv.message ?? String(err) }) };
  }
}
