/**
 * Broken input, through the real CLI: each file either fails with exit 2 and one message naming
 * the file, the line and the reason, or, under --skip-invalid, is counted as skipped with that
 * reason, and every file's account balances (analyzed + skipped = records). Never a stack trace.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_MAIN, tempDir } from '../helpers/cli.js';
import { account, expectBalanced, expectCleanFailure, expectNoCrash, readSummary, runCli, sumOf } from './helpers.js';

const line = (messages: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ ...extra, model: 'm', messages });
const chat = (i: number) => line([{ role: 'user', content: `Question ${i}?` }, { role: 'assistant', content: `Do you mean the ${i} edition?` }], { id: `c${i}` });
const node = (role: string, text: string, parent: string | null) => ({ message: { author: { role }, content: { content_type: 'text', parts: [text] } }, parent });

/** Each broken file, what it holds, and how it must fail: line and reason, and its account under --skip-invalid. */
interface Case {
  name: string;
  bytes: string | Buffer;
  /** `file:line` (or `file` alone) the message must start with. */
  line?: number;
  reason: RegExp;
  /** The account under --skip-invalid: records, analyzed and the skip reason. */
  skip: { records: number; analyzed: number; reason: string };
}

const gzCut = (() => {
  const gz = gzipSync(Array.from({ length: 400 }, (_, i) => chat(i)).join('\n') + '\n');
  return gz.subarray(0, Math.floor(gz.length * 0.6));
})();

const CASES: Case[] = [
  {
    name: 'truncated.json',
    bytes: `[\n${chat(1)},\n${chat(2)},\n{"messages": [{"role": "user", "content": "cut`,
    line: 4,
    reason: /expected the record that starts here to end, found the end of the file/,
    skip: { records: 3, analyzed: 2, reason: 'invalid JSON' },
  },
  {
    name: 'truncated.jsonl',
    bytes: `${chat(1)}\n${chat(2)}\n{"messages": [{"role": "user", "con`,
    line: 3,
    reason: /expected valid JSON, found a syntax error/,
    skip: { records: 3, analyzed: 2, reason: 'invalid JSON' },
  },
  {
    name: 'cut.jsonl.gz',
    bytes: gzCut,
    reason: /expected a complete gzip stream, found a broken stream/,
    skip: { records: -1, analyzed: -1, reason: 'corrupt gzip' },
  },
  {
    name: 'latin1.jsonl',
    bytes: Buffer.concat([Buffer.from(`${chat(1)}\n`), Buffer.from(`${line([{ role: 'user', content: 'caf\u00e9' }, { role: 'assistant', content: 'ok' }])}\n`, 'latin1'), Buffer.from(`${chat(3)}\n`)]),
    line: 2,
    reason: /expected UTF-8 text, found bytes that are not UTF-8/,
    skip: { records: 3, analyzed: 2, reason: 'invalid UTF-8' },
  },
  {
    name: 'latin1.txt',
    bytes: Buffer.from('User: Where is the caf\u00e9?\nAssistant: Which one do you mean?\n\nUser: hi\nAssistant: hello\n', 'latin1'),
    line: 1,
    reason: /expected UTF-8 text/,
    skip: { records: 2, analyzed: 1, reason: 'invalid UTF-8' },
  },
  {
    name: 'crlf-broken.jsonl',
    bytes: `${chat(1)}\r\n\r\n\r\n${chat(2)}\r\n{"messages": 5}\r\n${chat(4)}\r\n`,
    line: 5,
    reason: /field `messages`\): expected an array/,
    skip: { records: 4, analyzed: 3, reason: 'invalid record' },
  },
  {
    name: 'binary-as-openai.jsonl',
    bytes: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)),
    line: 1,
    reason: /expected (valid JSON|UTF-8 text)/,
    skip: { records: -1, analyzed: 0, reason: '' },
  },
  {
    name: 'cycle.json',
    bytes: JSON.stringify([{ title: 't', current_node: 'a', mapping: { a: node('assistant', 'hi', 'b'), b: node('user', 'hello', 'a') } }]),
    line: 1,
    reason: /expected parent links that reach the root, found a cycle back to node "a"/,
    skip: { records: 1, analyzed: 0, reason: 'invalid record' },
  },
  {
    name: 'no-current-node.json',
    bytes: JSON.stringify([{ title: 't', mapping: { a: node('user', 'hi', null) } }]),
    line: 1,
    reason: /field `current_node`\): expected the id of the last message shown/,
    skip: { records: 1, analyzed: 0, reason: 'invalid record' },
  },
  {
    name: 'missing-node.json',
    bytes: JSON.stringify([{ title: 't', current_node: 'b', mapping: { b: node('user', 'hi', 'gone') } }]),
    line: 1,
    reason: /field `mapping\.b\.parent`\): expected a node "gone" in mapping/,
    skip: { records: 1, analyzed: 0, reason: 'invalid record' },
  },
  {
    name: 'number-content.jsonl',
    bytes: `${chat(1)}\n${line([{ role: 'user', content: 'hi' }, { role: 'assistant', content: 42 }])}\n`,
    line: 2,
    reason: /field `messages\[1\]\.content`\): expected a string, null or an array of content parts/,
    skip: { records: 2, analyzed: 1, reason: 'invalid record' },
  },
  {
    name: 'broken.csv',
    bytes: ',Unit,Turn,B4,B2\n0,Hello there,0,0,d1\n1,"Hi! Who are you?,0,1,d1\n',
    line: 3,
    reason: /expected valid CSV/,
    // The row before the unclosed quote is a dialogue of its own; nothing after the quote can be found.
    skip: { records: 2, analyzed: 1, reason: 'invalid CSV' },
  },
];

