/** What detection looks at: the first record of the head, or its top-level keys when it is cut off. */
import { JsonSplitter } from './read/json.js';
import type { Sample } from './types.js';

export interface Shape {
  /** `array` for a top-level JSON array, `value` for JSON objects (one, or one a line), else `text`. */
  container: 'array' | 'value' | 'text';
  /** The first record, when it is a JSON object that ends inside the head. */
  first?: Record<string, unknown>;
  /** The first record's top-level keys, even when it runs past the head. */
  keys: ReadonlySet<string>;
}

const shapes = new WeakMap<Sample, Shape>();

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A quoted key, or undefined when it is not valid JSON (a raw control character): detection must not throw. */
function parseKey(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/** Keys at depth 1 of the first object in `text`, which may be cut off mid-way. */
function partialKeys(text: string): Set<string> {
  const keys = new Set<string>();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let from = 0;
  for (let i = text.indexOf('{'); i >= 0 && i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') {
        inString = false;
        if (depth === 1 && /^\s*:/.test(text.slice(i + 1, i + 20))) {
          const key = parseKey(text.slice(from, i + 1));
          if (key !== undefined) keys.add(key);
        }
      }
    } else if (c === '"') {
      inString = true;
      from = i;
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) break;
    }
  }
  return keys;
}

function compute(head: string): Shape {
  const text = head.trimStart();
  if (!text.startsWith('[') && !text.startsWith('{')) return { container: 'text', keys: new Set() };
  const container = text.startsWith('[') ? 'array' : 'value';
  const next = new JsonSplitter('(head)').push(text).next();
  if (!next.done && next.value.ok && isObject(next.value.value)) {
    const first = next.value.value;
    return { container, first, keys: new Set(Object.keys(first)) };
  }
  return { container, keys: partialKeys(text) };
}

/** The shape of a sample, computed once however many adapters ask. */
export function shapeOf(sample: Sample): Shape {
  let shape = shapes.get(sample);
  if (!shape) {
    shape = compute(sample.head);
    shapes.set(sample, shape);
  }
  return shape;
}

/** The first non-blank lines of a text sample. */
export function headLines(sample: Sample, max = 50): string[] {
  return sample.head.split(/\r?\n|\r/, max * 4).filter((l) => l.trim()).slice(0, max);
}
