/**
 * The README's accuracy table states the learned tagger's F1 on each corpus's held-out split; this
 * fails when the shipped model scores less than it says (to the table's 3 decimals). After a
 * retrain that lowers a figure, `npm run eval -- --readme` states the new one. Needs the shared
 * corpora; skips with a message without them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, type ActScore } from '../../src/eval/evaluate.js';
import { loadLabelMap } from '../../src/eval/labelmap.js';
import { readLabelled } from '../../src/eval/read/index.js';
import { EVAL_RUNS } from '../../src/eval/runs.js';
import { CORPORA, ROOT } from '../helpers/cli.js';

const NO_CORPORA = !existsSync(CORPORA);
if (NO_CORPORA) console.warn(`skipped the README F1 check: the shared corpora are not at ${CORPORA} (they are never committed; see ../shared/corpora/README.md)`);

/** The learned figures the table states, and where each comes from in an ActScore. */
const COLUMNS = { 'learned F1': (s: ActScore) => s.f1, 'learned weighted F1': (s: ActScore) => s.weighted?.f1 } as const;
type Column = keyof typeof COLUMNS;

interface Stated {
  corpus: string;
  split: string;
  act: string;
  column: Column;
  f1: number;
}

/** Every learned F1 in the README's accuracy table; blank and dashed cells state nothing. */
function statedFigures(readme: string): Stated[] {
  const section = /<!-- accuracy-table:begin[^>]*-->([\s\S]*?)<!-- accuracy-table:end -->/.exec(readme)?.[1];
  if (!section) throw new Error('Expected the accuracy-table markers in README.md, found none. Restore them and run `npm run eval -- --readme`.');
  const rows = section.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const [head, , ...body] = rows;
  const at = (name: string) => head?.indexOf(name) ?? -1;
  const missing = ['corpus', 'split', 'act', ...Object.keys(COLUMNS)].filter((name) => at(name) < 0);
  if (missing.length) throw new Error(`Expected the README accuracy table to have the columns ${missing.join(', ')}, found ${head?.join(', ') ?? 'no table'}. Run \`npm run eval -- --readme\`.`);
  return body.flatMap((cells) =>
    (Object.keys(COLUMNS) as Column[])
      .filter((column) => /^\d\.\d{3}$/.test(cells[at(column)] ?? ''))
      .map((column) => ({ corpus: cells[at('corpus')]!, split: cells[at('split')]!, act: cells[at('act')]!, column, f1: Number(cells[at(column)]) })),
  );
}

const stated = NO_CORPORA ? [] : statedFigures(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const runs = [...new Set(stated.map((s) => `${s.corpus} | ${s.split}`))];

describe.skipIf(NO_CORPORA)('the learned tagger scores at least the F1 the README states', () => {
  it('the table states learned figures for every corpus `npm run eval` measures', () => {
    expect([...runs].sort()).toEqual(EVAL_RUNS.map((r) => `${r.corpus} | ${r.split}`).sort());
  });

  it.each(runs)('%s', (key) => {
    const spec = EVAL_RUNS.find((r) => `${r.corpus} | ${r.split}` === key);
    expect(spec, `README corpus and split ${key} is one that npm run eval measures`).toBeDefined();
    const result = evaluate(readLabelled(spec!.scheme, join(CORPORA, spec!.path), spec!.split), loadLabelMap(spec!.scheme), { tagger: 'learned' });
    for (const figure of stated.filter((s) => `${s.corpus} | ${s.split}` === key)) {
      const score = result.scores.find((s) => s.act === figure.act);
      expect(score, `${key}: an act ${figure.act}`).toBeDefined();
      const measured = COLUMNS[figure.column](score!);
      expect(measured, `${key} ${figure.act} ${figure.column}`).not.toBeNull();
      // The table rounds to 3 decimals; a figure that rounds to the stated one holds.
      expect(Number(measured!.toFixed(3)), `${key} ${figure.act}: ${figure.column} measured ${measured!.toFixed(3)}, README states ${figure.f1.toFixed(3)}`).toBeGreaterThanOrEqual(figure.f1);
    }
  });
});
