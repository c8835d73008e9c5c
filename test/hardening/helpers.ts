/**
 * The hardening suite's tools: run the built CLI under a heap limit, with preloads, reporting its
 * peak memory; and check that a run failed cleanly or counted what it skipped.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { SummarySchema, type FileAccount, type Summary } from '../../src/measure/summary.js';
import { BIN, ROOT, type CliResult } from '../helpers/cli.js';

export const PRELOADS = fileURLToPath(new URL('./preload/', import.meta.url));

export interface HardRun extends CliResult {
  /** Peak resident set size of the child, in MB, as it reported on exit. */
  peakMb: number | undefined;
  ms: number;
}

export interface HardOptions {
  /** V8 heap limit for the child: past it the child dies, and the test sees no clean exit. */
  heapMb?: number;
  /** Modules to load before the CLI (`node --import`), from test/hardening/preload/. */
  preload?: string[];
  timeout?: number;
  input?: string;
  cwd?: string;
  /** A script to run instead of the CLI, with the same flags and preloads. */
  script?: string;
}

/** `node [--max-old-space-size] [--import …] bin/grounding.js ...args`, killed after `timeout` ms. */
export function runCli(args: readonly string[], dir: string, options: HardOptions = {}): Promise<HardRun> {
  const rssFile = join(dir, `.rss-${process.hrtime.bigint()}`);
  const flags = [
    ...(options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : []),
    ...['rss.mjs', ...(options.preload ?? [])].flatMap((p) => ['--import', join(PRELOADS, p)]),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', GROUNDING_TEST_RSS_FILE: rssFile };
  delete env.FORCE_COLOR;
  delete env.GITHUB_STEP_SUMMARY;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, options.script ?? BIN, ...args], { cwd: options.cwd ?? ROOT, env, timeout: options.timeout ?? 60_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let peakMb: number | undefined;
      try {
        peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
        rmSync(rssFile);
      } catch {
        peakMb = undefined; // the child died before its exit hook ran
      }
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), peakMb, ms: performance.now() - started });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** No stack trace, no internal error, no crash: what a user must never see. */
export function expectNoCrash(run: CliResult): void {
  expect(run.signal, `killed by ${run.signal}; stderr: ${run.stderr.slice(0, 500)}`).toBeNull();
  expect(run.stderr).not.toMatch(/\n\s+at .+[:(].*\d+:\d+\)?\n/);
  expect(run.stderr).not.toMatch(/internal error|FATAL ERROR|heap out of memory|Maximum call stack|^\w*Error: |^node:internal/m);
}

/** Exit 2 with one `grounding: FILE[:LINE]: expected …, found …` message naming the reason. */
export function expectCleanFailure(run: CliResult, where: string | RegExp, reason: RegExp): void {
  expectNoCrash(run);
  expect(run.code, run.stderr).toBe(2);
  const message = run.stderr.split('\n').find((l) => l.startsWith('grounding: '));
  expect(message, run.stderr).toBeDefined();
  if (typeof where === 'string') expect(message!.startsWith(`grounding: ${where}:`) || message!.startsWith(`grounding: ${where} `), message).toBe(true);
  else expect(message).toMatch(where);
  expect(message).toMatch(/expected .+, found /);
  expect(message).toMatch(reason);
}

export function readSummary(path: string): Summary {
  return SummarySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Every file balances: analyzed + skipped = records. */
export function expectBalanced(files: readonly FileAccount[]): void {
  for (const f of files) expect(f.analyzed + sumOf(f.skipped), `${f.path}: analyzed + skipped = records`).toBe(f.records);
}

/** The account of the file whose path ends with `name`. */
export function account(summary: Summary, name: string): FileAccount {
  const found = summary.input.files.find((f) => f.path.endsWith(name));
  if (!found) throw new Error(`no account for ${name} in ${summary.input.files.map((f) => f.path).join(', ')}`);
  return found;
}
