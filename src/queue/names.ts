/**
 * The queue's names and limits, apart from BullMQ and ioredis so that the command line can describe
 * its options without loading either (they cost a quarter of a second at start-up).
 */
import { UsageError } from '../errors.js';

export const REDIS_ENV = 'GROUNDING_REDIS_URL';

/** The one BullMQ queue every run's jobs go through; its keys carry the run's prefix too. */
export const QUEUE_NAME = 'analyze';

export const DEFAULT_PREFIX = 'grounding';
/** A week: long enough to collect after a weekend, short enough that forgotten runs go. */
export const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function checkRunName(name: string): string {
  if (!NAME.test(name)) throw new UsageError(`Expected a run name of letters, digits, '.', '_' and '-' (at most 100, starting with a letter or digit), found \`${name.slice(0, 120)}\`.`);
  return name;
}

export function checkPrefix(prefix: string): string {
  if (!NAME.test(prefix)) throw new UsageError(`Expected a key prefix of letters, digits, '.', '_' and '-', found \`${prefix.slice(0, 120)}\`.`);
  return prefix;
}

export function runKey(prefix: string, run: string): string {
  return `${prefix}:run:${run}`;
}

/** The hash of the run's finished shards: shard number → partial summary JSON. Setting a shard twice leaves one. */
export function shardsKey(prefix: string, run: string): string {
  return `${runKey(prefix, run)}:shards`;
}

/** BullMQ ids may not hold ':' nor be integers. */
export function jobId(run: string, shard: number): string {
  return `${run}--shard-${shard}`;
}
