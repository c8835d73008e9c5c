/**
 * Property: any sequence of valid records, in any format, yields a summary whose counts equal the
 * input's: records, conversations analyzed, records and messages skipped by reason, and per
 * group the counted turns and conversations. Mixed with broken records under --skip-invalid,
 * every broken one is counted under its reason and nothing else changes.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GROUNDING_ACT_IDS } from '../../src/model.js';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSummary, SummarySchema, type Summary } from '../../src/measure/summary.js';
import { tallyInputs } from '../../src/pipeline.js';
import { formatJson } from '../../src/report/json.js';
import { conversation, expected, WRITERS, type Expected } from './arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'grounding-properties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

/** Write the text, run the whole pipeline on it, and read the summary back as a file would be. */
async function summarize(text: string, file: string, format: string, skipInvalid = false): Promise<Summary> {
  const path = join(dir, `${(runs += 1)}-${file}`);
  writeFileSync(path, text);
  try {
    const run = await tallyInputs([path], { format, skipInvalid, by: 'model' });
    const summary = buildSummary({ version: 'test', groupBy: 'model', tally: run.tally, files: run.files, conversations: run.conversations, baseline: null });
    return SummarySchema.parse(JSON.parse(formatJson(summary)));
  } finally {
    rmSync(path, { force: true });
  }
}

function expectCounts(summary: Summary, want: Expected, invalid: Record<string, number> = {}): void {
  const [file] = summary.input.files;
  const skipped = { ...(want.noTurns > 0 && { 'no turns': want.noTurns }), ...invalid };
  const extra = Object.values(invalid).reduce((a, b) => a + b, 0);
  expect(file).toMatchObject({ records: want.records + extra, analyzed: want.analyzed, skipped, turnsSkipped: want.turnsSkipped });
  expect(summary.input.conversations).toBe(want.analyzed);
  const groups = new Map(summary.groups.map((g) => [g.key, { turns: g.turns, conversations: g.conversations }]));
  expect(groups).toEqual(want.groups);
  for (const g of summary.groups) {
    for (const r of [...Object.values(g.acts), g.any]) {
      expect(r.n).toBe(g.turns);
      expect(r.count).toBeLessThanOrEqual(g.turns);
      expect(r.findings).toBeGreaterThanOrEqual(r.count);
    }
    // Any act is any grounding act: reassurance is counted apart.
    expect(g.any.count).toBeGreaterThanOrEqual(Math.max(...GROUNDING_ACT_IDS.map((a) => g.acts[a].count)));
  }
}

describe('accounting, for any input', () => {
  for (const [format, writer] of Object.entries(WRITERS)) {
    it(`${format}: the summary's counts equal the records'`, async () => {
      await fc.assert(
        fc.asyncProperty(writer.conversations, async (conversations) => {
          const summary = await summarize(writer.write(conversations), writer.file, format);
          expectCounts(summary, expected(conversations));
        }),
        { numRuns: 30 },
      );
    });
  }

  it('openai JSONL with broken lines among the records: each counted under its reason, the rest unchanged', async () => {
    const broken = fc.constantFrom(
      ['{"messages": [', 'invalid JSON'],
      ['not json at all', 'invalid JSON'],
      ['{"messages": 5}', 'invalid record'],
      ['{"messages": [{"role": 7}]}', 'invalid record'],
      ['{"messages": [{"role": "user", "content": 42}]}', 'invalid record'],
      ['"a string, not a record"', 'invalid record'],
    );
    const lines = fc.array(fc.oneof({ weight: 3, arbitrary: conversation().map((c) => ({ ok: c })) }, { weight: 1, arbitrary: broken.map(([text, reason]) => ({ bad: { text, reason } })) }), { maxLength: 14 });
    await fc.assert(
      fc.asyncProperty(lines, async (items) => {
        const good = items.flatMap((i) => ('ok' in i ? [i.ok] : []));
        const invalid: Record<string, number> = {};
        let n = 0;
        const text = items
          .map((i) => {
            if ('bad' in i) {
              invalid[i.bad.reason] = (invalid[i.bad.reason] ?? 0) + 1;
              return i.bad.text;
            }
            return WRITERS.openai!.write([i.ok]).replace('"id":"c0"', `"id":"c${(n += 1)}"`);
          })
          .join('\n');
        const summary = await summarize(text, 'mixed.jsonl', 'openai', true);
        expectCounts(summary, expected(good), invalid);
      }),
      { numRuns: 30 },
    );
  });
});
