/** `analyze --shard i/n` and `merge`: the shards of a run, merged, are the run. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, SAMPLES, tempDir } from '../helpers/cli.js';

const INPUTS = [SAMPLES, join(ROOT, 'test', 'fixtures', 'ingest', 'mixed'), join(ROOT, 'test', 'fixtures', 'ingest', 'invalid'), join(ROOT, 'test', 'fixtures', 'replay')];

describe('analyze --shard and merge', () => {
  it('merges the shards into exactly the whole run: every count, rate, test and file account', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const out = (name: string) => join(dir, name);
    const whole = await cli(['analyze', ...INPUTS, '--skip-invalid', '-o', out('whole.json')]);
    expect(whole.code).toBe(0);
    for (const i of [1, 2, 3]) {
      const shard = await cli(['analyze', ...INPUTS, '--skip-invalid', '--shard', `${i}/3`, '-o', out(`shard-${i}.json`)]);
      expect(shard.code).toBe(0);
    }
    const shards = [1, 2, 3].map((i) => JSON.parse(readFileSync(out(`shard-${i}.json`), 'utf8')));
    // Each shard read a part: the record counts differ from the whole, and add up to it.
    const records = (s: { input: { files: { records: number }[] } }) => s.input.files.reduce((n, f) => n + f.records, 0);
    const wholeSummary = JSON.parse(readFileSync(out('whole.json'), 'utf8'));
    expect(shards.every((s) => records(s) < records(wholeSummary))).toBe(true);
    expect(shards.reduce((n, s) => n + records(s), 0)).toBe(records(wholeSummary));
    // In any order: counts add, and reasons are listed sorted.
    const merged = await cli(['merge', out('shard-3.json'), out('shard-1.json'), out('shard-2.json'), '-o', out('merged.json')]);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain('merged 3 summaries');
    expect(readFileSync(out('merged.json'), 'utf8')).toBe(readFileSync(out('whole.json'), 'utf8'));
    expect(JSON.parse(readFileSync(out('merged.json'), 'utf8'))).toEqual(wholeSummary);
    // Estimates included: the learned tagger scored every counted turn, and the merge recomputed them from the summed score counts.
    expect(wholeSummary.tagger.kind).toBe('learned');
    const counted = wholeSummary.groups.filter((g: { turns: number }) => g.turns > 0);
    expect(counted.length).toBeGreaterThan(0);
    for (const g of counted) expect(g.any.estimate).toMatchObject({ rate: expect.any(Number), ci: [expect.any(Number), expect.any(Number)] });
    // Coordination too: its sums were added, not its scores, so the merged scores are the whole run's to the bit.
    const scored = wholeSummary.groups.filter((g: { coordination: { score: number | null } }) => g.coordination.score !== null);
    expect(scored.length).toBeGreaterThan(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.stderr).toContain('invalid JSON');
  });

  it('gates merged summaries with gate --summaries', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    // The rules alone (the quicker run): merging is under test, and the whole run is the reference.
    for (const i of [1, 2]) expect((await cli(['analyze', SAMPLES, '--tagger', 'rules', '--shard', `${i}/2`, '-o', join(dir, `s${i}.json`)])).code).toBe(0);
    expect((await cli(['analyze', SAMPLES, '--tagger', 'rules', '-o', join(dir, 'whole.json')])).code).toBe(0);
    writeFileSync(join(dir, 'grounding.yaml'), 'min_turns: 10\nthresholds:\n  any: { min_rate: 0.5 }\n');
    const r = await cli(['gate', '--summaries', 's1.json', 's2.json'], { cwd: dir });
    expect(r.stdout).toMatch(/^pass {2}acme-chat-1 {2}any min_rate ≥ 50\.0% {2}\d+\.\d% \[[\d.]+–[\d.]+\] n=23 /m);
    expect(r.stdout).toMatch(/^FAIL {2}acme-chat-2 {2}any min_rate ≥ 50\.0% {2}0\.0% \[0\.0–20\.4\] n=15 /m);
    expect(r.code).toBe(1);
    // The merged shards gate exactly as the whole run does.
    const whole = await cli(['gate', '--summaries', 'whole.json'], { cwd: dir });
    expect(r.stdout).toBe(whole.stdout);
    expect(whole.code).toBe(1);
  });

  it('refuses summaries that cannot be merged, and bad shard numbers', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    expect((await cli(['analyze', SAMPLES, '-o', join(dir, 'model.json')])).code).toBe(0);
    expect((await cli(['analyze', SAMPLES, '--by', 'role', '-o', join(dir, 'role.json')])).code).toBe(0);
    const mixed = await cli(['merge', join(dir, 'model.json'), join(dir, 'role.json')]);
    expect(mixed.stderr).toContain(`${join(dir, 'role.json')}: expected the same grouping (--by) as ${join(dir, 'model.json')} ("model"), found "role".`);
    expect(mixed.code).toBe(2);
    // Another model's summary: its estimates could not be recomputed with this one's calibrations.
    const other = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    other.tagger.model = 'another-model';
    writeFileSync(join(dir, 'other.json'), JSON.stringify(other));
    const models = await cli(['merge', join(dir, 'model.json'), join(dir, 'other.json')]);
    expect(models.stderr).toMatch(/other\.json: expected the same tagger \(and model\) as .*model\.json \(\{"kind":"learned","model":"[^"]+"\}\), found \{"kind":"learned","model":"another-model"\}/);
    expect(models.code).toBe(2);
    const alone = await cli(['merge', join(dir, 'other.json')]);
    expect(alone.stderr).toMatch(/other\.json: expected a summary tagged by the loaded model \S+, found one tagged by another-model/);
    expect(alone.code).toBe(2);
    const rules = { ...other, tagger: { kind: 'rules', model: null } };
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules));
    expect((await cli(['merge', join(dir, 'model.json'), join(dir, 'rules.json')])).stderr).toContain('expected the same tagger (and model)');
    expect((await cli(['analyze', SAMPLES, '--no-baseline', '-o', join(dir, 'tagged.json')])).code).toBe(0);
    expect((await cli(['analyze', SAMPLES, '--no-baseline', '--rates', 'estimated', '-o', join(dir, 'estimated.json')])).code).toBe(0);
    const bases = await cli(['merge', join(dir, 'tagged.json'), join(dir, 'estimated.json')]);
    expect(bases.stderr).toContain(`${join(dir, 'estimated.json')}: expected the same rate basis (--rates) as ${join(dir, 'tagged.json')} ("tagged"), found "estimated".`);
    expect(bases.code).toBe(2);
    // A summary written before coordination was measured: its groups carry none, so their scores could not be merged.
    const older = JSON.parse(readFileSync(join(dir, 'tagged.json'), 'utf8'));
    for (const g of older.groups) delete g.coordination;
    writeFileSync(join(dir, 'older.json'), JSON.stringify(older));
    const measures = await cli(['merge', join(dir, 'tagged.json'), join(dir, 'older.json')]);
    expect(measures.stderr).toContain(`${join(dir, 'older.json')}: expected coordination on every group, as ${join(dir, 'tagged.json')} has, found a summary written before it was measured.`);
    expect(measures.code).toBe(2);
    const notSummary = await cli(['merge', join(SAMPLES, 'sharegpt.json')]);
    expect(notSummary.stderr).toMatch(/sharegpt\.json: field `\(top level\)`: .*expected object/);
    expect(notSummary.code).toBe(2);
    for (const bad of ['0/2', '3/2', 'half', '1/0']) {
      const r = await cli(['analyze', SAMPLES, '--shard', bad]);
      expect(r.stderr).toContain(`Expected --shard I/N with 1 ≤ I ≤ N, such as 1/4, found \`${bad}\``);
      expect(r.code).toBe(2);
    }
  });
});
