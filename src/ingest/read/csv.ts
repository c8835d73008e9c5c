/** CSV rows as objects keyed by the header, streamed through csv-parse, each with its 1-based line. */
import { CsvError, parse } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
import { InputError } from '../../errors.js';
import { checkUtf8, MAX_RECORD_CHARS, tooLarge } from '../limits.js';
import type { RawRecord } from '../types.js';

interface Row {
  record: Record<string, string>;
  /** `lines` is where the row ends; `error` is set when its field count differs from the header's. */
  info: { lines: number; empty_lines: number; error?: { record?: unknown[] } };
}

/** Rows as `{ok: true, value: {column: text}}`; a row with the wrong number of fields is an error record. */
export async function* readCsvRows(file: string, chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  // pipeline, not pipe: a read error (a cut .gz) must reach the parser, not go unhandled.
  const parser = pipeline(
    Readable.from(chunks),
    parse({ columns: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS }),
    () => {},
  );
  let lastLine = 1;
  let lastEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<Row>) {
      // A quoted field may span lines, so a row starts just after the previous one ended.
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      const notUtf8 = checkUtf8(Object.values(record).join(''), file, line);
      if (notUtf8) {
        yield { ok: false, error: notUtf8 };
      } else if (info.error) {
        yield { ok: false, error: new InputError({ file, line }, 'invalid CSV', { expected: 'as many fields as the header has columns', found: `${info.error.record?.length ?? 'a different number of'} fields` }) };
      } else {
        yield { ok: true, value: record, line };
      }
    }
  } catch (err) {
    if (err instanceof InputError) {
      yield { ok: false, error: err };
      return;
    }
    // A CSV syntax error (e.g. an unclosed quote) leaves no way to find the next row.
    const csv = err as { code?: string; lines?: number; message?: string };
    if (!(err instanceof CsvError)) throw err;
    if (csv.code === 'CSV_MAX_RECORD_SIZE') {
      yield { ok: false, error: tooLarge(file, (csv.lines ?? lastLine) + 1) };
      return;
    }
    yield { ok: false, error: new InputError({ file, line: csv.lines ?? lastLine }, 'invalid CSV', { expected: 'valid CSV', found: csv.message ?? String(err) }) };
  }
}
