/** Check a record's shape with zod at the edge, and turn the first problem into an InputError. */
import { z } from 'zod';
import { describe, InputError } from '../errors.js';

export interface RecordAt {
  file: string;
  line: number;
}

/** `messages[3].content` from zod's `['messages', 3, 'content']`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** What was expected, for the error template; a schema's own `error` message takes precedence. */
function expectedText(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? 'a non-empty string' : `at least ${issue.minimum}`;
    default:
      return 'a valid value';
  }
}

/**
 * Parse `value` with `schema`, or throw an InputError naming file, line and field path. `prefix` is
 * where `value` sits inside the record, for parts validated one at a time; `fix` replaces the
 * default advice (`--skip-invalid`) where there is no such option.
 */
export function validate<T>(schema: z.ZodType<T>, value: unknown, at: RecordAt, what: string, prefix: readonly PropertyKey[] = [], fix?: string): T {
  const result = schema.safeParse(value, { error: expectedText });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = fieldPath([...prefix, ...issue.path]) || undefined;
  throw new InputError({ ...at, field }, 'invalid record', {
    expected: field ? `${issue.message} in ${what}` : what,
    found: describe(valueAt(value, issue.path)),
    ...(fix !== undefined && { fix }),
  });
}
