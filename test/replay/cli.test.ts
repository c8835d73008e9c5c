/**
 * `grounding replay` as a user runs it: the built CLI in a child process, against a stub endpoint
 * on 127.0.0.1; then `analyze` and `tag` on what it wrote. Includes killing a run half-way and
 * running it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, tempDir, type CliResult } from '../helpers/cli.js';
import { EXPECTED_TABLES, MODEL_REPLIES, SUPPORT } from './fixture.js';
import { completion, lastUser, startStub, type Script, type Stub } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** The CLI as a child process, with only the environment given (plus PATH-like basics): no stray API key. */
function spawnCli(args: readonly string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of ['OPENAI_API_KEY', 'GROUNDING_CACHE', 'FORCE_COLOR']) delete base[name];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...base, ...env }, timeout: 60_000 });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  child.stdin!.end();
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
  return { child, done };
}

const scripted: Script = (r) => ({ body: completion(MODEL_REPLIES[lastUser(r)] ?? 'Tell me more about that.') });

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean);
}

describe('grounding replay', () => {
  it('replays a corpus file; analyze then shows the matched comparison, on the known answer', async () => {
    // The first request is rate-limited once, as a hosted API might.
    stub = await startStub((r) => (r.n === 1 ? { status: 429, headers: { 'retry-after': '0' }, body: { error: { message: 'Rate limit reached' } } } : scripted(r)));
    const dir = tempDir();
    const out = join(dir, 'replay.jsonl');
    const replay = await spawnCli(['replay', '--corpus', SUPPORT, '--endpoint', stub.url, '--model', 'cand', '--cache', join(dir, 'cache'), '-o', out, '--temperature', '0', '--system', 'You are a supporter.']).done;
    expect(replay.stderr).toContain('replay: 3 conversations, 6 helper positions; 0 replies in the cache, 6 requests to make');
    expect(replay.stderr).toMatch(/retry 1 in 0\.0 s: HTTP 429 \(Rate limit reached\)/);
    expect(replay.stderr).toContain(`replies: 6 requested, 0 from the cache; 6 records written to ${out}`);
    expect(replay.stderr).toContain('warning: 1 empty replies');
    expect(replay.code).toBe(0);
    expect(stub.requests).toHaveLength(7);
    expect(stub.requests.every((r) => r.body.temperature === 0 && r.body.messages[0]!.content === 'You are a supporter.')).toBe(true);
    expect(lines(out)).toHaveLength(6);

    const analyze = await cli(['analyze', out, '-o', join(dir, 'summary.json'), '-o', join(dir, 'report.md')]);
    expect(analyze.code).toBe(0);
    expect(analyze.stdout).toContain('matched replay: model vs the human reply at the same positions');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.schema).toBe('grounding.summary/v1');
    expect(summary.groups.map((g: { key: string; turns: number }) => [g.key, g.turns])).toEqual([['assistant:cand', 5]]);
    const [group] = summary.matched;
    expect(group).toMatchObject({ model: 'cand', reference: 'human', positions: 5, unpaired: 1 });
    for (const [act, expected] of Object.entries(EXPECTED_TABLES)) {
      const r = act === 'any' ? group.any : group.acts[act];
      expect([r.both, r.modelOnly, r.humanOnly, r.neither], act).toEqual(expected);
    }
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('### Matched replay: model vs the human reply at the same positions');

    // tag reads it as it is: every turn, the replies under the model's name, the context under the human's.
    const tag = await cli(['tag', out]);
    expect(tag.code).toBe(0);
    const tagged = tag.stdout.trim().split('\n').map((l) => JSON.parse(l) as { model: string; role: string });
    expect(tagged.filter((t) => t.model === 'cand')).toHaveLength(5);
    expect(tagged.filter((t) => t.model === 'human').length).toBeGreaterThan(0);
  });

  it('leaves out a position the endpoint refuses, names it, and counts tokens over the rest; refuses credentials in the URL before reading', async () => {
    stub = await startStub((r) => (lastUser(r) === 'What should I do?' ? { status: 400, body: { error: { message: 'context too long' } } } : scripted(r)));
    const out = join(tempDir(), 'replay.jsonl');
    const replay = await spawnCli(['replay', '--corpus', SUPPORT, '--endpoint', stub.url, '--model', 'cand', '--no-cache', '-o', out]).done;
    expect(replay.code).toBe(0);
    expect(replay.stderr).toContain(`replies: 6 requested, 0 from the cache; 5 records written to ${out}`);
    expect(replay.stderr).toMatch(/warning: the endpoint refused 1 of 6 positions, which are left out \(esconv\/support\.txt:1#5: HTTP 400 \(context too long\)\)/);
    expect(replay.stderr).toContain('tokens the endpoint reported over 5 positions: 50 prompt, 25 completion');
    expect(lines(out)).toHaveLength(5);

    const credentials = await spawnCli(['replay', '--corpus', 'no-such-corpus.txt', '--endpoint', 'http://user:hunter2@127.0.0.1:9/v1', '--model', 'cand']).done;
    expect(credentials.code).toBe(2);
    expect(credentials.stderr).toMatch(/^grounding: Expected an --endpoint without a user name or password in it/);
    expect(credentials.stderr).not.toContain('hunter2');
  });

  it('takes the API key from the environment only, and never prints it', async () => {
    const key = 'sk-test-9f8e7d6c5b4a';
    stub = await startStub((r) => (r.headers.authorization === `Bearer ${key}` ? scripted(r) : { status: 401, body: { error: { message: `Incorrect API key provided: ${String(r.headers.authorization)}` } } }));
    const dir = tempDir();
    const args = ['replay', '--corpus', SUPPORT, '--endpoint', stub.url, '--model', 'cand', '--no-cache', '--limit', '1'];
    const ok = await spawnCli([...args, '-o', join(dir, 'a.jsonl')], { OPENAI_API_KEY: key }).done;
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'a.jsonl'), 'utf8')).not.toContain(key);
    expect(ok.stderr).not.toContain(key);

    const named = await spawnCli([...args, '--api-key-env', 'CANDIDATE_KEY'], { CANDIDATE_KEY: key }).done;
    expect(named.code).toBe(0);

    // The wrong key: the server echoes what it was sent, and the CLI prints none of it.
    const wrong = await spawnCli([...args, '--api-key-env', 'CANDIDATE_KEY'], { CANDIDATE_KEY: `${key}-old` }).done;
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/HTTP 401 .*Incorrect API key provided: Bearer \[redacted\].*CANDIDATE_KEY \(it is set, but the endpoint refused it\)/);
    expect(wrong.stderr).not.toContain(key);

    const flag = await spawnCli([...args, '--api-key', key]).done;
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown argument/);
  });

  it('resumes after being killed half-way: cached replies are not asked for again, and no line is written twice', async () => {
    const dir = tempDir();
    const corpus = join(dir, 'corpus.txt');
    // Twelve conversations with four helper replies each, written for this test.
    const dialog = (i: number) =>
      Array.from({ length: 4 }, (_, k) => [{ text: `Problem ${k} of case ${i}.`, speaker: 'usr' }, { text: `Reply ${k} to case ${i}.`, speaker: 'sys' }]).flat();
    writeFileSync(corpus, Array.from({ length: 12 }, (_, i) => JSON.stringify({ emotion_type: 'x', problem_type: 'y', situation: `case ${i}`, dialog: dialog(i) })).join('\n'));
    stub = await startStub((r) => ({ body: completion(`About ${lastUser(r)} How long has this been going on?`), delayMs: 40 }));
    const cache = join(dir, 'cache');
    const out = join(dir, 'replay.jsonl');
    const args = ['replay', '--corpus', corpus, '--endpoint', stub.url, '--model', 'cand', '--concurrency', '2', '--cache', cache, '-o', out];

    const first = spawnCli(args);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (stub!.completed() >= 8) {
          clearInterval(poll);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    expect((await first.done).signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const cachedAfterKill = readdirSync(cache).flatMap((d) => readdirSync(join(cache, d))).filter((f) => f.endsWith('.json')).length;
    expect(cachedAfterKill).toBeGreaterThanOrEqual(6);
    expect(cachedAfterKill).toBeLessThan(48);
    const sentBefore = stub.requests.length;

    const second = await spawnCli(args).done;
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`${cachedAfterKill} replies in the cache, ${48 - cachedAfterKill} requests to make`);
    expect(stub.requests.length - sentBefore).toBe(48 - cachedAfterKill);
    // At most the requests in flight at the kill were paid for twice.
    expect(stub.requests.length).toBeLessThanOrEqual(48 + 2);

    const ids = lines(out).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toHaveLength(48);
    expect(new Set(ids).size).toBe(48);
    // The same file a run that was never interrupted writes.
    const reference = join(dir, 'reference.jsonl');
    const clean = await spawnCli([...args.slice(0, -4), '--no-cache', '-o', reference]).done;
    expect(clean.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(reference, 'utf8'));
  });

  it('stops cleanly on Ctrl-C: says how to go on, and leaves no partial output', async () => {
    const dir = tempDir();
    stub = await startStub((r) => ({ ...scripted(r), delayMs: 300 }));
    const run = spawnCli(['replay', '--corpus', SUPPORT, '--endpoint', stub.url, '--model', 'cand', '--concurrency', '1', '--cache', join(dir, 'cache'), '-o', join(dir, 'replay.jsonl')]);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (stub!.completed() >= 1) {
          clearInterval(poll);
          run.child.kill('SIGINT');
          resolve();
        }
      }, 5);
    });
    const result = await run.done;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Interrupted after \d new replies, which are cached in .*cache; run the same command again to go on from there/);
    expect(readdirSync(dir).sort()).toEqual(['cache']);
  });

  it('counts requests in a dry run without an endpoint, and explains what is missing', async () => {
    const dry = await spawnCli(['replay', '--corpus', SUPPORT, '--model', 'cand', '--no-cache', '--dry-run']).done;
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/replay: 3 conversations, 6 helper positions; 0 replies in the cache, 6 requests to make \([\d,]+ characters of prompt/);
    expect(dry.stdout).toBe('');

    const noEndpoint = await spawnCli(['replay', '--corpus', SUPPORT, '--model', 'cand']).done;
    expect(noEndpoint.code).toBe(2);
    expect(noEndpoint.stderr).toContain('Expected --endpoint URL');

    const missing = await spawnCli(['replay', '--corpus', 'mathdial', '--corpus-dir', tempDir(), '--model', 'cand', '--dry-run']).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Expected the mathdial corpus at .*found no such file\. Download it from github\.com\/eth-nlped\/mathdial/);

    const badParam = await spawnCli(['replay', '--corpus', SUPPORT, '--model', 'cand', '--dry-run', '--param', 'messages=[]']).done;
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toContain('Expected a --param other than model, messages, stream');
  });
});
