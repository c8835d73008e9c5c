/** The bundled command line (scripts/bundle-cli.mjs): what bin/grounding.js runs, and that it answers as the compiled modules do. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, SAMPLES, cli, sample, tempDir } from '../helpers/cli.js';

const DIST = join(ROOT, 'dist');
const BUNDLE_MAIN = join(DIST, 'cli-bundle', 'main.js');

/** The files under dist/ that `node bin/grounding.js …args` loads as modules, seen by a module hook. */
function loadedByBin(args: readonly string[], env: NodeJS.ProcessEnv = {}): string[] {
  const out = join(tempDir(), 'urls.json');
  const script = `
    import { register } from 'node:module';
    import { writeFileSync } from 'node:fs';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (url) => urls.push(url));
    port1.unref();
    register('data:text/javascript,' + encodeURIComponent('let port; export function initialize(d) { port = d.port; } export async function load(u, c, next) { port.postMessage(u); return next(u, c); }'), { data: { port: port2 }, transferList: [port2] });
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    await import(${JSON.stringify(pathToFileURL(BIN).href)});
    await new Promise((done) => setTimeout(done, 100));
    writeFileSync(${JSON.stringify(out)}, JSON.stringify(urls));`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const dist = pathToFileURL(DIST).href;
  return (JSON.parse(readFileSync(out, 'utf8')) as string[]).filter((u) => u.startsWith(`${dist}/`)).map((u) => u.slice(dist.length + 1));
}

describe('bin/grounding.js', () => {
  it('runs the bundle the build wrote', () => {
    const loaded = loadedByBin(['--help']);
    expect(loaded).toContain('cli-bundle/main.js');
    expect(loaded.filter((m) => !m.startsWith('cli-bundle/'))).toEqual([]);
  });

  it('runs the compiled modules with GROUNDING_BUNDLE=0', () => {
    const loaded = loadedByBin(['--help'], { GROUNDING_BUNDLE: '0' });
    expect(loaded).toContain('cli/main.js');
    expect(loaded.filter((m) => m.startsWith('cli-bundle/'))).toEqual([]);
  });

  it('runs the compiled modules when the bundle is older than them (a build by tsc alone)', () => {
    const { atime, mtime } = statSync(BUNDLE_MAIN);
    const compiled = statSync(join(DIST, 'cli', 'main.js')).mtime;
    try {
      utimesSync(BUNDLE_MAIN, atime, new Date(compiled.getTime() - 60_000));
      const loaded = loadedByBin(['--help']);
      expect(loaded).toContain('cli/main.js');
      expect(loaded.filter((m) => m.startsWith('cli-bundle/'))).toEqual([]);
    } finally {
      utimesSync(BUNDLE_MAIN, atime, mtime);
    }
  });
});

describe('the bundle', () => {
  it('keeps each command in its own chunk: analyze does not load the queue\u2019s Redis client', () => {
    // esbuild names each bundled package's files in a comment: BullMQ's chunk is the queue's.
    const bundle = join(DIST, 'cli-bundle');
    const redis = readdirSync(bundle).filter((f) => readFileSync(join(bundle, f), 'utf8').includes('node_modules/bullmq/'));
    expect(redis.length).toBeGreaterThan(0);
    const loaded = loadedByBin(['analyze', '--help']);
    expect(loaded).toContain('cli-bundle/main.js');
    expect(loaded.filter((m) => redis.includes(m.slice('cli-bundle/'.length)))).toEqual([]);
  });

  const RUNS: Array<[string, string[]]> = [
    ['analyze, as a table by role', ['analyze', SAMPLES, '--by', 'role', '--no-progress']],
    ['tag with explanations', ['tag', sample('acme-support.jsonl'), '--explain']],
    ['explain', ['explain', 'Do you mean the 2019 or the 2021 edition?', '--prev', 'I need the annual report.']],
    ['gate with the default thresholds', ['gate', SAMPLES, '--no-progress']],
    ['an unknown command', ['nonsense']],
    ['a bad option value', ['analyze', SAMPLES, '--jobs', 'abc']],
    ['a missing input', ['analyze', join(ROOT, 'no-such-file.jsonl')]],
  ];
  for (const [what, args] of RUNS) {
    it(`answers as the compiled modules do: ${what}`, async () => {
      const [bundled, compiled] = await Promise.all([cli(args), cli(args, { env: { GROUNDING_BUNDLE: '0' } })]);
      expect(bundled).toEqual(compiled);
    });
  }
});
