/**
 * Inputs too large or too deep to trust: a 50 MB single line, a conversation of 100,000 turns, a
 * 1,000,000-deep object, a turn of 1.5 million characters. Generated here into a temp folder (never
 * committed) and run through the CLI under a V8 heap limit, so unbounded memory would kill the
 * child and fail the test; each must end cleanly, with its records accounted for.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS, MAX_TURN_CHARS } from '../../src/ingest/limits.js';
import { tempDir } from '../helpers/cli.js';
import { account, expectBalanced, expectCleanFailure, expectNoCrash, readSummary, runCli, sumOf } from './helpers.js';

const FIFTY_MB = 50 * 1024 * 1024;
const small = JSON.stringify({ id: 'ok', model: 'm', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Got it.' }] });

/** Write a file in pieces, so the test itself never holds 50 MB in one string. */
async function writeLarge(path: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const piece of pieces) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function* repeated(head: string, unit: string, bytes: number, tail: string): Generator<string> {
  yield head;
  const block = unit.repeat(Math.ceil(1024 * 1024 / unit.length));
  for (let n = 0; n < bytes; n += block.length) yield block;
  yield tail;
}

describe('large and deep input through the CLI, under a heap limit', () => {
  it('refuses a 50 MB single line as one record too large, naming its line, and counts it under --skip-invalid', async () => {
    expect(FIFTY_MB).toBeGreaterThan(MAX_RECORD_CHARS);
    const dir = tempDir();
    const file = join(dir, 'huge.jsonl');
    await writeLarge(file, repeated(`${small}\n{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"`, 'Do you mean it? ', FIFTY_MB, `"}]}\n${small}\n`));
    const failed = await runCli(['analyze', file, '--no-progress'], dir, { heapMb: 384 });
    expectCleanFailure(failed, `${file}:2`, /expected a record of at most 33,554,432 characters, found one of 52,\d{3},\d{3}/);
    const out = join(dir, 'summary.json');
    const skipped = await runCli(['analyze', file, '--skip-invalid', '--no-progress', '-o', out], dir, { heapMb: 384 });
    expectNoCrash(skipped);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(readSummary(out).input.files[0]).toMatchObject({ records: 3, analyzed: 2, skipped: { 'record too large': 1 } });
  });

  it('refuses a 50 MB line with no newline as text, a JSON array element or CSV alike', async () => {
    const dir = tempDir();
    const cases: Array<[string, string[], Iterable<string>, RegExp]> = [
      ['huge.txt', [], repeated('User: hi\nAssistant: ', 'x', FIFTY_MB, ''), /:1: expected a record of at most/],
      ['huge.json', ['--format', 'openai'], repeated(`[${small},{"messages":[{"role":"user","content":"`, 'ab ', FIFTY_MB, '"}]}]'), /:1: expected a record of at most/],
      ['huge.csv', [], repeated(',Unit,Turn,B4,B2\n0,"', 'y', FIFTY_MB, '",0,0,d1\n'), /:\d+: expected a record of at most/],
    ];
    for (const [name, flags, pieces, message] of cases) {
      const file = join(dir, name);
      await writeLarge(file, pieces);
      const run = await runCli(['analyze', file, ...flags, '--no-progress'], dir, { heapMb: 384 });
      expectCleanFailure(run, new RegExp(`^grounding: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), message);
    }
  });

  it('analyzes a conversation of 100,000 turns, counting every turn but the first', async () => {
    const dir = tempDir();
    const file = join(dir, 'long.jsonl');
    const messages = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? { role: 'user', content: `Step ${i}?` } : { role: 'assistant', content: 'Got it. Which step do you mean?' }));
    writeFileSync(file, `${JSON.stringify({ id: 'long', model: 'm', messages })}\n`);
    const out = join(dir, 'summary.json');
    const run = await runCli(['analyze', file, '--no-progress', '-o', out], dir, { heapMb: 768, timeout: 110_000 });
    expectNoCrash(run);
    expect(run.code, run.stderr).toBe(0);
    const summary = readSummary(out);
    expect(summary.input.files[0]).toMatchObject({ records: 1, analyzed: 1, skipped: {}, turnsSkipped: {} });
    expect(summary.groups.reduce((n, g) => n + g.turns, 0)).toBe(99_999);
    const assistant = summary.groups.find((g) => g.role === 'assistant')!;
    expect(assistant.turns).toBe(50_000);
    // Every assistant turn is the same text after the same kind of turn: tagged alike, all or none.
    expect([0, 50_000]).toContain(assistant.acts.clarification.count);
    expect(assistant.acts.clarification.estimate?.scores.typed).toBeDefined();
  });

  it('reads records that hold a 1,000,000-deep value, and refuses one where a message should be', async () => {
    const dir = tempDir();
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const file = join(dir, 'deep.jsonl');
    const lines = [
      `{"id":"a","model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"Got it."}],"extra":${deep(1_000_000)}}`,
      `{"id":"b","model":"m","extra":${deepObject(200_000)},"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"I see."}]}`,
      `{"id":"c","model":"m","messages":[{"role":"user","content":${deep(500_000)}}]}`,
      `{"id":"d","model":"m","messages":${deep(500_000)}}`,
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const failed = await runCli(['analyze', file, '--no-progress'], dir, { heapMb: 512 });
    expectCleanFailure(failed, `${file}:4 (field \`messages[0]\`)`, /expected an object in an OpenAI chat record, found an array of 1/);
    const out = join(dir, 'summary.json');
    const run = await runCli(['analyze', file, '--skip-invalid', '--no-progress', '-o', out], dir, { heapMb: 512 });
    expectNoCrash(run);
    expect(run.code, run.stderr).toBe(0);
    const a = readSummary(out).input.files[0]!;
    expectBalanced([a]);
    // c: content parts nested 500,000 deep hold no text, so it has no turns; d: a message is an array.
    expect(a).toMatchObject({ records: 4, analyzed: 2, skipped: { 'no turns': 1, 'invalid record': 1 } });
    expect(sumOf(a.skipped)).toBe(2);
    // A deep top-level JSON array is split without recursion too.
    const arrays = join(dir, 'deep.json');
    writeFileSync(arrays, `[${small},${deep(1_000_000)},${small}]`);
    const split = await runCli(['analyze', arrays, '--format', 'openai', '--skip-invalid', '--no-progress', '-o', out], dir, { heapMb: 512 });
    expect(split.code, split.stderr).toBe(0);
    expect(readSummary(out).input.files[0]).toMatchObject({ records: 3, analyzed: 2, skipped: { 'invalid record': 1 } });
  });

  it('skips a turn longer than the turn limit as `too long`, and tags the rest of its conversation', async () => {
    const dir = tempDir();
    const file = join(dir, 'paste.jsonl');
    const paste = 'log line 42: retry failed; '.repeat(Math.ceil((MAX_TURN_CHARS + 500_000) / 27));
    const messages = [
      { role: 'user', content: paste },
      { role: 'assistant', content: 'Could you share the error message?' },
      { role: 'user', content: 'It says timeout.' },
      { role: 'assistant', content: 'I see. How long has this been going on?' },
    ];
    writeFileSync(file, `${JSON.stringify({ id: 'p', model: 'm', messages })}\n`);
    const out = join(dir, 'summary.json');
    const run = await runCli(['analyze', file, '--no-progress', '-o', out], dir, { heapMb: 384 });
    expect(run.code, run.stderr).toBe(0);
    const summary = readSummary(out);
    expect(account(summary, 'paste.jsonl')).toMatchObject({ records: 1, analyzed: 1, turnsSkipped: { 'too long': 1 } });
    expect(run.stderr).toContain('turns skipped: too long: 1');
    expect(summary.groups.reduce((n, g) => n + g.turns, 0)).toBe(2);
  });
});
