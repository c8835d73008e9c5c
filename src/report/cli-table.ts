/**
 * cli-table3, with its debug preview made cheap. Drawing each line of a cell, cli-table3 0.6.5
 * truncates the cell's whole text to 10 columns for a debug message that it keeps only when its
 * debug level is raised (cli-table/cli-table3#362, open). For a cell of several lines, or with
 * characters wider or narrower than one column, its truncation drops one character at a time and
 * measures the rest again with string-width: quadratic in the cell's length. The report's cells
 * hold three to five lines: 30–60 ms of analysing one conversation went to it, and 0.85–1.8 s
 * of drawing a table of 50 conversations (0.2–0.36 s now).
 *
 * `truncate` is replaced by one that finds the same prefix, the longest whose widest line fits, as
 * the library's loop finds it from the end: the lines before the first too wide, then the part of
 * that line that fits, found by bisection. Text with ANSI colour codes, which the library
 * truncates per uncoloured run, keeps the library's own function. The tables drawn are the same
 * (test/report/cli-table.test.ts).
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
 * wide or zero-width characters), its first `width` characters. `wide`: the text's own width, when known.
 */
export function fittingPrefix(text: string, width: number, wide = strlen(text)): string {
  if (wide <= width) return text;
  if (text.length === wide) return text.slice(0, Math.max(width, 0));
  // The cut is in the first line too wide: the lines before it whole, then the longest prefix of
  // that line that fits, found by bisection (a prefix is never wider than a longer one).
  for (let start = 0; ; ) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline < 0 ? text.length : newline);
    if (strlen(line) > width) {
      let fits = 0;
      let exceeds = line.length;
      while (exceeds - fits > 1) {
        const mid = (fits + exceeds) >>> 1;
        if (strlen(line.slice(0, mid)) <= width) fits = mid;
        else exceeds = mid;
      }
      return text.slice(0, start + fits);
    }
    // strlen is the widest line's width, so some line is too wide: the last one at the latest.
    if (newline < 0) return text;
    start = newline + 1;
  }
}

/** cli-table3's `truncate(text, width, mark)`: `text` if it fits, else what fits of it and the mark ("…" when none or empty). */
export function truncate(text: string, width: number, mark?: string): string {
  if (typeof text !== 'string' || text.includes('\u001b')) return libraryTruncate(text, width, mark);
  const wide = strlen(text);
  if (wide <= width) return text;
  const end = mark || '…';
  const room = width - strlen(end);
  return (room > 0 ? fittingPrefix(text, room, wide) : '') + end;
}

utils.truncate = Object.assign(truncate, { [REPLACED]: libraryTruncate });

export default Table;
