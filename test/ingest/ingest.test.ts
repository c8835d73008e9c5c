import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { ingest, NO_FORMAT_MATCHED, UNKNOWN_FORMAT } from '../../src/ingest/index.js';
import { fixture, run, tempDir } from './helpers.js';

const BROKEN = fixture('invalid', 'broken.jsonl');

describe('ingest', () => {
  it('throws the InputError of an invalid record, naming file and line', async () => {
    const error = await run([BROKEN]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).at).toEqual({ file: BROKEN, line: 2 });
    expect((error as InputError).message).toMatch(/broken\.jsonl:2: expected valid JSON, found a syntax error/);
  });

  it('with skipInvalid counts invalid JSON and malformed records by reason and goes on', async () => {
    const { conversations, accounts } = await run([BROKEN], { skipInvalid: true });
    expect(conversations.map((c) => c.id)).toEqual(['ok-1', 'ok-4']);
    expect(accounts[0]).toEqual({ path: BROKEN, format: 'openai', records: 4, analyzed: 2, skipped: { 'invalid JSON': 1, 'invalid record': 1 }, turnsSkipped: {} });
  });

  it('reports a bad element of a JSON array and reads the ones after it', async () => {
    const path = fixture('invalid', 'broken-array.json');
    await expect(run([path])).rejects.toThrow(/broken-array\.json:3: expected valid JSON/);
    const { conversations } = await run([path], { skipInvalid: true });
    expect(conversations.map((c) => c.id)).toEqual(['a', 'c']);
    expect(conversations[1]!.turns[0]!.text).toBe('[not a bracket]');
  });

  it('accounts for a walked file of no known format as one record skipped, and reads the rest', async () => {
    const { conversations, accounts } = await run([fixture('mixed')]);
    expect(conversations).toHaveLength(2);
    expect(accounts.map((a) => [a.path.slice(fixture('mixed').length), a.format, a.records, a.analyzed, a.skipped])).toEqual([
      ['/nested/chat.jsonl', 'openai', 1, 1, {}],
      ['/settings.json', UNKNOWN_FORMAT, 1, 0, { [NO_FORMAT_MATCHED]: 1 }],
      ['/talk.txt', 'transcript', 1, 1, {}],
    ]);
  });

  it('rejects a named file of no known format with a UsageError, before reading anything', async () => {
    await expect(ingest([fixture('mixed', 'settings.json')], { format: 'auto', skipInvalid: true })).rejects.toThrow(UsageError);
    await expect(ingest([fixture('mixed', 'settings.json')], { format: 'auto', skipInvalid: true })).rejects.toThrow(/settings\.json: expected a file in one of the formats chatgpt, claude, .*--format NAME/);
  });

  it('rejects an unknown --format', async () => {
    await expect(ingest([BROKEN], { format: 'xml', skipInvalid: false })).rejects.toThrow(/Expected --format auto or one of chatgpt/);
  });

  it('reads every file as the named format, and only files of its extensions in a walk', async () => {
    const { accounts } = await run([fixture('mixed')], { format: 'transcript' });
    expect(accounts.map((a) => [a.path.slice(fixture('mixed').length), a.format])).toEqual([['/talk.txt', 'transcript']]);
  });

  it('expands globs', async () => {
    const { accounts } = await run([fixture('{openai,lmsys,wildchat}', '*.jsonl')]);
    expect(accounts.map((a) => [a.path, a.format])).toEqual([
      [fixture('lmsys', 'lmsys.jsonl'), 'lmsys'],
      [fixture('openai', 'chat.jsonl'), 'openai'],
      [fixture('wildchat', 'wildchat.jsonl'), 'wildchat'],
    ]);
  });

  it('reads stdin from a Readable', async () => {
    const { conversations, accounts } = await run(['-'], { stdin: Readable.from([readFileSync(fixture('openai', 'chat.jsonl'))]) });
    expect(conversations.map((c) => c.id)).toEqual(['oa-1', 'stdin:2']);
    expect(accounts[0]).toMatchObject({ path: '-', format: 'openai', records: 3 });
  });

  it('reads gzip, a BOM and CRLF line ends like the plain file', async () => {
    const dir = tempDir();
    const text = readFileSync(fixture('openai', 'chat.jsonl'), 'utf8');
    writeFileSync(join(dir, 'chat.jsonl.gz'), gzipSync(Buffer.from(`\uFEFF${text.replace(/\n/g, '\r\n')}`)));
    const plain = await run([fixture('openai', 'chat.jsonl')]);
    const packed = await run([join(dir, 'chat.jsonl.gz')]);
    const content = (r: typeof plain) => r.conversations.map((c) => c.turns.map((t) => [t.role, t.model, t.text]));
    expect(content(packed)).toEqual(content(plain));
    expect(packed.accounts[0]).toMatchObject({ format: 'openai', records: 3, analyzed: 2 });
  });

  it('turns a truncated gzip into one corrupt record, naming the line where the text broke off', async () => {
    const dir = tempDir();
    const gz = gzipSync(Buffer.from(readFileSync(fixture('openai', 'chat.jsonl'), 'utf8').repeat(50)));
    writeFileSync(join(dir, 'cut.jsonl.gz'), gz.subarray(0, gz.length - 20));
    await expect(run([join(dir, 'cut.jsonl.gz')])).rejects.toThrow(/cut\.jsonl\.gz:\d+: expected a complete gzip stream, found a broken stream \(unexpected end of file\)/);
    const { accounts } = await run([join(dir, 'cut.jsonl.gz')], { skipInvalid: true });
    expect(accounts[0]!.skipped['corrupt gzip']).toBe(1);
  });

  it('reports progress in bytes up to the file size', async () => {
    const seen: { file: string; bytes: number; totalBytes?: number }[] = [];
    await run([fixture('esconv', 'sample.txt')], { onProgress: (p) => seen.push(p) });
    const size = readFileSync(fixture('esconv', 'sample.txt')).length;
    expect(seen.at(-1)).toEqual({ file: fixture('esconv', 'sample.txt'), bytes: size, totalBytes: size });
  });

  it('creates the accounts up front, in input order, and fills them as conversations are read', async () => {
    const ingestion = await ingest([fixture('esconv', 'sample.txt'), fixture('mathdial', 'test.jsonl')], { format: 'auto', skipInvalid: false });
    expect(ingestion.accounts.map((a) => [a.format, a.records])).toEqual([
      ['esconv', 0],
      ['mathdial', 0],
    ]);
    for await (const c of ingestion.conversations) if (c.format === 'mathdial') break;
    expect(ingestion.accounts.map((a) => [a.records, a.analyzed])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });
});
