/** Run the built CLI (`node bin/grounding.js …`) as a child process, or `main` in-process with an injected Io. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { onTestFinished } from 'vitest';
import type { Io } from '../../src/cli/io.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'grounding.js');
export const DIST_MAIN = join(ROOT, 'dist', 'cli', 'main.js');
export const SAMPLES = join(ROOT, 'corpora', 'samples');
export const sample = (name: string) => join(SAMPLES, name);

/** The shared real corpora, read in place; absent on a user's fresh clone. */
export const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `node bin/grounding.js ...args` from `cwd` (the repo root by default), killed after `timeout` ms. */
export function cli(args: readonly string[], options: { cwd?: string; input?: string | Buffer; timeout?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  // Tests run inside CI too: a child must never append to the real job summary unless a test asks.
  if (!options.env?.GITHUB_STEP_SUMMARY) delete env.GITHUB_STEP_SUMMARY;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, timeout: options.timeout ?? 30_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => {}); // the CLI may exit before reading all of stdin
    child.stdin.end(options.input ?? '');
  });
}

/**
 * A scratch folder removed when the test ends. Concurrent tests must pass their context's
 * `onTestFinished`, since the global one may attach to another running test.
 */
export function tempDir(onFinished: (fn: () => void) => void = onTestFinished): string {
  const dir = mkdtempSync(join(tmpdir(), 'grounding-cli-'));
  onFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A Writable that keeps everything written to it (and never applies backpressure). */
export class Collector extends Writable {
  private chunks: string[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface TestIo extends Io {
  stdout: Collector;
  stderr: Collector;
}

export function testIo(stdin: string = ''): TestIo {
  return { stdin: Readable.from([stdin]), stdout: new Collector(), stderr: new Collector(), interactive: false };
}

/**
 * The files under dist/ that a fresh Node.js process loads as modules while it runs `body` (the
 * code of an ES module, top-level await allowed), seen by a module hook; paths relative to dist/.
 */
export function distModulesLoadedBy(body: string, env: NodeJS.ProcessEnv = {}): string[] {
  const out = join(tempDir(), 'urls.json');
  const script = `
    import { register } from 'node:module';
    import { writeFileSync } from 'node:fs';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (url) => urls.push(url));
    port1.unref();
    register('data:text/javascript,' + encodeURIComponent('let port; export function initialize(d) { port = d.port; } export async function load(u, c, next) { port.postMessage(u); return next(u, c); }'), { data: { port: port2 }, transferList: [port2] });
    ${body}
    await new Promise((done) => setTimeout(done, 100));
    writeFileSync(${JSON.stringify(out)}, JSON.stringify(urls));`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const dist = pathToFileURL(join(ROOT, 'dist')).href;
  return (JSON.parse(readFileSync(out, 'utf8')) as string[]).filter((u) => u.startsWith(`${dist}/`)).map((u) => u.slice(dist.length + 1));
}
