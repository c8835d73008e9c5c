/**
 * No network access at any point: `analyze` (with every report), `tag`, `explain`, `formats` and
 * `eval` run in a child whose every way out (net, tls, http, https, http2, dgram, dns, fetch) throws.
 * `replay`, which calls an endpoint by design, is the one exception and is not run here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { sample, tempDir } from '../helpers/cli.js';
import { expectNoCrash, runCli } from './helpers.js';

const NO_NET = ['no-network.mjs'];
const EVAL_FIXTURE = fileURLToPath(new URL('../fixtures/eval/mrda/', import.meta.url));

describe('no network access', () => {
  it('the guard works: a child that reaches for the network under it fails', async () => {
    const dir = tempDir();
    const probes = {
      fetch: "await fetch('http://127.0.0.1:9/')",
      https: "(await import('node:https')).get('https://127.0.0.1:9/')",
      net: "(await import('node:net')).connect(9, '127.0.0.1')",
      socket: "new (await import('node:net')).Socket().connect(9, '127.0.0.1')",
      dns: "await (await import('node:dns')).promises.lookup('example.com')",
    };
    for (const [name, code] of Object.entries(probes)) {
      const script = join(dir, `${name}.mjs`);
      writeFileSync(script, `try { ${code}; console.log('reached'); } catch (e) { console.log(String(e.message)); }\n`);
      const run = await runCli([], dir, { preload: NO_NET, script });
      expect(run.stdout, name).toMatch(/network access refused by the test/);
    }
  });

  it('analyze, tag, explain, formats and eval all succeed with every network call refused', async () => {
    const dir = tempDir();
    const runs: Array<[string, string[]]> = [
      ['analyze', ['analyze', sample('acme-support.jsonl'), sample('chatgpt-export.json'), sample('transcripts.txt'), '--no-progress', '-o', join(dir, 's.json'), '-o', join(dir, 'r.html'), '-o', join(dir, 'r.md'), '-o', join(dir, 'r.csv')]],
      ['tag', ['tag', sample('sharegpt.json'), '--no-progress', '--out', join(dir, 'tags.jsonl')]],
      ['explain', ['explain', 'Do you mean the 2019 edition?', '--prev', 'I need the report.']],
      ['formats', ['formats']],
      ['eval', ['eval', EVAL_FIXTURE, '--scheme', 'mrda']],
    ];
    for (const [name, args] of runs) {
      const run = await runCli(args, dir, { preload: NO_NET });
      expectNoCrash(run);
      expect(run.stderr, name).not.toMatch(/network access refused/);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
    }
  });
});
