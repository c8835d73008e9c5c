/**
 * A run spread over workers through Redis with BullMQ. `submit` records the run (inputs, options,
 * baseline, tool and model versions) and enqueues one job per shard, dealt as `--shard I/N` deals
 * records; each worker analyzes its shard and stores the partial summary under the run; `collect`
 * merges the shards exactly, as `merge` does. Everything of a run sits under
 * `<prefix>:run:<name>` and expires after its TTL, so runs on one Redis never mix.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseData, UsageError } from '../errors.js';
import { jobId, QUEUE_NAME, runKey, shardsKey } from './names.js';
import { GROUP_BY } from '../measure/tally.js';
import { mergeSummaries } from '../measure/merge.js';
import { RATES, SummarySchema, type Summary } from '../measure/summary.js';
import { TAGGERS } from '../tag/tagger.js';

/** What a worker needs to analyze a shard as `analyze` would, and what it must match to take the job. */
export const RunSpecSchema = z.object({
  name: z.string(),
  /** Absolute paths every worker can read (a shared volume). */
  inputs: z.array(z.string()).min(1),
  shards: z.number().int().min(1),
  options: z.object({
    format: z.string(),
    model: z.string().optional(),
    skipInvalid: z.boolean(),
    by: z.enum(GROUP_BY),
    tagger: z.enum(TAGGERS),
    rates: z.enum(RATES),
  }),
  /** The baseline compared with: a file every worker can read (null: the shipped one), its domain and version; null for --no-baseline. */
  baseline: z.object({ path: z.string().nullable(), domain: z.string(), version: z.string() }).nullable(),
  /** The worker must be exactly this: the same grounding, lexicons and model, or shards would not merge. */
  tool: z.object({ version: z.string(), lexiconHash: z.string(), model: z.string().nullable() }),
  submitted: z.string(),
  ttlSeconds: z.number().int().positive(),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;

/** The job of one shard. */
export interface ShardJob {
  run: string;
  /** 1-based, as in --shard I/N. */
  shard: number;
  shards: number;
}

export function openQueue(connection: Redis, prefix: string): Queue {
  return new Queue(QUEUE_NAME, { connection, prefix });
}

export interface SubmitOptions {
  prefix: string;
  /** Tries per shard before it fails for good; a retry waits 1 s, then 2 s, 4 s … */
  attempts: number;
}

/** Record the run and enqueue a job per shard. Refused when a run of that name exists on this Redis. */
export async function submitRun(redis: Redis, spec: RunSpec, options: SubmitOptions): Promise<void> {
  const key = runKey(options.prefix, spec.name);
  const created = await redis.set(key, JSON.stringify(spec), 'EX', spec.ttlSeconds, 'NX');
  if (created !== 'OK') {
    throw new UsageError(`Expected a new run name, found a run \`${spec.name}\` already on this Redis (prefix ${options.prefix}). Choose another --run, or wait for it to expire.`);
  }
  const queue = openQueue(redis, options.prefix);
  try {
    const keep = { age: spec.ttlSeconds };
    await queue.addBulk(
      Array.from({ length: spec.shards }, (_, i) => ({
        name: spec.name,
        data: { run: spec.name, shard: i + 1, shards: spec.shards } satisfies ShardJob,
        opts: { jobId: jobId(spec.name, i + 1), attempts: options.attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: keep, removeOnFail: keep },
      })),
    );
  } finally {
    await queue.close();
  }
}

/** The run's record, or a UsageError naming what is missing. */
export async function readSpec(redis: Redis, prefix: string, run: string): Promise<RunSpec> {
  const text = await redis.get(runKey(prefix, run));
  if (text === null) throw new UsageError(`Expected a run \`${run}\` on this Redis (prefix ${prefix}), found none: it was never submitted there, or it expired. Check --run and --prefix.`);
  const parsed = RunSpecSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new UsageError(`Expected the record of run \`${run}\` as grounding queue submit writes it, found another shape (${parsed.error.issues[0]!.message}). Was it written by another tool?`);
  return parsed.data;
}

/** Store a shard's summary: idempotent, so a shard done twice (a retry after a lost reply) counts once. */
export async function storeShard(redis: Redis, prefix: string, spec: RunSpec, shard: number, summary: Summary): Promise<void> {
  const key = shardsKey(prefix, spec.name);
  await redis.multi().hset(key, String(shard), JSON.stringify(summary)).expire(key, spec.ttlSeconds).exec();
}

/** The finished shards' summaries, by shard number. */
export async function readShards(redis: Redis, prefix: string, run: string): Promise<Map<number, Summary>> {
  const stored = await redis.hgetall(shardsKey(prefix, run));
  const out = new Map<number, Summary>();
  for (const [shard, text] of Object.entries(stored)) {
    out.set(Number(shard), parseData(SummarySchema, JSON.parse(text), `run ${run}, shard ${shard} (in Redis)`, 'Was it written by another tool? Submit the run again under a new name.'));
  }
  return out;
}

export type ShardState = 'waiting' | 'active' | 'retrying' | 'done' | 'failed' | 'missing';

export interface ShardStatus {
  shard: number;
  state: ShardState;
  /** Tries made so far. */
  attempts: number;
  /** The last failure, for a shard that failed or is waiting to retry. */
  reason: string | null;
}

/**
 * Each shard's state: done when its summary is stored (whatever the job says), else the job's own
 * state. `failed` is for good: BullMQ moves a job there only when its tries are used up.
 */
export async function shardStatus(redis: Redis, queue: Queue, prefix: string, spec: RunSpec): Promise<ShardStatus[]> {
  const done = new Set((await redis.hkeys(shardsKey(prefix, spec.name))).map(Number));
  const out: ShardStatus[] = [];
  for (let shard = 1; shard <= spec.shards; shard++) {
    if (done.has(shard)) {
      out.push({ shard, state: 'done', attempts: 0, reason: null });
      continue;
    }
    const job = await queue.getJob(jobId(spec.name, shard));
    if (!job) {
      out.push({ shard, state: 'missing', attempts: 0, reason: 'the job is gone from the queue (removed, or expired) and its shard was never stored' });
      continue;
    }
    const state = await job.getState();
    const mapped: ShardState = state === 'failed' ? 'failed' : state === 'active' ? 'active' : state === 'delayed' ? 'retrying' : state === 'completed' ? 'done' : 'waiting';
    out.push({ shard, state: mapped, attempts: job.attemptsMade, reason: job.failedReason || null });
  }
  return out;
}

/** `shard 3/12: failed, 3 tries: <reason>` */
export function statusLine(s: ShardStatus, shards: number): string {
  const tries = s.attempts > 0 ? `, ${s.attempts} tr${s.attempts === 1 ? 'y' : 'ies'}` : '';
  return `shard ${s.shard}/${shards}: ${s.state}${tries}${s.reason && s.state !== 'done' ? `: ${s.reason}` : ''}`;
}

/** `4 done, 1 active, 7 waiting, 0 retrying, 0 failed` (and missing ones, if any). */
export function statusCounts(statuses: readonly ShardStatus[]): string {
  const by = (state: ShardStatus['state']) => statuses.filter((s) => s.state === state).length;
  const parts = [`${by('done')} done`, `${by('active')} active`, `${by('waiting')} waiting`, `${by('retrying')} retrying`, `${by('failed')} failed`];
  if (by('missing') > 0) parts.push(`${by('missing')} missing`);
  return parts.join(', ');
}

/** Every shard's status once, through one queue handle. */
export async function runStatus(redis: Redis, prefix: string, spec: RunSpec): Promise<ShardStatus[]> {
  const queue = openQueue(redis, prefix);
  try {
    return await shardStatus(redis, queue, prefix, spec);
  } finally {
    await queue.close();
  }
}

/**
 * Wait until every shard is done, then merge them exactly. A UsageError names the shards that
 * failed for good once nothing else is left to run, or those still open after `timeoutSeconds` (0: no limit).
 */
export async function collectRun(redis: Redis, prefix: string, spec: RunSpec, timeoutSeconds: number, onProgress: (done: number) => void): Promise<Summary> {
  const deadline = timeoutSeconds > 0 ? Date.now() + timeoutSeconds * 1000 : Infinity;
  const queue = openQueue(redis, prefix);
  try {
    for (;;) {
      const statuses = await shardStatus(redis, queue, prefix, spec);
      const done = statuses.filter((s) => s.state === 'done').length;
      onProgress(done);
      if (done === spec.shards) break;
      const lost = statuses.filter((s) => s.state === 'failed' || s.state === 'missing');
      if (lost.length > 0 && lost.length + done === spec.shards) {
        throw new UsageError(`Expected every shard of run ${spec.name} done, found ${lost.length} failed for good:\n${lost.map((s) => `  ${statusLine(s, spec.shards)}`).join('\n')}\nFix the cause, then submit the run again under a new name.`);
      }
      if (Date.now() >= deadline) {
        const open = statuses.filter((s) => s.state !== 'done');
        throw new UsageError(`Expected run ${spec.name} done within ${timeoutSeconds} s, found ${statusCounts(statuses)}:\n${open.map((s) => `  ${statusLine(s, spec.shards)}`).join('\n')}\nAre workers running (grounding worker)? Collect again later; finished shards stay.`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await queue.close();
  }
  const shards = await readShards(redis, prefix, spec.name);
  return mergeSummaries([...shards.entries()].sort(([a], [b]) => a - b).map(([shard, summary]) => ({ path: `run ${spec.name} shard ${shard}/${spec.shards}`, summary })));
}

/** The run's inputs as every worker will read them: absolute paths; stdin cannot be shared. */
export function sharedInputs(inputs: readonly string[], cwd = process.cwd()): string[] {
  if (inputs.includes('-')) throw new UsageError('Expected files that every worker can read, found - (stdin), which only this process can. Write the input to a shared volume and name it.');
  return inputs.map((i) => resolve(cwd, i));
}
