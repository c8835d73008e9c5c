/** The adapters on the real shared corpora, read in place; skipped when ../shared/corpora is absent. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CORPORA, NO_CORPORA, NO_CORPORA_REASON, run } from './helpers.js';

if (NO_CORPORA) console.warn(NO_CORPORA_REASON);

describe.skipIf(NO_CORPORA)('real corpora', () => {
  const WILDCHAT = `${CORPORA}llm/wildchat-sample/wildchat_sample_normalized.json`;

  it.each(['auto', 'wildchat'])('reads the WildChat sample with --format %s: 588 conversations, 6 models', async (format) => {
    const { conversations, accounts } = await run([WILDCHAT], { format });
    expect(conversations).toHaveLength(588);
    expect(new Set(conversations.flatMap((c) => c.turns.filter((t) => t.role === 'assistant').map((t) => t.model))).size).toBe(6);
    expect(accounts[0]!.format).toBe(format === 'auto' ? 'openai' : 'wildchat');
  });

  it('accounts for all 1,011 ShareGPT records', async () => {
    const { accounts } = await run([`${CORPORA}llm/sharegpt-sample`]);
    expect(accounts).toHaveLength(1);
    const [a] = accounts;
    expect(a!.format).toBe('sharegpt');
    expect(a!.records).toBe(1011);
    expect(a!.analyzed + Object.values(a!.skipped).reduce((x, y) => x + y, 0)).toBe(1011);
  });

  it('reads the ESConv folder into 1,300 conversations, with strategy.json as no format', async () => {
    const { conversations, accounts } = await run([`${CORPORA}human/esconv`]);
    expect(conversations).toHaveLength(1300);
    expect(accounts.find((a) => a.path.endsWith('strategy.json'))).toMatchObject({ format: 'unknown', records: 1 });
    expect(new Set(conversations.flatMap((c) => c.turns.map((t) => t.speaker)))).toEqual(new Set(['supporter', 'seeker']));
  });

  it('reads 599 MathDial dialogues', async () => {
    const { conversations } = await run([`${CORPORA}human/mathdial/test.jsonl`]);
    expect(conversations).toHaveLength(599);
  });

  it('reads one Persuasion for Good conversation per distinct dialogue id, and only full_dialog.csv', async () => {
    const path = `${CORPORA}human/persuasionforgood/full_dialog.csv`;
    const rows = parse(readFileSync(path), { columns: true }) as { B2: string }[];
    const { conversations, accounts } = await run([`${CORPORA}human/persuasionforgood`]);
    expect(conversations).toHaveLength(new Set(rows.map((r) => r.B2)).size);
    expect(conversations.reduce((n, c) => n + c.turns.length, 0)).toBe(rows.length);
    expect(accounts.filter((a) => a.format === 'persuasionforgood').map((a) => a.path)).toEqual([path]);
  });
});
