/** The matched-replay table in the terminal, Markdown, HTML and JSON outputs. */
import { describe, expect, it } from 'vitest';
import { addPair, type MatchedTally } from '../../src/measure/matched.js';
import { buildSummary, SummarySchema, type Summary } from '../../src/measure/summary.js';
import type { ActId } from '../../src/model.js';
import { formatHtml } from '../../src/report/html.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatTable } from '../../src/report/table.js';
import { summaryOf, tallyOf, twoModels } from '../helpers/tagged.js';

/** Twenty positions: the model follows up at 2, the human at 10 (2 of them the same); the model clarifies at 3, the human never. */
function replaySummary(model = 'cand'): Summary {
  const matched: MatchedTally = new Map();
  for (let i = 0; i < 20; i++) {
    const m = new Set<ActId>([...(i < 2 ? ['followup' as const] : []), ...(i >= 17 ? ['clarification' as const] : [])]);
    const h = new Set<ActId>(i < 10 ? ['followup'] : []);
    addPair(matched, model, 'human', m, h);
  }
  return buildSummary({ version: 't', groupBy: 'model', tally: tallyOf(twoModels()), files: [], conversations: 20, baseline: null, matched });
}

describe('the matched replay table', () => {
  it('shows each act as model vs human, the gap (starred when McNemar finds a difference) and kappa', () => {
    const text = formatTable(replaySummary(), { color: false });
    expect(text).toContain('matched replay: model vs the human reply at the same positions');
    const row = text.split('\n').filter((l) => l.includes('│')).slice(-2);
    // followup: 10% vs 50%, gap −80%; b = 0, c = 8, exact p = 2/256 < 0.05; pₒ = 12/20, pₑ = 0.1·0.5 + 0.9·0.5 = 0.5, so κ = 0.1 / 0.5 = 0.2.
    expect(row[0]).toMatch(/│ cand\s+│ human\s+│\s+20 │/);
    expect(row[0]).toContain('10.0% vs 50.0%');
    expect(row[1]).toContain('−80%* κ 0.20');
    // clarification: 15% vs 0%: no relative gap, so the difference in points; b = 3, c = 0, p = 0.25.
    expect(row[0]).toContain('15.0% vs 0.0%');
    expect(row[1]).toContain('+15.0 pt κ 0.00');
  });

  it('appears in Markdown with the model name escaped, and in JSON as the summary’s matched field', () => {
    const summary = replaySummary('cand|v2');
    const md = formatMarkdown(summary);
    expect(md).toContain('### Matched replay: model vs the human reply at the same positions');
    expect(md).toContain('| cand\\|v2 | human | 20 |');
    expect(md).toContain('10.0% vs 50.0%<br>−80%* κ 0.20');
    const json = JSON.parse(formatJson(summary));
    expect(SummarySchema.parse(json).matched![0]!.acts.followup).toMatchObject({ n: 20, both: 2, modelOnly: 0, humanOnly: 8, neither: 10, mcnemar: { b: 0, c: 8 } });
  });

  it('appears in the HTML report with the model name escaped and a significant gap marked', () => {
    const html = formatHtml(replaySummary('<b>cand</b>'));
    const section = html.slice(html.indexOf('<h2>Matched replay: model vs the human reply at the same positions</h2>'));
    expect(section.length).toBeLessThan(html.length);
    expect(section).toContain('<td>&lt;b&gt;cand&lt;/b&gt;</td><td>human</td><td>20</td>');
    expect(section).not.toContain('<b>cand');
    expect(section).toContain('10.0% vs 50.0%<br><span class="below">−80%* κ 0.20</span>');
    expect(section).toContain('15.0% vs 0.0%<br><span>+15.0 pt κ 0.00</span>');
  });

  it('is absent when nothing was replayed', () => {
    const summary = summaryOf(twoModels(), false);
    expect(formatTable(summary, { color: false })).not.toContain('matched replay');
    expect(formatMarkdown(summary)).not.toContain('Matched replay');
    expect(formatHtml(summary)).not.toContain('Matched replay');
    expect(JSON.parse(formatJson(summary)).matched).toBeUndefined();
  });
});
