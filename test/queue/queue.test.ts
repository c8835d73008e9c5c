/**
 * The queue end to end, against a real redis-server: shards spread over worker processes give the
 * summary of one `analyze --jobs 1`, through a worker killed with SIGKILL, a Redis restart, and
 * two runs at once; bad URLs, an unreachable Redis and a worker of another version fail clearly.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, CORPORA, ROOT, SAMPLES, tempDir } from '../helpers/cli.js';
import { makeCertificates, REDIS_SERVER, startRedis, startWorker, stopWorker, type RedisServer, type WorkerProcess } from '../helpers/redis.js';

if (!REDIS_SERVER) console.warn('skipped: the queue tests need redis-server (apt install redis-server; .ci/run installs it)');

const SHARED = [join(CORPORA, 'llm', 'wildchat-sample'), join(CORPORA, 'llm', 'sharegpt-sample')];
/** The WildChat and ShareGPT samples when ../shared is there, else the bundled samples and fixtures. */
const INPUTS = SHARED.every(existsSync) ? SHARED : [SAMPLES, join(ROOT, 'test', 'fixtures', 'ingest', 'mixed')];

describe.skipIf(!REDIS_SERVER)('grounding queue and worker', () => {
  let redis: RedisServer;
  let dir: string;
  const workers: WorkerProcess[] = [];
  let env: NodeJS.ProcessEnv;
  /** `analyze --jobs 1` over INPUTS: what every collect below must equal. */
  let whole: string;

  const worker = (...args: string[]) => {
    const w = startWorker(['--lock-seconds', '2', ...args], env);
    workers.push(w);
    return w;
  };
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli(args, { env: { ...env, ...extra }, timeout: 120_000 });

  beforeAll(async () => {
    dir = tempDir(afterAll);
    redis = await startRedis(dir);
    env = { GROUNDING_REDIS_URL: redis.url };
    const analyzed = await cli(['analyze', ...INPUTS, '--jobs', '1', '--skip-invalid', '-o', join(dir, 'whole.json')], { timeout: 120_000 });
    expect(analyzed.code, analyzed.stderr).toBe(0);
    whole = readFileSync(join(dir, 'whole.json'), 'utf8');
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await redis?.stop();
  });

  it('collects 12 shards from two workers, one killed with SIGKILL mid-shard and replaced, into exactly the summary of one analyze', async () => {
    const submitted = await run(['queue', 'submit', ...INPUTS, '--skip-invalid', '--run', 'killed', '--shards', '12']);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stdout).toBe('killed\n');
    expect(submitted.stderr).toContain('grounding queue collect --run killed -o summary.json');
    const a = worker();
    worker();
    // Kill `a` while it holds a shard: after one is done, as soon as it starts the next.
    await a.waitFor(/done in [\s\S]*started/);
    const held = [...a.log().matchAll(/shard (\d+)\/12 started/g)].at(-1)![1];
    a.child.kill('SIGKILL');
    worker();
    const collected = await run(['queue', 'collect', '--run', 'killed', '--timeout', '90', '-o', join(dir, 'killed.json')]);
    expect(collected.code, collected.stderr).toBe(0);
    expect(readFileSync(join(dir, 'killed.json'), 'utf8')).toBe(whole);
    // The shard `a` held was done by another worker (unless `a` finished it before the kill landed: small shards are quick).
    const heldDone = new RegExp(`killed: shard ${held}/12 done`);
    if (!heldDone.test(a.log())) expect(workers.slice(1).some((w) => heldDone.test(w.log()))).toBe(true);
    const status = await run(['queue', 'status', '--run', 'killed']);
    expect(status.stdout).toMatch(/^run killed \(submitted .*\): 12 done, 0 active, 0 waiting, 0 retrying, 0 failed$/m);
    await Promise.all(workers.splice(0).map(stopWorker));
  });

  it('loses no finished shard when Redis restarts mid-run (AOF on), and keeps two runs apart', async () => {
    expect((await run(['queue', 'submit', ...INPUTS, '--skip-invalid', '--run', 'restart', '--shards', '12'])).code).toBe(0);
    // A second run on the same Redis at the same time, of other inputs and grouping.
    expect((await run(['queue', 'submit', SAMPLES, '--run', 'other', '--shards', '3', '--by', 'role'])).code).toBe(0);
    const again = await run(['queue', 'submit', SAMPLES, '--run', 'other']);
    expect(again.stderr).toContain('Expected a new run name, found a run `other` already on this Redis');
    expect(again.code).toBe(2);
    const w = worker();
    await w.waitFor(/restart: shard \d+\/12 done[\s\S]*restart: shard \d+\/12 done/);
    const client = new Redis(redis.url);
    const before = await client.hkeys('grounding:run:restart:shards');
    client.disconnect();
    await redis.restart();
    const after = new Redis(redis.url);
    expect(await after.hkeys('grounding:run:restart:shards')).toEqual(expect.arrayContaining(before));
    after.disconnect();
    const collected = await run(['queue', 'collect', '--run', 'restart', '--timeout', '90', '-o', join(dir, 'restart.json')]);
    expect(collected.code, collected.stderr).toBe(0);
    expect(readFileSync(join(dir, 'restart.json'), 'utf8')).toBe(whole);
    const other = await run(['queue', 'collect', '--run', 'other', '--timeout', '60', '-o', join(dir, 'other.json')]);
    expect(other.code, other.stderr).toBe(0);
    const alone = await cli(['analyze', SAMPLES, '--by', 'role', '--jobs', '1', '-o', join(dir, 'other-alone.json')]);
    expect(alone.code).toBe(0);
    expect(readFileSync(join(dir, 'other.json'), 'utf8')).toBe(readFileSync(join(dir, 'other-alone.json'), 'utf8'));
    await Promise.all(workers.splice(0).map(stopWorker));
  });

  it('fails the shards of a run submitted by another version for good, and collect names them with the reason', async () => {
    expect((await run(['queue', 'submit', SAMPLES, '--run', 'mixed', '--shards', '2'])).code).toBe(0);
    const client = new Redis(redis.url);
    const spec = JSON.parse((await client.get('grounding:run:mixed'))!);
    await client.set('grounding:run:mixed', JSON.stringify({ ...spec, tool: { ...spec.tool, version: '0.0.0-other' } }), 'KEEPTTL');
    client.disconnect();
    const w = worker();
    await w.waitFor(/mixed: shard 2\/2 failed/);
    const collected = await run(['queue', 'collect', '--run', 'mixed', '--timeout', '30']);
    expect(collected.code).toBe(2);
    expect(collected.stderr).toContain('Expected every shard of run mixed done, found 2 failed for good');
    expect(collected.stderr).toMatch(/shard 1\/2: failed, 1 try: Expected a run of this worker's own grounding, lexicons and model, found one submitted with grounding 0\.0\.0-other \(this worker 0\.1\.0\)/);
    const status = await run(['queue', 'status', '--run', 'mixed']);
    expect(status.stdout).toContain('0 done, 0 active, 0 waiting, 0 retrying, 2 failed');
    await Promise.all(workers.splice(0).map(stopWorker));
  });

  it('finishes the shard in hand on SIGTERM, then stops with exit 0', async () => {
    expect((await run(['queue', 'submit', ...INPUTS, '--skip-invalid', '--run', 'stopping', '--shards', '4'])).code).toBe(0);
    const w = worker();
    await w.waitFor(/stopping: shard 1\/4 started/);
    await stopWorker(w);
    const log = w.log();
    expect(log).toMatch(/SIGTERM: finishing the shards in hand, then stopping\n(.*\n)*worker: stopped\n$/);
    // Every shard it started, it finished: none is left half done (small shards may finish before the signal lands).
    const started = [...log.matchAll(/stopping: shard (\d)\/4 started/g)].map((m) => m[1]);
    const done = [...log.matchAll(/stopping: shard (\d)\/4 done/g)].map((m) => m[1]);
    expect(started.length).toBeGreaterThan(0);
    expect(done).toEqual(started);
    expect(w.child.exitCode).toBe(0);
    const status = await run(['queue', 'status', '--run', 'stopping']);
    expect(status.stdout).toContain(`${done.length} done, 0 active, ${4 - done.length} waiting`);
  });

  it('retries a failing shard with backoff, then fails it for good, naming the cause', async () => {
    const gone = join(tempDir(afterAll), 'gone.jsonl');
    writeFileSync(gone, readFileSync(join(SAMPLES, 'acme-support.jsonl')));
    expect((await run(['queue', 'submit', gone, '--run', 'unreadable', '--shards', '1'])).code).toBe(0);
    // The shared volume loses the file before any worker reads it.
    rmSync(gone);
    const w = worker();
    await w.waitFor(/unreadable: shard 1\/1 failed \(try 3 of 3\)/, 30_000);
    const tries = [...w.log().matchAll(/unreadable: shard 1\/1 failed \(try (\d) of 3\)/g)].map((m) => m[1]);
    expect(tries).toEqual(['1', '2', '3']);
    const collected = await run(['queue', 'collect', '--run', 'unreadable', '--timeout', '30']);
    expect(collected.code).toBe(2);
    expect(collected.stderr).toMatch(/shard 1\/1: failed, 3 tries: .*gone\.jsonl/);
    await Promise.all(workers.splice(0).map(stopWorker));
  });

  it('works over TLS with a rediss:// URL, and refuses a server it cannot verify', async () => {
    const tlsDir = tempDir(afterAll);
    const tls = makeCertificates(tlsDir);
    if (!tls) return void console.warn('skipped: the TLS check needs openssl');
    const server = await startRedis(tlsDir, [], tls);
    try {
      expect(server.url).toMatch(/^rediss:/);
      const trusted = { GROUNDING_REDIS_URL: server.url, NODE_EXTRA_CA_CERTS: tls.ca };
      const untrusted = await cli(['queue', 'status', '--run', 'x'], { env: { GROUNDING_REDIS_URL: server.url } });
      expect(untrusted.code).toBe(2);
      expect(untrusted.stderr).toContain('could not connect (self-signed certificate in certificate chain)');
      expect((await cli(['queue', 'submit', SAMPLES, '--run', 'tls', '--shards', '2'], { env: trusted })).code).toBe(0);
      const w = startWorker(['--lock-seconds', '2'], trusted);
      workers.push(w);
      const collected = await cli(['queue', 'collect', '--run', 'tls', '--timeout', '60', '-o', join(tlsDir, 'tls.json')], { env: trusted, timeout: 90_000 });
      expect(collected.code, collected.stderr).toBe(0);
      expect((await cli(['analyze', SAMPLES, '--jobs', '1', '-o', join(tlsDir, 'alone.json')])).code).toBe(0);
      expect(readFileSync(join(tlsDir, 'tls.json'), 'utf8')).toBe(readFileSync(join(tlsDir, 'alone.json'), 'utf8'));
      await Promise.all(workers.splice(0).map(stopWorker));
    } finally {
      await server.stop();
    }
  });

  it('takes a URL with a password only from GROUNDING_REDIS_URL, and never prints the password', async () => {
    const secret = await startRedis(tempDir(afterAll), ['--requirepass', 's3cret-pw']);
    try {
      const onCommandLine = await cli(['queue', 'status', '--run', 'x', '--redis', `redis://:s3cret-pw@127.0.0.1:${secret.port}`]);
      expect(onCommandLine.code).toBe(2);
      expect(onCommandLine.stderr).toContain('Expected a Redis URL with a password only in GROUNDING_REDIS_URL, found one in --redis (redis://:***@127.0.0.1:');
      const fromEnv = await cli(['queue', 'status', '--run', 'x'], { env: { GROUNDING_REDIS_URL: `redis://:s3cret-pw@127.0.0.1:${secret.port}` } });
      expect(fromEnv.stderr).toContain('Expected a run `x` on this Redis');
      const wrong = await cli(['queue', 'status', '--run', 'x'], { env: { GROUNDING_REDIS_URL: `redis://:wrong-pw@127.0.0.1:${secret.port}` } });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/Expected a Redis server at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/?, could not connect \(WRONGPASS/);
      for (const r of [onCommandLine, fromEnv, wrong]) expect(r.stdout + r.stderr).not.toMatch(/s3cret-pw|wrong-pw/);
    } finally {
      await secret.stop();
    }
  });
});

