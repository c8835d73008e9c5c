import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { JsonSplitter, readJsonRecords } from '../../../src/ingest/read/json.js';
import type { RawRecord } from '../../../src/ingest/types.js';

/** Feed the text in chunks of `size` characters, so every boundary case is crossed. */
function split(text: string, size = text.length): RawRecord[] {
  const s = new JsonSplitter('f.json');
  const out: RawRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  out.push(...s.end());
  return out;
}

const values = (records: RawRecord[]) => records.map((r) => (r.ok ? [r.line, r.value] : ['error', r.error.at.line, r.error.message]));

async function read(path: string, text: string): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readJsonRecords({ path, chunks: () => Readable.from([text]) })) out.push(r);
  return out;
}

describe('JsonSplitter', () => {
  const ARRAY = '[\n {"a": "x]}\\"{["},\n {"b": [1, {"c": 2}]},\n "str,ing", 42, true, null\n]\n';
  const EXPECTED = [
    [2, { a: 'x]}"{[' }],
    [3, { b: [1, { c: 2 }] }],
    [4, 'str,ing'],
    [4, 42],
    [4, true],
    [4, null],
  ];

  it('splits a top-level array into elements with their starting lines', () => {
    expect(values(split(ARRAY))).toEqual(EXPECTED);
  });

  it('gives the same records whatever the chunk size', () => {
    for (const size of [1, 2, 3, 7]) expect(values(split(ARRAY, size))).toEqual(EXPECTED);
  });

  it('takes top-level objects one after another (pretty-printed or one a line)', () => {
    expect(values(split('{\n  "a": 1\n}\n{"b": 2}\n'))).toEqual([
      [1, { a: 1 }],
      [4, { b: 2 }],
    ]);
  });

  it('reports an invalid element with its line and goes on to the next', () => {
    const records = split('[{"a": 1},\n {"b": tru},\n {"c": 3}]');
    expect(records.map((r) => r.ok)).toEqual([true, false, true]);
    const bad = records[1] as { ok: false; error: InputError };
    expect(bad.error).toBeInstanceOf(InputError);
    expect(bad.error.at).toEqual({ file: 'f.json', line: 2 });
    expect(bad.error.reason).toBe('invalid JSON');
    expect(bad.error.message).toMatch(/^f\.json:2: expected valid JSON, found a syntax error/);
  });

  it('reports a truncated file, a missing ] and trailing text', () => {
    expect(values(split('[{"a": 1},\n {"b": "cut'))).toEqual([[1, { a: 1 }], ['error', 2, expect.stringMatching(/record that starts here to end, found the end of the file/)]]);
    expect(values(split('[{"a": 1}'))).toEqual([[1, { a: 1 }], ['error', 1, expect.stringMatching(/`\]` closing the top-level array/)]]);
    expect(values(split('[1]\n[2]'))).toEqual([[1, 1], ['error', 2, expect.stringMatching(/nothing after the top-level array/)]]);
    expect(values(split('{"a": 1}}'))).toEqual([[1, { a: 1 }], ['error', 1, expect.stringMatching(/unmatched `}`/)]]);
  });

  it('yields nothing for an empty array or an empty file', () => {
    expect(split('[ ]')).toEqual([]);
    expect(split('  \n')).toEqual([]);
  });
});

describe('readJsonRecords', () => {
  it('reads JSON lines line by line, ignoring blank lines, with CRLF', async () => {
    expect(values(await read('x.json', '{"a":1}\r\n\r\n{"b":2}\r\n'))).toEqual([
      [1, { a: 1 }],
      [3, { b: 2 }],
    ]);
  });

  it('keeps a bad JSON line to itself', async () => {
    const records = await read('x.jsonl', '{"a":1}\n{"b": "cut\n{"c":3}\n');
    expect(records.map((r) => (r.ok ? r.line : `bad ${r.error.at.line}`))).toEqual([1, 'bad 2', 3]);
  });

  it('reads a pretty-printed object as one record', async () => {
    expect(values(await read('x.json', '{\n  "mapping": {}\n}\n'))).toEqual([[1, { mapping: {} }]]);
  });

  it('counts but does not parse the records a shard does not want, in lines and in arrays alike', async () => {
    // Every other record is wanted; the unwanted bad line is neither parsed nor reported.
    const wantEveryOther = () => {
      let n = 0;
      return () => n++ % 2 === 0;
    };
    const readWanting = async (path: string, text: string) => {
      const out: RawRecord[] = [];
      for await (const r of readJsonRecords({ path, chunks: () => Readable.from([text]), wants: wantEveryOther() })) out.push(r);
      return out;
    };
    expect(values(await readWanting('x.jsonl', '{"a":1}\n{"b": "cut\n{"c":3}\n'))).toEqual([[1, { a: 1 }], [2, undefined], [3, { c: 3 }]]);
    expect(values(await readWanting('x.json', '[{"a":1},\n{"b":2},\n{"c":3}]'))).toEqual([[1, { a: 1 }], [2, undefined], [3, { c: 3 }]]);
  });

  it('splits a top-level array even when it is all on one line', async () => {
    expect(values(await read('x.json', '[{"a":1},{"b":2}]'))).toEqual([
      [1, { a: 1 }],
      [1, { b: 2 }],
    ]);
  });
});
