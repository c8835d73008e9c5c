/**
 * Properties of the readers under any chunking: a file reads the same however its bytes arrive,
 * bytes that are not UTF-8 are always marked and valid text never is, and a record over the size
 * limit is refused without being held, while the records around it read as usual.
 */
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { INVALID_BYTE } from '../../src/ingest/limits.js';
import { JsonSplitter } from '../../src/ingest/read/json.js';
import { readLines } from '../../src/ingest/read/lines.js';
import { Utf8Decoder } from '../../src/ingest/read/utf8.js';
import type { RawRecord } from '../../src/ingest/types.js';

/** Cut a sequence into pieces at the given fractions of its length. */
function cut<T extends { length: number; slice(a: number, b?: number): T }>(whole: T, at: number[]): T[] {
  const points = [...new Set(at.map((f) => Math.floor(f * whole.length)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(whole.slice(from, p));
    from = p;
  }
  pieces.push(whole.slice(from));
  return pieces;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* from<T>(xs: readonly T[]): AsyncGenerator<T> {
  yield* xs;
}

function decode(chunks: readonly Buffer[]): string {
  const d = new Utf8Decoder();
  return chunks.map((c) => d.write(c)).join('') + d.end();
}

describe('UTF-8 decoding', () => {
  it('decodes any valid text exactly, however its bytes are chunked, and marks nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), cuts, (text, at) => {
        const bytes = Buffer.from(text, 'utf8');
        const decoded = decode(cut(bytes, at));
        expect(decoded).toBe(bytes.toString('utf8'));
        expect(INVALID_BYTE.test(decoded)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('marks bytes that are not UTF-8 exactly when there are some, the same however they are chunked', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.nat()).map(([s, junk, at]) => {
        const b = Buffer.from(s, 'utf8');
        const i = at % (b.length + 1);
        return Buffer.concat([b.subarray(0, i), Buffer.from(junk), b.subarray(i)]);
      }),
    );
    fc.assert(
      fc.property(bytes, cuts, (raw, at) => {
        const buf = Buffer.from(raw);
        const whole = decode([buf]);
        expect(decode(cut(buf, at))).toBe(whole);
        expect(INVALID_BYTE.test(whole)).toBe(!isUtf8(buf));
        // What is marked is only what TextDecoder would replace: the rest of the text is kept.
        expect(whole.replace(/[\uDC80-\uDCFF]/gu, '\uFFFD').replace(/\uFFFD+/g, '\uFFFD')).toBe(new TextDecoder().decode(buf).replace(/\uFFFD+/g, '\uFFFD'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('lines', () => {
  const text = fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '', ' ', '\r\r\n', '\n\r'), fc.string({ maxLength: 12 })), { maxLength: 30 }).map((xs) => xs.join(''));

  it('splits any text on CRLF, LF and lone CR as one split would, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(text, cuts, async (t, at) => {
        const lines = await collect(readLines(from(cut(t, at))));
        const want = t.split(/\r\n|\r|\n/);
        if (want.at(-1) === '') want.pop();
        expect(lines.map((l) => l.text)).toEqual(want);
        expect(lines.map((l) => l.line)).toEqual(want.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a line over the limit as empty, with its length, and goes on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 40 }), { minLength: 1, maxLength: 10 }), cuts, async (lines, at) => {
        const got = await collect(readLines(from(cut(lines.join('\n') + '\n', at)), 20));
        expect(got.map((l) => (l.tooLong === undefined ? l.text : l.tooLong))).toEqual(lines.map((l) => (l.length > 20 ? l.length : l)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('JSON arrays', () => {
  const record = fc.jsonValue({ maxDepth: 3 }).map((v) => ({ v }));

  it('splits any array into its elements, however it is chunked, with the line each starts on', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), fc.boolean(), cuts, (elements, pretty, at) => {
        const text = JSON.stringify(elements, null, pretty ? 2 : undefined);
        const splitter = new JsonSplitter('t.json');
        const got: RawRecord[] = [...cut(text, at).flatMap((c) => [...splitter.push(c)]), ...splitter.end()];
        expect(got.map((r) => (r.ok ? r.value : r.error.message))).toEqual(JSON.parse(JSON.stringify(elements)));
        if (!pretty) expect(got.every((r) => r.ok && r.line === 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an element over the limit as one record, and reads the elements around it', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 8 }), cuts, (strings, at) => {
        const text = JSON.stringify(strings.map((s) => ({ s })));
        const splitter = new JsonSplitter('t.json', 40);
        const got = [...cut(text, at).flatMap((c) => [...splitter.push(c)]), ...splitter.end()];
        expect(got).toHaveLength(strings.length);
        got.forEach((r, i) => {
          const size = JSON.stringify({ s: strings[i] }).length;
          if (size > 40) expect(!r.ok && r.error.reason).toBe('record too large');
          else expect(r.ok && r.value).toEqual({ s: strings[i] });
        });
      }),
      { numRuns: 300 },
    );
  });
});
