/**
 * MRDA (`speaker|text|basic|general|full`) and SWDA (`speaker|text|tag`) dialogue files: one
 * utterance a line, one file a dialogue. Roles mean nothing in a meeting, so every turn is read
 * as the helper side; the tagger does not use roles for these acts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../errors.js';
import { groupTurns, type EvalDialogue } from './types.js';

export function readPipeDialogue(file: string, labelColumn: number, columns: number): EvalDialogue {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, n }) => {
      const cells = line.replace(/\r$/, '').split('|');
      if (cells.length !== columns) {
        throw new InputError({ file, line: n }, 'bad columns', {
          expected: `${columns} fields separated by |`,
          found: `${cells.length}`,
          fix: `Check that ${basename(file)} is a ${columns === 5 ? 'MRDA' : 'SWDA'} dialogue file.`,
        });
      }
      return { speaker: cells[0]!, role: 'assistant' as const, unit: { text: cells[1]!, labels: [cells[labelColumn]!], scored: true } };
    });
  return { id: basename(file).replace(/\.txt$/, ''), turns: groupTurns(rows) };
}
