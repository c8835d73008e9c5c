import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { readLines } from '../../src/ingest/read/lines.js';
import { formatExtension, HEAD_CHARS, openInput, resolveInputs } from '../../src/ingest/source.js';
import { FIXTURES, fixture, tempDir } from './helpers.js';

const ALL = new Set(['json', 'jsonl', 'txt', 'csv']);

async function textOf(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

describe('formatExtension', () => {
  it('looks through .gz and ignores case', () => {
    expect(formatExtension('a/b/Chat.JSONL.gz')).toBe('jsonl');
    expect(formatExtension('x.json')).toBe('json');
    expect(formatExtension('README')).toBe('');
  });
});

describe('resolveInputs', () => {
  it('walks folders recursively, skipping README/LICENSE and files of other extensions', async () => {
    const found = await resolveInputs([fixture('mixed')], ALL);
    expect(found.map((f) => relative(FIXTURES, f.path)).sort()).toEqual(['mixed/nested/chat.jsonl', 'mixed/settings.json', 'mixed/talk.txt']);
    expect(found.every((f) => f.walked)).toBe(true);
  });

  it('keeps only utterances.jsonl in a ConvoKit corpus folder', async () => {
    const found = await resolveInputs([fixture('convokit')], ALL);
    expect(found.map((f) => relative(FIXTURES, f.path))).toEqual(['convokit/corpus/utterances.jsonl']);
  });

  it('expands globs, and marks a named file as not walked', async () => {
    const found = await resolveInputs([fixture('openai', '*.json*'), fixture('esconv', 'sample.txt')], ALL);
    expect(found.map((f) => [relative(FIXTURES, f.path), f.walked])).toEqual([
      ['openai/chat-array.json', true],
      ['openai/chat.jsonl', true],
      ['esconv/sample.txt', false],
    ]);
  });

  it('takes a file named twice once, and - as stdin', async () => {
    const f = fixture('esconv', 'sample.txt');
    expect(await resolveInputs([f, '-', f], ALL)).toEqual([
      { path: f, walked: false },
      { path: '-', walked: false },
    ]);
  });

  it('rejects a missing path, an empty glob and no inputs with a UsageError', async () => {
    await expect(resolveInputs([fixture('nope.json')], ALL)).rejects.toThrow(/expected a file, folder, glob or - for stdin, found no such path/i);
    await expect(resolveInputs([fixture('*.nothing')], ALL)).rejects.toThrow(UsageError);
    await expect(resolveInputs([], ALL)).rejects.toThrow(/at least one input/);
  });
});

describe('openInput', () => {
  it('strips a UTF-8 BOM from the head and the text', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bom.txt'), '\uFEFFUser: hi\n');
    const input = await openInput(join(dir, 'bom.txt'));
    expect(input.head).toBe('User: hi\n');
    expect(await textOf(input.chunks())).toBe('User: hi\n');
  });

  it('gunzips by content, and counts compressed bytes for progress', async () => {
    const dir = tempDir();
    const text = 'User: hello\nAssistant: hi there\n'.repeat(100);
    const gz = gzipSync(Buffer.from(text));
    writeFileSync(join(dir, 'chat.txt.gz'), gz);
    const input = await openInput(join(dir, 'chat.txt.gz'));
    expect(input.size).toBe(gz.length);
    const seen: number[] = [];
    expect(await textOf(input.chunks((n) => seen.push(n)))).toBe(text);
    expect(seen.at(-1)).toBe(gz.length);
  });

  it('reads only a 64 KiB head for detection, and decodes characters split across chunks', async () => {
    const dir = tempDir();
    const big = 'é'.repeat(HEAD_CHARS * 3);
    writeFileSync(join(dir, 'big.txt'), big);
    const input = await openInput(join(dir, 'big.txt'));
    expect(input.head).toBe('é'.repeat(HEAD_CHARS));
    expect(await textOf(input.chunks())).toBe(big);
  });

  it('reads stdin once, replaying the head before the rest', async () => {
    const text = 'x'.repeat(HEAD_CHARS + 10);
    const input = await openInput('-', Readable.from([Buffer.from(text.slice(0, 40_000)), Buffer.from(text.slice(40_000))]));
    expect(input.head).toHaveLength(HEAD_CHARS);
    expect(await textOf(input.chunks())).toBe(text);
    expect(() => input.chunks()).toThrow(UsageError);
  });

  it('gunzips stdin too', async () => {
    const input = await openInput('-', Readable.from([gzipSync(Buffer.from('{"a":1}\n'))]));
    expect(input.head).toBe('{"a":1}\n');
  });
});

describe('readLines', () => {
  it('numbers lines from 1 and accepts CRLF', async () => {
    const lines = [];
    for await (const l of readLines(Readable.from(['a\r\nb', '\r\n\r\nc']))) lines.push(l);
    expect(lines).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: '', line: 3 },
      { text: 'c', line: 4 },
    ]);
  });
});
