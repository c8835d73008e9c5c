/** Summary JSON files as commands read them back (`merge`, `gate --summaries`, a gate's `compare_to`). */
import { readFileSync } from 'node:fs';
import { parseData, UsageError } from '../errors.js';
import { SummarySchema, type Summary } from '../measure/summary.js';

/** A summary JSON written by `analyze`, `gate` or `merge -o`, validated like any input; `fix` says what to do when it is not one. */
export function readSummary(path: string, fix: string): Summary {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const found = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `unreadable JSON (${(error as Error).message})`;
    throw new UsageError(`${path}: expected a summary JSON written by \`grounding analyze -o summary.json\`, found ${found}. ${fix}`);
  }
  return parseData(SummarySchema, raw, path, fix);
}
