/** The bundled command line (scripts/bundle-cli.mjs): what bin/grounding.js runs, and that it answers as the compiled modules do. */
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, SAMPLES, cli, distModulesLoadedBy, sample } from '../helpers/cli.js';

const DIST = join(ROOT, 'dist');
const BUNDLE_MAIN = join(DIST, 'cli-bundle', 'main.js');

/** The files under dist/ that `node bin/grounding.js …args` loads as modules. */
function loadedByBin(args: readonly string[], env: NodeJS.ProcessEnv = {}): string[] {
  return distModulesLoadedBy(`
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    await import(${JSON.stringify(pathToFileURL(BIN).href)});`, env);
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
