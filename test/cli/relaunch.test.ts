/** A long `--jobs 1` run goes to a child node with a larger young generation (src/cli/relaunch.ts): when, and that nothing else changes. */
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputBytes, LONG_RUN_BYTES, wantsRelaunch, YOUNG_SEMI_SPACE_MB } from '../../src/cli/relaunch.js';
import { cli, SAMPLES, tempDir } from '../helpers/cli.js';

/** A folder with a small log, and a sparse one of exactly LONG_RUN_BYTES in a subfolder (no disk written). */
function inputs(): { dir: string; small: string; large: string } {
  const dir = tempDir();
  const small = join(dir, 'small.jsonl');
  writeFileSync(small, '{"messages":[]}\n');
  mkdirSync(join(dir, 'big'));
  const large = join(dir, 'big', 'large.jsonl');
  writeFileSync(large, '');
  truncateSync(large, LONG_RUN_BYTES);
  return { dir, small, large };
}

const plain = { env: {}, execArgv: [] };

describe('wantsRelaunch', () => {
  it('counts the files named and those in folders, and nothing for stdin, globs or missing paths', () => {
    const { dir, small, large } = inputs();
    expect(inputBytes([small])).toBe(16);
    expect(inputBytes([dir])).toBe(16 + LONG_RUN_BYTES);
    expect(inputBytes(['-', join(dir, '*.jsonl'), join(dir, 'none.jsonl'), large])).toBe(LONG_RUN_BYTES);
  });

  it('relaunches a single-threaded run over LONG_RUN_BYTES or more, and nothing smaller', () => {
    const { dir, small, large } = inputs();
    expect(wantsRelaunch(1, [large], plain)).toBe(true);
    expect(wantsRelaunch(1, [dir], plain)).toBe(true);
    expect(wantsRelaunch(1, [small], plain)).toBe(false);
    expect(wantsRelaunch(1, ['-'], plain)).toBe(false);
  });

  it('leaves workers, the relaunched child and a young generation of the caller’s own alone', () => {
    const { large } = inputs();
    expect(wantsRelaunch(2, [large], plain)).toBe(false);
    expect(wantsRelaunch(1, [large], { env: { GROUNDING_RELAUNCHED: '1' }, execArgv: [] })).toBe(false);
    expect(wantsRelaunch(1, [large], { env: {}, execArgv: ['--max-semi-space-size=32'] })).toBe(false);
    expect(wantsRelaunch(1, [large], { env: { NODE_OPTIONS: '--max-semi-space-size=8' }, execArgv: [] })).toBe(false);
  });

  it('follows GROUNDING_RELAUNCH: 0 never, 1 whatever the size', () => {
    const { small, large } = inputs();
    expect(wantsRelaunch(1, [large], { env: { GROUNDING_RELAUNCH: '0' }, execArgv: [] })).toBe(false);
    expect(wantsRelaunch(1, [small], { env: { GROUNDING_RELAUNCH: '1' }, execArgv: [] })).toBe(true);
    expect(wantsRelaunch(2, [small], { env: { GROUNDING_RELAUNCH: '1' }, execArgv: [] })).toBe(false);
  });
});

describe('a relaunched run', () => {
  const run = (args: string[], relaunch: '0' | '1', cwd?: string) => cli(args, { env: { GROUNDING_RELAUNCH: relaunch }, cwd, timeout: 60_000 });

  it('runs in a child node with the larger young generation', async () => {
    // Every node process of the run notes its arguments to node, through a module NODE_OPTIONS preloads.
    const dir = tempDir();
    const notes = join(dir, 'processes.txt');
    const preload = join(dir, 'note.cjs');
    writeFileSync(preload, `require('node:fs').appendFileSync(${JSON.stringify(notes)}, JSON.stringify(process.execArgv) + '\\n');\n`);
    const r = await cli(['analyze', SAMPLES, '--jobs', '1', '--no-progress'], { env: { GROUNDING_RELAUNCH: '1', NODE_OPTIONS: `--require ${preload}` } });
    expect(r.code).toBe(0);
    const processes = readFileSync(notes, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
    expect(processes).toEqual([[], [`--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`]]);
  });

  it('prints what the same run here prints, with its exit code', async () => {
    for (const args of [
      ['analyze', SAMPLES, '--jobs', '1', '--no-progress'],
      ['tag', SAMPLES, '--jobs', '1', '--no-progress'],
      ['analyze', join(SAMPLES, 'none.jsonl'), '--jobs', '1'],
    ]) {
      const [child, here] = await Promise.all([run(args, '1'), run(args, '0')]);
      expect(child.stdout).toBe(here.stdout);
      expect(child.stderr).toBe(here.stderr);
      expect(child.code).toBe(here.code);
    }
  });

  it('passes on a failed gate’s exit code 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'grounding.yaml'), 'thresholds:\n  clarification: { min_rate: 0.9 }\n');
    // 40 replies (the gate reads at least 30), none of them a clarification.
    const conversation = (i: number) => ({ id: `c${i}`, model: 'cand', messages: [{ role: 'user', content: 'Can you help me with the report?' }, { role: 'assistant', content: 'Here is the code you asked for.' }] });
    writeFileSync(join(dir, 'log.jsonl'), Array.from({ length: 40 }, (_, i) => JSON.stringify(conversation(i))).join('\n'));
    const [child, here] = await Promise.all([run(['gate', 'log.jsonl', '--jobs', '1'], '1', dir), run(['gate', 'log.jsonl', '--jobs', '1'], '0', dir)]);
    expect(here.code).toBe(1);
    expect(child.code).toBe(1);
    expect(child.stdout).toBe(here.stdout);
  });
});
