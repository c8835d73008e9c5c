/**
 * Outputs appear whole or not at all. A run that fails, crashes (SIGKILL mid-write or just before
 * the rename) or is interrupted (Ctrl-C) leaves an earlier summary.json exactly as it was, so a
 * later comparison never trusts a half-written one. An interrupted run also removes its temp files.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { readSummary, runCli } from './helpers.js';

const OLD = '{"schema":"an earlier run, left exactly as it was"}\n';

function many(n: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({ id: `c${i}`, model: `m${i % 3}`, messages: [{ role: 'user', content: `I need report ${i}.` }, { role: 'assistant', content: 'Do you mean the 2019 or the 2021 edition? '.repeat(5) }, { role: 'user', content: 'The 2021 one.' }, { role: 'assistant', content: 'Got it.' }] }),
  ).join('\n');
}

describe('atomic outputs', () => {
  it('a run that fails on bad input leaves the earlier outputs untouched and no temp file', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${many(2)}\n{"messages": 5}\n`);
    for (const name of ['summary.json', 'report.html']) writeFileSync(join(dir, name), OLD);
    const run = await runCli(['analyze', bad, '--no-progress', '-o', join(dir, 'summary.json'), '-o', join(dir, 'report.html')], dir);
    expect(run.code).toBe(2);
    for (const name of ['summary.json', 'report.html']) expect(readFileSync(join(dir, name), 'utf8')).toBe(OLD);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  for (const crash of ['mid-write', 'before-rename']) {
    it(`a crash ${crash.replace('-', ' ')} leaves the earlier summary.json whole (analyze -o and tag --out)`, async () => {
      const dir = tempDir();
      const input = join(dir, 'in.jsonl');
      writeFileSync(input, many(60));
      for (const name of ['summary.json', 'tags.jsonl']) writeFileSync(join(dir, name), OLD);
      const env = { GROUNDING_TEST_CRASH: crash };
      const analyze = await runCrashing(['analyze', input, '--no-progress', '-o', join(dir, 'summary.json')], env);
      const tag = await runCrashing(['tag', input, '--no-progress', '--out', join(dir, 'tags.jsonl')], env);
      for (const r of [analyze, tag]) expect(r.signal, r.stderr).toBe('SIGKILL');
      expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe(OLD);
      expect(readFileSync(join(dir, 'tags.jsonl'), 'utf8')).toBe(OLD);
      // What the crash left is a temp file beside it, never something under the output's name.
      const temps = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
      expect(temps.length).toBeGreaterThan(0);
      expect(temps.every((f) => /^\.(summary\.json|tags\.jsonl)\.[0-9a-f]+\.tmp$/.test(f))).toBe(true);
      // Without the crash, the same runs write both whole.
      await runCli(['analyze', input, '--no-progress', '-o', join(dir, 'summary.json')], dir);
      expect(readSummary(join(dir, 'summary.json')).input.conversations).toBe(60);
    });
  }

  it('Ctrl-C while tag --out is streaming leaves the earlier output whole and no temp file', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, many(20_000));
    const out = join(dir, 'tags.jsonl');
    writeFileSync(out, OLD);
    const child = spawn(process.execPath, [BIN, 'tag', input, '--no-progress', '--out', out], { cwd: ROOT });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    // Interrupt once the temp file holds some lines, while the run is still going.
    const streaming = await waitFor(() => readdirSync(dir).some((f) => f.endsWith('.tmp') && (statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0) > 10_000), 60_000);
    expect(streaming, Buffer.concat(stderr).toString()).toBe(true);
    child.kill('SIGINT');
    expect(await closed).toBe('SIGINT');
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

async function waitFor(ready: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

function runCrashing(args: string[], env: Record<string, string>) {
  return new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(ROOT, 'test/hardening/preload/crash-on-write.mjs'), BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 });
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, stderr: Buffer.concat(err).toString() }));
  });
}
