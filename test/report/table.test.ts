import { describe, expect, it } from 'vitest';
import { formatAccounts, formatTable, terminalText } from '../../src/report/table.js';
import { FILES, conversation, namedModels, scoredModels, summaryOf, twoModels } from '../helpers/tagged.js';

const ESC = '\u001b';

describe('formatTable', () => {
  it('shows each model, each act, rates with intervals and the gap to the human baseline', () => {
    const text = formatTable(summaryOf(twoModels(), true), { color: false });
    for (const name of ['gpt-x', 'claude-y', 'assistant turns by model', 'user turns by model']) expect(text).toContain(name);
    for (const head of ['clarification', 'understanding-', 'check', 'acknowledge-', 'ment', 'followup', 'repair', 'any act', 'per1k']) expect(text).toContain(head);
    expect(text).toContain('16.7%');
    expect(text).toContain('[4.7–44.8]');
    expect(text).toContain('vs 20.0% +150%*');
    expect(text).toContain('vs 60.0% −44%');
    expect(text).toMatch(/\* gap significant at p < 0\.05/);
    expect(text.indexOf('assistant turns')).toBeLessThan(text.indexOf('user turns'));
    expect(text).not.toContain(ESC);
  });

  it('leaves out the comparison without a baseline', () => {
    const text = formatTable(summaryOf(twoModels(), false), { color: false });
    expect(text).not.toContain('vs ');
    expect(text).toContain('No human baseline was used.');
  });

  it('colours only significant gaps, green above human and red below, and only when asked', () => {
    const quiet = conversation('q', [{ role: 'user' }, ...Array.from({ length: 40 }, () => ({ role: 'assistant' as const, model: 'quiet' }))]);
    const text = formatTable(summaryOf([...twoModels(), quiet], true), { color: true });
    expect(text).toContain(`${ESC}[32m+150%*${ESC}[39m`);
    expect(text).toContain(`${ESC}[31m−100%*${ESC}[39m`);
    const painted = [...text.matchAll(/\u001b\[3[12]m([^\u001b]*)\u001b\[39m/g)].map((m) => m[1]);
    expect(painted.every((gap) => gap?.endsWith('*'))).toBe(true);
  });

  it('fits in 160 columns with a long model name and keeps control characters out', () => {
    const long = 'a-very-long-model-name-that-goes-on-and-on-2025-01-01';
    const text = formatTable(summaryOf(namedModels([long, `evil${ESC}[2J\r\nname`]), true), { color: false });
    const widest = Math.max(...text.split('\n').map((l) => [...l].length));
    expect(widest).toBeLessThanOrEqual(160);
    expect(text).toContain('a-very-long-model-nam…');
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\r');
    expect(text).toContain('evil?[2J??name');
  });

  it('shows at most `rows` groups per table, in the summary’s order, and says how many more there are', () => {
    const names = Array.from({ length: 5 }, (_, i) => `model-${i}`);
    const summary = summaryOf(namedModels(names), true);
    const all = formatTable(summary, { color: false });
    const capped = formatTable(summary, { color: false, rows: 2 });
    for (const name of names) expect(all).toContain(name);
    expect(all).not.toContain('not shown');
    const assistantPart = capped.slice(0, capped.indexOf('user turns by model'));
    expect(names.filter((n) => assistantPart.includes(n))).toEqual(names.filter((n) => all.slice(0, all.indexOf('user turns by model')).includes(n)).slice(0, 2));
    expect(capped).toContain('… 3 more models not shown: --rows 0 shows them all; -o summary.json, .csv, .md or .html holds every one.');
    expect(formatTable(summary, { color: false, rows: 0 })).toBe(all);
    expect(formatTable(summary, { color: false, rows: 5 })).toBe(all);
  });

  it('says so when nothing was counted', () => {
    const summary = summaryOf([], true);
    expect(formatTable(summary, { color: false })).toBe('No assistant or user turns were counted.\n');
  });
});

describe('formatAccounts', () => {
  it('lists each file with its skips, then totals', () => {
    expect(formatAccounts(FILES)).toBe(
      [
        'logs/a.jsonl (openai): 5 records, 4 analyzed, 1 skipped (invalid JSON: 1); turns skipped: system: 2',
        'logs/b.json (chatgpt): 2 records, 2 analyzed, 0 skipped',
        'total: 2 files, 7 records, 6 analyzed, 1 skipped, 2 turns skipped',
        '',
      ].join('\n'),
    );
  });

  it('keeps terminal control characters out of paths and reasons', () => {
    expect(terminalText(`a${ESC}]0;title\u0007b\u202e`)).toBe('a?]0;title?b?');
    expect(formatAccounts([{ ...FILES[0]!, path: `x${ESC}[31m.jsonl` }])).not.toContain(ESC);
  });
});

describe('formatTable with estimated rates', () => {
  const HUMAN = { rate: 0.25, ci: [0.2, 0.3] as [number, number] };

  it('shows the estimate under each rate, still within 160 columns, and explains it', () => {
    const text = formatTable(summaryOf(scoredModels(), true, { human: HUMAN }), { color: false });
    // claude-y's turns score −2: σ(−2) = 11.9%, its interval on the line below.
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /│ +est 11\.9% │/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/│ +\[2\.7–39\.6\] │/);
    expect(text).toContain('est 50.0%');
    expect(text).toContain('est: estimated rate, corrected for the tagger’s measured error');
    expect(text).toContain('Gaps compare tagged rates (--rates tagged)');
    expect(Math.max(...text.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(160);
  });

  it('with rates: estimated, compares with the human estimate and says so in the footer', () => {
    const text = formatTable(summaryOf(scoredModels(), true, { human: HUMAN, rates: 'estimated' }), { color: false });
    // gpt-x: est 50% against the human estimate 25% is +100%, whatever the tagged rates.
    expect(text).toContain('vs 25.0% +100%');
    expect(text).toContain('vs: human baseline estimated rate and relative gap');
    expect(text).toContain('Gaps compare estimated rates (--rates estimated)');
  });

  it('shows no estimate line for turns tagged by the rules alone', () => {
    const text = formatTable(summaryOf(twoModels(), true), { color: false });
    expect(text).not.toContain('est ');
    expect(text).not.toContain('est:');
  });
});
