/** Pick a report formatter by file extension, and write reports atomically. */
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import type { Summary } from '../measure/summary.js';
import { writeAtomic } from './atomic.js';
import { formatCsv } from './csv.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';

export { formatAccounts, formatTable, type TableOptions } from './table.js';
export { formatCsv, formatHtml, formatJson, formatMarkdown };

export type Formatter = (summary: Summary) => string;

const FORMATTERS: Record<string, Formatter> = {
  '.json': formatJson,
  '.csv': formatCsv,
  '.md': formatMarkdown,
  '.html': formatHtml,
  '.htm': formatHtml,
};

/** The formatter for an output file; `others` are extensions the command writes itself (`.xml` for gate), named in the error. */
export function formatFor(path: string, others: readonly string[] = []): Formatter {
  const ext = extname(path).toLowerCase();
  const formatter = FORMATTERS[ext];
  if (!formatter) {
    throw new UsageError(
      `Expected an output file ending in ${[...others, ...Object.keys(FORMATTERS)].join(', ')}, found \`${path}\`. Name the -o file with one of these extensions.`,
    );
  }
  return formatter;
}

/** Write a report atomically, so a later `compare_to` never trusts a half-written summary. */
export async function writeReport(path: string, summary: Summary): Promise<void> {
  await writeAtomic(path, formatFor(path)(summary));
}
