/** `grounding queue submit|status|collect`: a run spread over workers through Redis (see src/queue/). */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { chooseBaseline } from '../baseline/load.js';
import { UsageError } from '../errors.js';
import { GROUP_BY, type GroupBy } from '../measure/tally.js';
import { RATES, requireBaselineEstimates, type RateBasis } from '../measure/summary.js';
import { checkPrefix, checkRunName, DEFAULT_PREFIX, DEFAULT_TTL_SECONDS, REDIS_ENV } from '../queue/names.js';
import type { Redis } from 'ioredis';
import type { RunSpec } from '../queue/run.js';
import { formatAccounts, formatFor, formatTable, writeReport } from '../report/index.js';
import type { TaggerKind } from '../tag/tagger.js';
import { checkWritable, write, type Io } from './io.js';
import type { CommandBody } from './main.js';
import { inputOptions, tableOptions, tableSettings } from './options.js';
import { countReporter } from './progress.js';

/** --redis and --prefix, on every queue command and the worker. */
export function redisOptions<T>(y: Argv<T>) {
  return y
    .option('redis', { type: 'string', describe: `Redis URL, redis://HOST:6379 or rediss://HOST:6380 for TLS (default: ${REDIS_ENV}); a URL with a password only in ${REDIS_ENV}` })
    .option('prefix', { type: 'string', default: DEFAULT_PREFIX, describe: 'Prefix of every Redis key of the queue and its runs', coerce: checkPrefix });
}

interface RedisArgs {
  redis?: string;
  prefix: string;
}

/** BullMQ and ioredis, loaded only by the commands that use them. */
async function queueModules() {
  const [redis, run, worker] = await Promise.all([import('../queue/redis.js'), import('../queue/run.js'), import('../queue/worker.js')]);
  return { ...redis, ...run, ...worker };
}

/** Run `body` with a checked connection, closed afterwards. */
async function withRedis<T>(args: RedisArgs, body: (redis: Redis, url: string) => Promise<T>): Promise<T> {
  const { connect, redisUrl } = await import('../queue/redis.js');
  const url = redisUrl(args.redis);
  const redis = await connect(url);
  try {
    return await body(redis, url);
  } finally {
    redis.disconnect();
  }
}

function submitCommand(io: Io): CommandModule {
  return {
    command: 'submit <inputs..>',
    describe: 'Enqueue a run: one job per shard of the inputs, for workers to analyze',
    builder: (y) =>
      redisOptions(inputOptions(y))
        .option('run', { type: 'string', demandOption: true, describe: 'Name of the run (letters, digits, . _ -), unique on this Redis', coerce: checkRunName })
        .option('shards', { type: 'number', default: 8, describe: 'Jobs to split the inputs into, dealt as --shard I/N deals records' })
        .option('by', { choices: GROUP_BY, default: 'model' as GroupBy, describe: 'Group turns by model, role, source file or conversation, as for analyze' })
        .option('baseline', { type: 'string', describe: 'Human baseline JSON every worker can read (default: the shipped one); --no-baseline compares with nothing' })
        .option('baseline-domain', { type: 'string', default: 'pooled', describe: 'Baseline domain to compare with: pooled, task, support, persuasion or tutoring' })
        .option('rates', { choices: RATES, default: 'tagged' as RateBasis, describe: 'Which rates the gap to human compares, as for analyze' })
        .option('attempts', { type: 'number', default: 3, describe: 'Tries per shard before it fails for good; retries wait 1 s, 2 s, 4 s …' })
        .option('ttl', { type: 'number', default: DEFAULT_TTL_SECONDS, describe: 'Seconds the run and its shards stay in Redis' })
        // Workers analyze one shard a thread; nothing is read here.
        .hide('jobs')
        .hide('progress')
        .example(`${REDIS_ENV}=redis://redis:6379 $0 queue submit /data/logs --run nightly --shards 32`, 'Enqueue 32 shards of a shared folder'),
    handler: async (argv) => {
      const args = argv as unknown as RedisArgs & {
        inputs: string[]; format: string; model?: string; skipInvalid: boolean; tagger: TaggerKind; run: string; shards: number; by: GroupBy;
        baseline?: string | false; baselineDomain: string; rates: RateBasis; attempts: number; ttl: number;
      };
      for (const [name, value, min] of [['--shards', args.shards, 1], ['--attempts', args.attempts, 1], ['--ttl', args.ttl, 60]] as const) {
        if (!Number.isInteger(value) || value < min) throw new UsageError(`Expected ${name} to be a whole number of at least ${min}, found \`${value}\`.`);
      }
      const { redact, sharedInputs, submitRun, toolIdentity } = await queueModules();
      const inputs = sharedInputs(args.inputs);
      const baseline = args.baseline === false ? null : chooseBaseline(args.baseline, args.baselineDomain);
      if (baseline && args.rates === 'estimated') requireBaselineEstimates(baseline);
      const spec: RunSpec = {
        name: args.run,
        inputs,
        shards: args.shards,
        options: { format: args.format, ...(args.model !== undefined && { model: args.model }), skipInvalid: args.skipInvalid, by: args.by, tagger: args.tagger, rates: args.rates },
        baseline: baseline && { path: args.baseline === undefined ? null : resolve(baseline.path), domain: baseline.domain, version: baseline.baseline.version },
        tool: toolIdentity(args.tagger),
        submitted: new Date().toISOString(),
        ttlSeconds: args.ttl,
      };
      await withRedis(args, async (redis, url) => {
        await submitRun(redis, spec, { prefix: args.prefix, attempts: args.attempts });
        const where = args.redis === undefined ? '' : ` --redis ${redact(url)}`;
        const prefix = args.prefix === DEFAULT_PREFIX ? '' : ` --prefix ${args.prefix}`;
        await write(io.stdout, `${spec.name}\n`);
        await write(io.stderr, `submitted run ${spec.name}: ${spec.shards} shards of ${inputs.length} input${inputs.length === 1 ? '' : 's'}; start workers with \`grounding worker${where}${prefix}\`, then collect with:\n  grounding queue collect${where}${prefix} --run ${spec.name} -o summary.json\n`);
      });
    },
  };
}

