/**
 * Persuasion for Good's annotated dialogues: one labelled sentence a row (`B2` dialogue, `B4`
 * role: 0 persuader, 1 persuadee, `Unit` sentence, `er_label_*` / `ee_label_*`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../errors.js';
import { groupTurns, type EvalDialogue, type EvalTurn } from './types.js';

type Row = Record<string, string>;

export function readP4gDialogues(file: string): EvalDialogue[] {
  let rows: Row[];
  try {
    rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new InputError({ file, line }, 'invalid CSV', {
      expected: 'a CSV file with a header row',
      found: `unreadable CSV (${(error as Error).message.split('\n')[0]})`,
      fix: 'Pass annotated_300_dialog.csv from Persuasion for Good.',
    });
  }
  const first = rows[0];
  for (const column of ['B2', 'B4', 'Unit', 'er_label_1', 'ee_label_1']) {
    if (first && !(column in first)) {
      throw new InputError({ file, line: 1, field: column }, 'missing column', {
        expected: `a column \`${column}\``,
        found: `columns ${Object.keys(first).join(', ')}`,
        fix: 'Pass annotated_300_dialog.csv from Persuasion for Good.',
      });
    }
  }
  const byDialogue = new Map<string, Array<Parameters<typeof groupTurns>[0][number]>>();
  for (const row of rows) {
    const persuader = row.B4 === '0';
    const side = persuader ? 'er' : 'ee';
    const labels = [row[`${side}_label_1`], row[`${side}_label_2`]].filter((l): l is string => !!l && l.trim() !== '');
    const list = byDialogue.get(row.B2!) ?? [];
    list.push({ speaker: persuader ? 'persuader' : 'persuadee', role: persuader ? 'assistant' : 'user', unit: { text: row.Unit ?? '', labels, scored: true } });
    byDialogue.set(row.B2!, list);
  }
  return [...byDialogue].map(([id, list]): EvalDialogue => ({ id, turns: groupTurns(list) as EvalTurn[] }));
}

/** Persuasion for Good's dev split, which it does not ship: one dialogue in five, by the sha1 of its id. */
export function p4gDev(dialogueId: string): boolean {
  return Number.parseInt(createHash('sha1').update(dialogueId).digest('hex').slice(0, 8), 16) % 5 === 0;
}