describe('broken input through the CLI', () => {
  let dir: string;
  const path = (name: string) => join(dir, 'in', name);
  const cleanups: Array<() => void> = [];

  beforeAll(() => {
    if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first.`);
    dir = tempDir((fn) => cleanups.push(fn));
    mkdirSync(join(dir, 'in'));
    for (const c of CASES) writeFileSync(path(c.name), c.bytes);
  });
  afterAll(() => cleanups.forEach((fn) => fn()));

  for (const c of CASES) {
    it(`${c.name}: exit 2 naming the file${c.line ? `, line ${c.line}` : ''} and the reason`, async () => {
      const format = c.name.startsWith('binary') ? ['--format', 'openai'] : [];
      const run = await runCli(['analyze', path(c.name), ...format, '--no-progress'], dir);
      expectCleanFailure(run, c.line ? `${path(c.name)}:${c.line}` : new RegExp(`^grounding: ${path(c.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `), c.reason);
    });
  }

  it('counts each broken record as skipped under --skip-invalid, and every file balances', async () => {
    const out = join(dir, 'summary.json');
    const run = await runCli(['analyze', join(dir, 'in'), '--skip-invalid', '--no-progress', '-o', out], dir);
    expectNoCrash(run);
    expect(run.code, run.stderr).toBe(0);
    const summary = readSummary(out);
    expectBalanced(summary.input.files);
    for (const c of CASES.filter((c) => c.skip.reason)) {
      const a = account(summary, c.name);
      if (c.skip.records >= 0) expect({ name: c.name, records: a.records, analyzed: a.analyzed }).toEqual({ name: c.name, records: c.skip.records, analyzed: c.skip.analyzed });
      expect(a.skipped[c.skip.reason], `${c.name}: ${JSON.stringify(a)}`).toBeGreaterThanOrEqual(1);
    }
    // A cut gzip keeps every record before the cut, and counts the cut one.
    const gz = account(summary, 'cut.jsonl.gz');
    expect(gz.analyzed).toBeGreaterThan(100);
    expect(gz.skipped).toEqual({ 'corrupt gzip': 1 });
    // The totals are on stderr too, one line per file and a total that adds up.
    const records = summary.input.files.reduce((n, f) => n + f.records, 0);
    const skipped = summary.input.files.reduce((n, f) => n + sumOf(f.skipped), 0);
    const analyzed = summary.input.files.reduce((n, f) => n + f.analyzed, 0);
    expect(analyzed + skipped).toBe(records);
    expect(run.stderr).toContain(`total: ${summary.input.files.length} files, ${records} records, ${analyzed} analyzed, ${skipped} skipped`);
    for (const f of summary.input.files) expect(run.stderr).toContain(`${f.path} (${f.format}): `);
  });

  it('counts a binary file of no format met in a folder, and reads the same bytes as a named format only with a clear error', async () => {
    const out = join(dir, 'binary.json');
    const folder = join(dir, 'walk');
    mkdirSync(folder);
    writeFileSync(join(folder, 'blob.jsonl'), CASES.find((c) => c.name.startsWith('binary'))!.bytes);
    writeFileSync(join(folder, 'ok.jsonl'), `${chat(1)}\n`);
    const run = await runCli(['analyze', folder, '--no-progress', '-o', out], dir);
    expect(run.code, run.stderr).toBe(0);
    const summary = readSummary(out);
    expect(account(summary, 'blob.jsonl')).toMatchObject({ format: 'unknown', records: 1, analyzed: 0, skipped: { 'no format matched': 1 } });
    expect(account(summary, 'ok.jsonl')).toMatchObject({ records: 1, analyzed: 1 });
    const named = await runCli(['analyze', join(folder, 'blob.jsonl'), '--no-progress'], dir);
    expectCleanFailure(named, join(folder, 'blob.jsonl'), /found none that matches\. Pass --format NAME/);
  });
});

describe('benign variations through the CLI: read as if they were plain', () => {
  it('reads a BOM, CRLF line endings, blank lines and lone CRs, and numbers lines as an editor does', async () => {
    const dir = tempDir();
    const records = [chat(1), chat(2), chat(3)];
    writeFileSync(join(dir, 'bom.jsonl'), `\ufeff${records.join('\n')}\n`);
    writeFileSync(join(dir, 'crlf.jsonl'), `${records.join('\r\n\r\n')}\r\n\r\n`);
    writeFileSync(join(dir, 'cr.jsonl'), `${records.join('\r')}\r`);
    writeFileSync(join(dir, 'bom.json'), `\ufeff[${records.join(',\r\n')}]`);
    writeFileSync(join(dir, 'bom.txt'), '\ufeffUser: hi\r\nAssistant: Do you mean now?\r\n\r\nUser: ok\r\nAssistant: Got it.\r\n');
    const out = join(dir, 'summary.json');
    const run = await runCli(['analyze', dir, '--no-progress', '-o', out], dir);
    expectNoCrash(run);
    expect(run.code, run.stderr).toBe(0);
    const summary = readSummary(out);
    for (const name of ['bom.jsonl', 'crlf.jsonl', 'cr.jsonl', 'bom.json']) expect(account(summary, name), name).toMatchObject({ records: 3, analyzed: 3, skipped: {} });
    expect(account(summary, 'bom.txt')).toMatchObject({ format: 'transcript', records: 2, analyzed: 2 });
    // The same conversations, whatever the line endings: equal counts in every group.
    expect(summary.input.conversations).toBe(14);
  });

  it('fails on an empty file named outright, and counts one met in a folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.jsonl'), '');
    writeFileSync(join(dir, 'blank.json'), '\n  \r\n\t\n');
    writeFileSync(join(dir, 'ok.jsonl'), `${chat(1)}\n`);
    for (const name of ['empty.jsonl', 'blank.json']) {
      expectCleanFailure(await runCli(['analyze', join(dir, name), '--no-progress'], dir), join(dir, name), /found an empty file/);
    }
    const out = join(dir, 'summary.json');
    const run = await runCli(['analyze', dir, '--no-progress', '-o', out], dir);
    expect(run.code, run.stderr).toBe(0);
    const summary = readSummary(out);
    expectBalanced(summary.input.files);
    expect(account(summary, 'empty.jsonl').skipped).toEqual({ 'empty file': 1 });
    expect(account(summary, 'blank.json').skipped).toEqual({ 'empty file': 1 });
    // Named with its format, an empty file is a file of no records.
    const named = await runCli(['analyze', join(dir, 'empty.jsonl'), '--format', 'openai', '--no-progress', '-o', out], dir);
    expect(named.code, named.stderr).toBe(0);
    expect(readSummary(out).input.files[0]).toMatchObject({ records: 0, analyzed: 0, skipped: {} });
  });

  it('reads null, missing and array content, keeping text parts and counting the empty turns', async () => {
    const dir = tempDir();
    const rec = line([
      { role: 'user', content: 'Is this the right form?' },
      { role: 'assistant', content: null },
      { role: 'assistant', content: [{ type: 'text', text: 'Which form do you mean?' }, { type: 'image_url', image_url: { url: 'x' } }, null, 5, { type: 'text', text: 7 }] },
      { role: 'user' },
      { role: 'user', content: [] },
    ]);
    writeFileSync(join(dir, 'content.jsonl'), `${rec}\n`);
    const out = join(dir, 'summary.json');
    const run = await runCli(['analyze', join(dir, 'content.jsonl'), '--no-progress', '-o', out], dir);
    expect(run.code, run.stderr).toBe(0);
    const a = readSummary(out).input.files[0]!;
    expect(a).toMatchObject({ records: 1, analyzed: 1, turnsSkipped: { empty: 3 } });
    const tagged = await runCli(['tag', join(dir, 'content.jsonl'), '--no-progress'], dir);
    const turns = tagged.stdout.trim().split('\n').map((l) => JSON.parse(l) as { acts: { act: string; text: string }[] });
    expect(turns).toHaveLength(2);
    expect(turns[1]!.acts).toEqual([expect.objectContaining({ act: 'clarification', text: 'Which form do you mean?' })]);
  });
});