function statusCommand(io: Io): CommandModule {
  return {
    command: 'status',
    describe: "A run's shards: waiting, active, done and failed, with the failure reasons",
    builder: (y) => redisOptions(y).option('run', { type: 'string', demandOption: true, describe: 'The run, as submitted', coerce: checkRunName }),
    handler: async (argv) => {
      const args = argv as unknown as RedisArgs & { run: string };
      const { readSpec, runStatus, statusCounts, statusLine } = await queueModules();
      await withRedis(args, async (redis) => {
        const spec = await readSpec(redis, args.prefix, args.run);
        const statuses = await runStatus(redis, args.prefix, spec);
        await write(io.stdout, `run ${spec.name} (submitted ${spec.submitted}): ${statusCounts(statuses)}\n${statuses.map((s) => statusLine(s, spec.shards)).join('\n')}\n`);
      });
    },
  };
}

function collectCommand(io: Io): CommandModule {
  return {
    command: 'collect',
    describe: 'Wait until every shard of a run is done, merge them exactly and write the outputs like analyze -o',
    builder: (y) =>
      tableOptions(redisOptions(y))
        .option('run', { type: 'string', demandOption: true, describe: 'The run, as submitted', coerce: checkRunName })
        .option('out', { alias: 'o', type: 'string', array: true, default: [] as string[], describe: 'Write the summary to FILE: .json, .csv, .md or .html (repeatable)' })
        .option('timeout', { type: 'number', default: 0, describe: 'Give up after this many seconds with exit 2 (0: wait as long as it takes)' })
        .option('progress', { type: 'boolean', default: true, describe: 'Show progress on stderr when it is a terminal' }),
    handler: async (argv) => {
      const args = argv as unknown as RedisArgs & { run: string; out: string[]; timeout: number; progress: boolean; color?: boolean; rows: number };
      if (!(args.timeout >= 0)) throw new UsageError(`Expected --timeout to be a number of seconds, at least 0, found \`${args.timeout}\`.`);
      args.out.forEach((path) => {
        formatFor(path);
        checkWritable(path);
      });
      const { collectRun, readSpec } = await queueModules();
      const summary = await withRedis(args, async (redis) => {
        const spec = await readSpec(redis, args.prefix, args.run);
        const bar = countReporter(io, args.progress, 'shards');
        try {
          return await collectRun(redis, args.prefix, spec, args.timeout, (done) => bar.update(done, spec.shards));
        } finally {
          bar.stop();
        }
      });
      await write(io.stdout, `${formatTable(summary, tableSettings(args, io.stdout))}\n`);
      await write(io.stderr, `${formatAccounts(summary.input.files)}\n`);
      for (const path of args.out) {
        await writeReport(path, summary);
        await write(io.stderr, `wrote ${path}\n`);
      }
    },
  };
}

export function queueCommand(io: Io): CommandBody {
  return {
    builder: (y) => y.command(submitCommand(io)).command(statusCommand(io)).command(collectCommand(io)).demandCommand(1, 'Name a queue command: submit, status or collect.'),
    handler: () => {},
  };
}
