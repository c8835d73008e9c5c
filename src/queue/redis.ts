/**
 * Where the queue's Redis is, and how to reach it safely. A URL that carries a password is taken
 * only from the environment (GROUNDING_REDIS_URL): on a command line it shows in `ps` and in shell
 * history. Every URL is redacted before it is printed, and an unreachable Redis is an error within
 * seconds, not a hang.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { UsageError } from '../errors.js';
import { REDIS_ENV } from './names.js';


/** How long reaching Redis may take before the command gives up with exit 2. */
const CONNECT_SECONDS = 5;

/** The URL with any password replaced by `***`, for messages. Unparseable text is not echoed at all. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

/** Any URL-shaped text inside a message (an ioredis error may quote one), redacted. */
export function redactText(text: string): string {
  return text.replace(/rediss?:\/\/[^\s'"]+/g, (url) => redact(url));
}

/** The Redis URL: `--redis`, else GROUNDING_REDIS_URL. A password is accepted only from the environment. */
export function redisUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[REDIS_ENV];
  const url = option ?? fromEnv;
  if (!url) throw new UsageError(`Expected a Redis URL in --redis or ${REDIS_ENV}, found neither. Pass --redis redis://HOST:6379, or set ${REDIS_ENV} (the only place for a URL with a password).`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`Expected a Redis URL such as redis://HOST:6379 or rediss://HOST:6380 in ${option !== undefined ? '--redis' : REDIS_ENV}, found text that is not a URL.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`Expected a redis:// or rediss:// (TLS) URL, found ${redact(url)}.`);
  }
  if (option !== undefined && parsed.password) {
    throw new UsageError(`Expected a Redis URL with a password only in ${REDIS_ENV}, found one in --redis (${redact(url)}); a command line shows in ps and in shell history. Set ${REDIS_ENV} and leave out --redis.`);
  }
  return url;
}

/**
 * Options for a long-lived connection (BullMQ's workers and queues need `maxRetriesPerRequest:
 * null`): it reconnects after a Redis restart and goes on where it was.
 */
export function connectionOptions(): RedisOptions {
  return { maxRetriesPerRequest: null, connectTimeout: CONNECT_SECONDS * 1000, retryStrategy: (attempt) => Math.min(attempt * 200, 2000) };
}

/** A connection for commands, checked with PING first: exit 2 within seconds when Redis cannot be reached. */
export async function connect(url: string, options: RedisOptions = connectionOptions()): Promise<Redis> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: CONNECT_SECONDS * 1000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  // The connection's own error (ECONNREFUSED, a TLS or auth failure) says more than the rejected promise.
  let cause: Error | null = null;
  probe.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const why = (cause ?? (error as Error)).message;
    throw new UsageError(`Expected a Redis server at ${redact(url)}, could not connect (${redactText(why)}). Start it, or check the URL and its password in --redis or ${REDIS_ENV}.`);
  } finally {
    // A probe that never connected has nothing to close; disconnecting it would hold the process for ioredis's 2 s close timer.
    if (probe.status !== 'end') probe.disconnect();
  }
  const redis = new Redis(url, options);
  redis.on('error', () => {});
  return redis;
}
