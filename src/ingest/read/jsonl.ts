/** JSON Lines: one record a line, blank lines ignored. A bad line spoils only itself. */
import { InputError } from '../../errors.js';
import type { RawRecord } from '../types.js';
import { readLines } from './lines.js';

/** Parse one record's text, or say where and why it is not JSON. */
export function parseJson(text: string, file: string, line: number): RawRecord {
  try {
    return { ok: true, value: JSON.parse(text), line };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      error: new InputError({ file, line }, 'invalid JSON', { expected: 'valid JSON', found: `a syntax error (${why})` }),
    };
  }
}

export async function* readJsonLines(file: string, chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  for await (const { text, line } of readLines(chunks)) {
    if (text.trim()) yield parseJson(text, file, line);
  }
}