describe('grounding queue without a reachable Redis', () => {
  it('exits 2 within 10 seconds with a clear error, for every command', async () => {
    const url = 'redis://127.0.0.1:1';
    for (const args of [['queue', 'submit', SAMPLES, '--run', 'r'], ['queue', 'status', '--run', 'r'], ['queue', 'collect', '--run', 'r'], ['worker']]) {
      const started = Date.now();
      const r = await cli([...args, '--redis', url], { timeout: 20_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Expected a Redis server at redis://127.0.0.1:1, could not connect (connect ECONNREFUSED 127.0.0.1:1)');
    }
  });

  it('says where the URL goes when there is none, and refuses stdin and bad names before connecting', async () => {
    const none = await cli(['queue', 'status', '--run', 'r'], { env: { GROUNDING_REDIS_URL: '' } });
    expect(none.stderr).toContain('Expected a Redis URL in --redis or GROUNDING_REDIS_URL, found neither');
    const stdin = await cli(['queue', 'submit', '-', '--run', 'r', '--redis', 'redis://127.0.0.1:1']);
    expect(stdin.stderr).toContain('found - (stdin), which only this process can');
    const name = await cli(['queue', 'status', '--run', 'a:b', '--redis', 'redis://127.0.0.1:1']);
    expect(name.stderr).toContain("Expected a run name of letters, digits, '.', '_' and '-'");
    const scheme = await cli(['queue', 'status', '--run', 'r', '--redis', 'http://127.0.0.1:1']);
    expect(scheme.stderr).toContain('Expected a redis:// or rediss:// (TLS) URL, found http://127.0.0.1:1');
    for (const r of [none, stdin, name, scheme]) expect(r.code).toBe(2);
  });
});
