import { createRequire } from 'node:module';
import type { z } from 'zod';

const require = createRequire(import.meta.url);

/**
 * Errors the user can act on. Every message follows one template: what was expected, what was
 * found (with file, line and field path), and what to do.
 */

export interface Location {
  file: string;
  /** 1-based line, where the input has lines. */
  line?: number;
  /** Field path inside the record, e.g. `messages[3].content`. */
  field?: string;
}

/** Text from input bound for a terminal: control and bidi characters could move the cursor or reorder the line. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

export function formatLocation(at: Location): string {
  let out = at.file;
  if (at.line !== undefined) out += `:${at.line}`;
  if (at.field) out += ` (field \`${at.field}\`)`;
  return out;
}

/** Bad input, configuration or usage: the CLI prints the message and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A record that cannot be read. Under `--skip-invalid` it is counted as skipped instead. */
export class InputError extends UsageError {
  override name = 'InputError';
  readonly at: Location;
  /** Short reason used as the skip-count key, e.g. `invalid JSON`. */
  readonly reason: string;

  constructor(at: Location, reason: string, detail: { expected: string; found: string; fix?: string }) {
    const fix = detail.fix ?? 'Fix the record, or pass --skip-invalid to count it as skipped and go on.';
    super(printable(`${formatLocation(at)}: expected ${detail.expected}, found ${detail.found}. ${fix}`));
    this.at = at;
    this.reason = reason;
  }
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);

/** Describe a value briefly for an error message: its type and a short excerpt. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(short(value))}`;
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).slice(0, 6).map(short).join(', ') || '(none)'}`;
  return `${typeof value} \`${String(value)}\``;
}

/**
 * Parse a YAML data file (config, lexicon, label map). YAML is data here: a tag such as
 * `!!js/function` is refused rather than read as a string with a warning, so what a file says is
 * what it means. A syntax error or a tag names the file and the line.
 */
export function parseYamlData(text: string, file: string, fix: string): unknown {
  // Loaded on first use: a run whose lexicons come compiled reads no YAML (src/tag/lexicon.ts).
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new UsageError(`${file}: expected YAML, found a syntax error at ${yamlPlace(text, error.pos[0])}: ${error.message.split('\n')[0]}. ${fix}`);
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) {
    throw new UsageError(`${file}: expected plain YAML data, found a tag at ${yamlPlace(text, tag.pos[0])} (${tag.message.split('\n')[0]!.replace(/^Unresolved tag: /, '')}). Config and data files are never executed; remove the tag.`);
  }
  return doc.toJS();
}

function yamlPlace(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** Check a data file's parsed content (lexicon, label map, baseline) against its schema; name the file, the field and the fix. */
export function parseData<T>(schema: z.ZodType<T>, raw: unknown, file: string, fix: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new UsageError(`${file}: field \`${issue.path.join('.') || '(top level)'}\`: ${issue.message}. ${fix}`);
}
