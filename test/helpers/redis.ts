/**
 * A real redis-server for the queue tests, on 127.0.0.1 at a free port, with its data in a
 * scratch folder (AOF on), stopped by its pid. `.ci/run` installs redis-server when it is
 * missing; without it the queue tests skip with a message.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BIN } from './cli.js';

export const REDIS_SERVER = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RedisServer {
  port: number;
  url: string;
  /** Stop it (SIGTERM: Redis flushes its AOF) and wait for it to exit. */
  stop(): Promise<void>;
  /** Stop, then start again on the same port and folder, as after a restart. */
  restart(): Promise<void>;
}

async function ready(child: ChildProcess): Promise<void> {
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${seen.slice(-500)}`)), 10_000);
    child.stdout!.on('data', (b: Buffer) => {
      seen += b.toString();
      if (seen.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${seen.slice(-500)}`));
    });
  });
}

/** PEM files of a test CA and a server certificate for 127.0.0.1 signed by it. */
export interface Tls {
  ca: string;
  cert: string;
  key: string;
}

/** A CA and a server certificate for 127.0.0.1, made with openssl in `dir`; null without openssl. */
export function makeCertificates(dir: string): Tls | null {
  const run = (args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' }).status === 0;
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  const ok =
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=grounding-test-ca']) &&
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']) &&
    run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'san.cnf']);
  if (!ok) return null;
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

/** Start redis-server with AOF in `dir`; extra arguments such as `--requirepass x` go last. With `tls`, it listens for TLS only. */
export async function startRedis(dir: string, extra: string[] = [], tls: Tls | null = null): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess;
  const listen = tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.ca, '--tls-auth-clients', 'no']
    : ['--port', String(port)];
  const start = async () => {
    child = spawn('redis-server', [...listen, '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--daemonize', 'no', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    await ready(child);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    url: `${tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      await start();
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the worker logged so far. */
  log(): string;
  /** Resolves when the log matches. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
}

/** `grounding worker` as a child process; the caller stops it. */
export function startWorker(args: string[], env: NodeJS.ProcessEnv): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  return {
    child,
    log: () => text,
    waitFor: (pattern, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (pattern.test(text)) {
            clearInterval(poll);
            resolve();
          } else if (Date.now() - started > ms || child.exitCode !== null) {
            clearInterval(poll);
            reject(new Error(`worker log never matched ${pattern}:\n${text.slice(-2000)}`));
          }
        }, 50);
      }),
  };
}

/** Stop a worker gracefully and wait for it. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = once(worker.child, 'exit');
  worker.child.kill('SIGTERM');
  await exited;
}
