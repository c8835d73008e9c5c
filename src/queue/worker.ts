/**
 * A queue worker: takes shard jobs from BullMQ, analyzes each shard as `analyze --shard I/N` would
 * and stores its partial summary under the run. It refuses a job of another grounding, lexicon or
 * model version for good, so mixed versions never merge. Closing finishes the jobs in hand; a
 * worker that dies leaves its job to BullMQ's stalled-job check, which gives it to another.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { chooseBaseline } from '../baseline/load.js';
import { buildSummary, taggerChoice } from '../measure/summary.js';
import { tallyInputs } from '../pipeline.js';
import { loadLexicons } from '../tag/lexicon.js';
import { loadModel } from '../tag/learned/model.js';
import { VERSION } from '../version.js';
import { QUEUE_NAME } from './names.js';
import { readSpec, storeShard, type RunSpec, type ShardJob } from './run.js';

/** This process's grounding, lexicons and model, which a run must match. */
export function toolIdentity(tagger: RunSpec['options']['tagger'] = 'learned'): RunSpec['tool'] {
  return { version: VERSION, lexiconHash: loadLexicons().hash, model: tagger === 'learned' ? loadModel().version : null };
}

function mismatch(spec: RunSpec): string | null {
  const ours = toolIdentity(spec.options.tagger);
  const theirs = spec.tool;
  const parts: string[] = [];
  if (ours.version !== theirs.version) parts.push(`grounding ${theirs.version} (this worker ${ours.version})`);
  if (ours.lexiconHash !== theirs.lexiconHash) parts.push(`lexicons ${theirs.lexiconHash} (this worker ${ours.lexiconHash})`);
  if (ours.model !== theirs.model) parts.push(`model ${theirs.model} (this worker ${ours.model})`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Analyze one shard of a run: the summary `analyze --shard I/N --jobs 1` would write for it. */
export async function analyzeShard(spec: RunSpec, shard: number) {
  const baseline = spec.baseline && chooseBaseline(spec.baseline.path ?? undefined, spec.baseline.domain);
  if (baseline && spec.baseline && baseline.baseline.version !== spec.baseline.version) {
    throw new UnrecoverableError(`Expected the baseline ${spec.baseline.version} the run was submitted with, found ${baseline.baseline.version} at ${baseline.path} on this worker. Give every worker the same baseline file.`);
  }
  const { options } = spec;
  const run = await tallyInputs(spec.inputs, {
    format: options.format,
    model: options.model,
    skipInvalid: options.skipInvalid,
    jobs: 1,
    by: options.by,
    shard: { index: shard, count: spec.shards },
    tagger: options.tagger,
  });
  return buildSummary({ version: VERSION, groupBy: options.by, tally: run.tally, files: run.files, conversations: run.conversations, baseline, matched: run.matched, tagger: taggerChoice(options.tagger), rates: options.rates });
}

export interface WorkerOptions {
  prefix: string;
  concurrency: number;
  /** Seconds a job stays held without a heartbeat before another worker may take it over. */
  lockSeconds: number;
  /** A line per event (a shard started, done or failed), for the worker's log. */
  log: (line: string) => void;
}

/** Start taking jobs; close the returned worker to stop after the jobs in hand. */
export function startWorker(connection: Redis, options: WorkerOptions): Worker<ShardJob> {
  const process = async (job: Job<ShardJob>) => {
    const { run, shard, shards } = job.data;
    const spec = await readSpec(connection, options.prefix, run).catch((error: Error) => {
      throw new UnrecoverableError(error.message);
    });
    const differs = mismatch(spec);
    if (differs) throw new UnrecoverableError(`Expected a run of this worker's own grounding, lexicons and model, found one submitted with ${differs}. Run workers of the version that submitted it; mixed versions would not merge.`);
    const started = Date.now();
    options.log(`run ${run}: shard ${shard}/${shards} started (try ${job.attemptsMade + 1})`);
    const summary = await analyzeShard(spec, shard);
    await storeShard(connection, options.prefix, spec, shard, summary);
    options.log(`run ${run}: shard ${shard}/${shards} done in ${((Date.now() - started) / 1000).toFixed(1)} s, ${summary.input.conversations} conversations`);
  };
  const lock = options.lockSeconds * 1000;
  const worker = new Worker<ShardJob>(QUEUE_NAME, process, {
    connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: lock,
    stalledInterval: lock,
    // A job whose worker died is handed on once; one that kills two workers fails with BullMQ's reason.
    maxStalledCount: 2,
    autorun: true,
  });
  worker.on('failed', (job, error) => {
    if (job) options.log(`run ${job.data.run}: shard ${job.data.shard}/${job.data.shards} failed (try ${job.attemptsMade} of ${job.opts.attempts ?? 1}): ${error.message}`);
  });
  worker.on('error', (error) => options.log(`error: ${error.message}`));
  return worker;
}
