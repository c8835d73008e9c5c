/** Tagging in worker threads gives the same tags, counts and order as tagging in one thread. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tallyInputs } from '../../src/pipeline.js';
import { cli, sample, tempDir } from '../helpers/cli.js';

/** The sample log repeated `times` times under new ids: enough conversations for workers to start. */
function bigLog(dir: string, times: number): string {
  const lines = readFileSync(sample('acme-support.jsonl'), 'utf8').trim().split('\n');
  const out: string[] = [];
  for (let i = 0; i < times; i++) for (const line of lines) out.push(JSON.stringify({ ...JSON.parse(line), id: `${JSON.parse(line).id}-${i}` }));
  const path = join(dir, 'big.jsonl');
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

describe('--jobs', () => {
  it('writes the same tag lines in the same order, and the same summary, for 1, 2 and 3 workers', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const log = bigLog(dir, 60); // 240 conversations: 4 batches, more than a small input, so all are tagged by workers
    const runs = [];
    for (const jobs of ['1', '2', '3']) {
      const tag = await cli(['tag', log, '--jobs', jobs], { timeout: 120_000 });
      const analyze = await cli(['analyze', log, '--jobs', jobs, '-o', join(dir, `s${jobs}.json`)], { timeout: 120_000 });
      expect([tag.code, analyze.code]).toEqual([0, 0]);
      runs.push({ tag: tag.stdout, table: analyze.stdout, summary: readFileSync(join(dir, `s${jobs}.json`), 'utf8') });
    }
    const lines = runs[0]!.tag.trim().split('\n');
    expect(lines.length).toBeGreaterThan(600);
    expect(JSON.parse(lines[0]!).conversation_id).toBe('acme-1-timestamp-0');
    expect(JSON.parse(lines[lines.length - 1]!).conversation_id).toMatch(/-59$/);
    for (const run of runs.slice(1)) {
      expect(run.tag).toBe(runs[0]!.tag);
      expect(run.table).toBe(runs[0]!.table);
      expect(run.summary).toBe(runs[0]!.summary);
    }
  });

  it('gives the library the same counts and the same conversation order', async ({ onTestFinished }) => {
    const log = bigLog(tempDir(onTestFinished), 60);
    const seen: Record<number, string[]> = { 1: [], 2: [] };
    const runs = [];
    for (const jobs of [1, 2]) {
      runs.push(await tallyInputs([log], { format: 'auto', skipInvalid: false, by: 'model', jobs, onConversation: (c, tagged) => void seen[jobs]!.push(`${c.id}:${tagged.flatMap((t) => t.findings.map((f) => f.rule)).join(',')}`) }));
    }
    expect(runs[0]!.conversations).toBe(240);
    expect([...runs[1]!.tally.values()]).toEqual([...runs[0]!.tally.values()]);
    expect(runs[1]!.files).toEqual(runs[0]!.files);
    expect(seen[2]).toEqual(seen[1]);
  });

  it('refuses a number of workers that is not a whole number of at least 1', async () => {
    const r = await cli(['analyze', sample('acme-support.jsonl'), '--jobs', '0']);
    expect(r.stderr).toContain('Expected --jobs to be a whole number of at least 1, found `0`');
    expect(r.code).toBe(2);
  });
});
