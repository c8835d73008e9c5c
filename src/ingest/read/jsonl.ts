/** JSON Lines: one record a line, blank lines ignored. A bad line spoils only itself. */
import { InputError } from '../../errors.js';
import { checkUtf8, tooLarge } from '../limits.js';
import type { RawRecord } from '../types.js';
import { readLines } from './lines.js';

/** Parse one record's text, or say where and why it is not JSON (or not UTF-8). */
export function parseJson(text: string, file: string, line: number): RawRecord {
  const notUtf8 = checkUtf8(text, file, line);
  if (notUtf8) return { ok: false, error: notUtf8 };
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

/**
 * Records one a line; `chars` is the line's length, for readers that hold several lines at once.
 * A line `wants` declines (another shard's) is counted but not parsed.
 */
export async function* readJsonLines(file: string, chunks: AsyncIterable<string>, wants?: () => boolean): AsyncGenerator<RawRecord & { chars: number }> {
  for await (const { text, line, tooLong } of readLines(chunks)) {
    if (tooLong !== undefined) yield { ok: false, error: tooLarge(file, line, tooLong), chars: 0 };
    else if (!text.trim()) continue;
    else if (wants && !wants()) yield { ok: true, value: undefined, line, chars: text.length };
    else yield { ...parseJson(text, file, line), chars: text.length };
  }
}
