import { describe, expect, it } from 'vitest';
import { GROUNDING_ACT_IDS } from '../../src/model.js';
import { escapeMarkdown, formatMarkdown } from '../../src/report/markdown.js';
import { FILES, namedModels, scoredModels, summaryOf, twoModels } from '../helpers/tagged.js';

/** Cells of a table row: split on pipes that are not backslash-escaped. */
function cells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1);
}

/** The tables of a document: runs of consecutive lines starting with `|`. */
function tables(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) out.push(current), (current = []);
  }
  return out;
}

describe('formatMarkdown', () => {
  it('has a heading, a table per role, the baseline, the input and a legend', () => {
    const text = formatMarkdown(summaryOf(twoModels(), true));
    expect(text.startsWith('## Grounding acts\n')).toBe(true);
    expect(text).toContain('### assistant turns by model');
    expect(text).toContain('### user turns by model');
    expect(text).toContain('Human baseline test-1, domain pooled (the mean of its domains), from corpora/baselines/human.json');
    expect(text).toContain('- logs/a.jsonl (openai): 5 records, 4 analyzed, 1 skipped (invalid JSON: 1); turns skipped: system: 2');
    expect(text).toContain('### Legend');
    const [assistant] = tables(text);
    expect(cells(assistant![0]!).map((c) => c.trim())).toEqual(['model', 'conversations', 'turns', ...GROUNDING_ACT_IDS, 'any', 'per 1k words', 'coordination']);
    // Beyond grounding: a table of its own per role, after the role's acts.
    expect(text).toContain('#### assistant turns by model, beyond grounding');
    const beyond = tables(text)[1]!;
    expect(cells(beyond[0]!).map((c) => c.trim())).toEqual(['model', 'reassurance', 'curiosity', 'comfort', 'curiosity share', 'user trajectory']);
    expect(assistant!.find((l) => l.includes('gpt-x'))).toContain('50.0% [25.4–74.6]<br>+150%*');
    expect(assistant!.at(-1)).toContain('*human baseline*');
  });

  it('says when there is no baseline and shows no gaps', () => {
    const text = formatMarkdown(summaryOf(twoModels(), false));
    expect(text).toContain('No human baseline was used.');
    expect(text).not.toContain('<br>');
    expect(text).not.toContain('human baseline*');
  });

  it('keeps every row of every table the same width whatever the names hold', () => {
    const names = ['a|b', 'line\nbreak', 'back\\|slash', '`tick`', '<b>bold</b>', '[x](javascript:alert(1))'];
    const summary = summaryOf(namedModels(names), true);
    summary.input.files = [{ ...FILES[0]!, path: 'dir|x\n/`a`.jsonl', skipped: { 'bad | reason': 1 } }];
    const text = formatMarkdown(summary);
    const found = tables(text);
    expect(found.length).toBeGreaterThan(0);
    for (const table of found) {
      const widths = new Set(table.map((l) => cells(l).length));
      // The grounding table (three, the acts and any act, three), or the beyond-grounding one.
      expect([new Set([3 + GROUNDING_ACT_IDS.length + 3]), new Set([6])]).toContainEqual(widths);
    }
    const assistantRows = found[0]!.slice(2, -1);
    expect(assistantRows).toHaveLength(names.length);
    expect(text).not.toMatch(/(?<!\\)(<b>|`|\]\()/);
    expect(text).toContain('- dir\\|x /\\`a\\`.jsonl (openai)');
  });

  it('escapes one line of text', () => {
    expect(escapeMarkdown('a|b\r\nc<d>`e`')).toBe('a\\|b c\\<d\\>\\`e\\`');
  });

  it('shows the estimate next to each rate and the human estimate, and notes the basis of the gaps', () => {
    const text = formatMarkdown(summaryOf(scoredModels(), true, { human: { rate: 0.25, ci: [0.2, 0.3] }, rates: 'estimated' }));
    const [assistant] = tables(text);
    const claude = cells(assistant!.find((l) => l.includes('claude-y'))!);
    expect(claude[3]!.trim()).toMatch(/^0\.0% \[0\.0–24\.2\]<br>est 11\.9% \[2\.7–39\.6\]<br>−52%$/);
    expect(assistant!.at(-1)).toContain('<br>est 25.0% [20.0–30.0]');
    expect(text).toContain('Gaps compare estimated rates (--rates estimated)');
    expect(text).toContain('- Est: the estimated rate');
    // Every row of the table has as many cells as its head.
    for (const line of assistant!) expect(cells(line)).toHaveLength(cells(assistant![0]!).length);
    expect(formatMarkdown(summaryOf(twoModels(), true))).toContain('Gaps compare tagged rates (--rates tagged)');
  });
});
