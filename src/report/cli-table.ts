/**
 * cli-table3, with its debug preview made cheap. Drawing each line of a cell, cli-table3 0.6.5
 * truncates the cell's whole text to 10 columns for a debug message that it keeps only when its
 * debug level is raised (cli-table/cli-table3#362, open). For a cell of several lines, or with
 * characters wider or narrower than one column, its truncation drops one character at a time and
 * measures the rest again with string-width: quadratic in the cell's length. The report's cells
 * hold three to five lines, so a table row took about 8 ms, 30–60 ms of analysing one
 * conversation, and a table of 50 groups about half a second.
 *
 * `truncate` is replaced by one that finds the same prefix by bisection: the longest prefix whose
 * widest line fits, as the library's loop finds it from the end. Text with ANSI colour codes,
 * which the library truncates per uncoloured run, keeps the library's own function. The tables
 * drawn are the same (test/report/cli-table.test.ts).
 */
import Table from 'cli-table3';
import utils from 'cli-table3/src/utils.js';

type Truncate = (text: string, width: number, mark?: string) => string;

/** Where the replacement keeps the function it replaced: tests load this module twice (from src and from dist), over one cli-table3. */
const REPLACED = Symbol.for('grounding: cli-table3 truncate');

/** cli-table3's own truncate. */
export const libraryTruncate: Truncate = (utils.truncate as Truncate & { [REPLACED]?: Truncate })[REPLACED] ?? utils.truncate;
const strlen = utils.strlen;

/**
 * The longest prefix of `text` (no ANSI codes) whose widest line is at most `width` columns, as
 * the library's `truncateWidth` finds it: where the text is as wide as it is long (one line, no
 * wide or zero-width characters), its first `width` characters.
 */
export function fittingPrefix(text: string, width: number): string {
  const wide = strlen(text);
  if (wide <= width) return text;
  if (text.length === wide) return text.slice(0, Math.max(width, 0));
  // strlen of a prefix never exceeds that of a longer one: bisect for the longest that fits.
  let fits = 0;
  let exceeds = text.length;
  while (exceeds - fits > 1) {
    const mid = (fits + exceeds) >>> 1;
    if (strlen(text.slice(0, mid)) <= width) fits = mid;
    else exceeds = mid;
  }
  return text.slice(0, fits);
}

/** cli-table3's `truncate(text, width, mark)`: `text` if it fits, else what fits of it and the mark ("…" when none or empty). */
export function truncate(text: string, width: number, mark?: string): string {
  if (typeof text !== 'string' || text.includes('\u001b')) return libraryTruncate(text, width, mark);
  if (strlen(text) <= width) return text;
  const end = mark || '…';
  const room = width - strlen(end);
  return (room > 0 ? fittingPrefix(text, room) : '') + end;
}

utils.truncate = Object.assign(truncate, { [REPLACED]: libraryTruncate });

export default Table;
