/**
 * Worker threads for tagging. Batches go out with a sequence number and come back in any order;
 * the caller gets them back in sequence, so output order never depends on the number of workers.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchRequest, BatchResult } from './batch.js';

/** The built worker script; from the TypeScript sources (tests), the one the build wrote to dist/. */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const beside = join(dirname(here), 'worker.js');
  return existsSync(beside) ? beside : resolve(dirname(here), '..', '..', 'dist', 'parallel', 'worker.js');
}

/**
 * A worker's young generation, where short-lived objects are made. V8's default (48 MB on this
 * 64-bit build) is mostly garbage between scavenges; each worker holding that much is what kept
 * `--jobs 2` over 400 MB (README, memory). A smaller one costs a few more, cheap, scavenges.
 */
const YOUNG_GENERATION_MB = 12;

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly waiting: Array<{ request: BatchRequest; resolve: (r: BatchResult) => void; reject: (e: Error) => void }> = [];
  private readonly busy = new Map<Worker, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  private closing = false;

  constructor(size: number) {
    const script = workerScript();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      worker.on('message', (result: BatchResult) => {
        const job = this.busy.get(worker);
        this.busy.delete(worker);
        this.idle.push(worker);
        job?.resolve(result);
        this.next();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`a tagging worker stopped with exit code ${code}`));
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /** Tag a batch on the next free worker. */
  run(request: BatchRequest): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.waiting.shift()!;
      this.busy.set(worker, job);
      worker.postMessage(job.request);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of [...this.busy.values(), ...this.waiting]) job.reject(error);
    this.busy.clear();
    this.waiting.length = 0;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
