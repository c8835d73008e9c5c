/** `grounding worker`: analyze the shards of queued runs until stopped (see src/queue/worker.ts). */
import { UsageError } from '../errors.js';
import { write, type Io } from './io.js';
import { redisOptions } from './queue.js';
import type { CommandBody } from './main.js';

export function workerCommand(io: Io): CommandBody {
  return {
    builder: (y) =>
      redisOptions(y)
        .option('concurrency', { type: 'number', default: 1, describe: 'Shards analyzed at once by this worker' })
        .option('lock-seconds', { type: 'number', default: 30, describe: 'Seconds a shard stays held without a heartbeat before another worker may take it over (after this worker died)' })
        .example('GROUNDING_REDIS_URL=redis://redis:6379 $0 worker', 'Work until stopped'),
    handler: async (argv) => {
      const args = argv as unknown as { redis?: string; prefix: string; concurrency: number; lockSeconds: number };
      if (!Number.isInteger(args.concurrency) || args.concurrency < 1) throw new UsageError(`Expected --concurrency to be a whole number of at least 1, found \`${args.concurrency}\`.`);
      if (!(args.lockSeconds >= 1)) throw new UsageError(`Expected --lock-seconds to be at least 1, found \`${args.lockSeconds}\`.`);
      // BullMQ and ioredis load here, not at start-up.
      const { connect, connectionOptions, redact, redactText, redisUrl } = await import('../queue/redis.js');
      const { startWorker } = await import('../queue/worker.js');
      const url = redisUrl(args.redis);
      const connection = await connect(url, connectionOptions());
      const log = (line: string) => void write(io.stderr, `worker: ${redactText(line)}\n`);
      // The signal handlers go in before the worker starts: it may take a shard at once, and a
      // SIGTERM that found no handler would kill the process with the shard in hand. The first
      // signal closes after the shards in hand; a second leaves them to another worker (BullMQ's stalled-job check).
      let stopping = false;
      let stopped: () => void = () => {};
      const closed = new Promise<void>((resolve) => (stopped = resolve));
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          log(`${signal} again: stopping now; the shards in hand go to another worker`);
          void worker.close(true).then(stopped);
          return;
        }
        stopping = true;
        log(`${signal}: finishing the shards in hand, then stopping`);
        void worker.close().then(stopped);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const worker = startWorker(connection, { prefix: args.prefix, concurrency: args.concurrency, lockSeconds: args.lockSeconds, log });
      log(`waiting for shards on ${redact(url)} (prefix ${args.prefix}); Ctrl-C or SIGTERM stops after the shards in hand`);
      await closed;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      connection.disconnect();
      log('stopped');
    },
  };
}
