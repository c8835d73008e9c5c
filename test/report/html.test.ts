import { describe, expect, it } from 'vitest';
import { GROUNDING_ACT_IDS } from '../../src/model.js';
import { escapeHtml, formatHtml } from '../../src/report/html.js';
import { FILES, namedModels, scoredModels, summaryOf, twoModels } from '../helpers/tagged.js';

const HOSTILE = ['<script>alert(1)</script>', '" onmouseover="x', "' onfocus='y", 'javascript:alert(1)', '<img src=x onerror=alert(2)>', 'a&amp;b'];

/** The tags this formatter writes; anything else in the page came from input. */
const TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'section', 'div', 'figure', 'svg', 'line', 'text', 'rect', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'br', 'ul', 'li']);

function hostilePage(): string {
  const summary = summaryOf(namedModels(HOSTILE), true);
  summary.input.files = [{ ...FILES[0]!, path: '<svg onload=alert(3)>.jsonl', format: '"x', skipped: { "bad 'reason'": 1 } }];
  return formatHtml(summary);
}

describe('formatHtml', () => {
  it('draws a chart per act and any act, with the human baseline in each, and the same numbers in a table', () => {
    const page = formatHtml(summaryOf(twoModels(), true));
    expect(page.startsWith('<!doctype html>')).toBe(true);
    // Per role: a chart per grounding act and any act, one of its coordination toward the other
    // side, and beyond grounding the curiosity share and reassurance (no trajectory: no user has 4 turns here).
    expect(page.match(/<svg /g)).toHaveLength(2 * (GROUNDING_ACT_IDS.length + 2) + 2 * 2);
    for (const act of GROUNDING_ACT_IDS) expect(page).toContain(`<h3>${act}</h3>`);
    expect(page).toContain('<h3>curiosity share</h3>');
    expect(page).toContain('<h3>reassurance</h3>');
    expect(page).toContain('<h3>coordination of the assistant toward the user</h3>');
    expect(page).toContain('<h3>coordination of the user toward the assistant</h3>');
    // The human bar in each grounding chart and in reassurance's (the test baseline has no curiosity share).
    expect(page.match(/<rect class="bar human"/g)).toHaveLength(GROUNDING_ACT_IDS.length + 1 + 1);
    expect(page).toContain('<td>human baseline</td>');
    expect(page).toContain('20.0% [13.3–28.9]');
    expect(page).toContain('<span class="above">+150%*</span>');
    expect(page).toContain('<td>logs/a.jsonl</td>');
  });

  it('has no human baseline without one', () => {
    const page = formatHtml(summaryOf(twoModels(), false));
    expect(page).toContain('No human baseline was used.');
    expect(page).not.toContain('bar human');
  });

  it('escapes every input text so no markup, attribute or script can come from it', () => {
    const page = hostilePage();
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('" onmouseover="x');
    expect(page).not.toContain("' onfocus='y");
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot; onmouseover=&quot;x');
    expect(page).toContain('&#39; onfocus=&#39;y');
    expect(page).toContain('a&amp;amp;b');
    for (const tag of page.match(/<[^>]*>/g)!) {
      const name = /^<\/?([!\w]+)/.exec(tag)![1]!.toLowerCase();
      expect(TAGS, tag).toContain(name);
      expect(tag).not.toMatch(/\s(on\w+|src|href|xlink:href|style)\s*=/i);
    }
  });

  it('loads nothing from anywhere', () => {
    const benign = formatHtml(summaryOf(twoModels(), true));
    for (const page of [hostilePage(), benign]) {
      expect(page).not.toMatch(/https?:\/\/|url\(|@import/i);
      for (const tag of page.match(/<[^>]*>/g)!) expect(tag).not.toMatch(/\s(src|href)\s*=/i);
      expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    }
    expect(benign).not.toMatch(/src=|href=/i);
  });

  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows the estimate next to each rate and the human estimate, and notes the basis of the gaps', () => {
    const page = formatHtml(summaryOf(scoredModels(), true, { human: { rate: 0.25, ci: [0.2, 0.3] }, rates: 'estimated' }));
    expect(page).toContain('<span class="est">est 11.9% [2.7–39.6]</span>');
    expect(page).toContain('20.0% [13.3–28.9]<br><span class="est">est 25.0% [20.0–30.0]</span></td>');
    expect(page).toContain('<p>Gaps compare estimated rates (--rates estimated)');
    expect(formatHtml(summaryOf(twoModels(), true))).not.toContain('class="est"');
  });
});
