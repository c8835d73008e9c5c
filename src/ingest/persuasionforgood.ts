/**
 * Persuasion for Good full_dialog.csv: columns `Unit, Turn, B4, B2`. B2 is the dialogue id, B4 the
 * role (0 persuader → assistant, 1 persuadee → user), Turn the exchange index. Each row is one
 * message of one side (in the released data every (B2, Turn, B4) occurs once), so a row is a turn;
 * a dialogue's rows are contiguous and make one record. annotated_300_dialog.csv (sentence rows
 * with labels) and full_info.csv (participants) are not this format.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { ConversationBuilder } from './build.js';
import { HUMAN_MODEL } from './human.js';
import { MAX_RECORD_CHARS, tooLarge } from './limits.js';
import { readCsvRows } from './read/csv.js';
import { headLines, shapeOf } from './sniff.js';
import type { Adapter, Converted, InputFile, RawRecord } from './types.js';
import { validate, type RecordAt } from './validate.js';

const COLUMNS = ['Unit', 'Turn', 'B4', 'B2'];

const RowSchema = z.object({
  Unit: z.string(),
  Turn: z.string().regex(/^\d+$/, { error: 'a whole number' }),
  B4: z.enum(['0', '1']),
  B2: z.string().min(1),
});

interface Row {
  value: Record<string, string>;
  line: number;
}

async function* read(file: InputFile): AsyncGenerator<RawRecord> {
  // A dialogue past the record limit keeps counting its size but drops its rows.
  let dialogue: { id: string; rows: Row[]; line: number; size: number } | undefined;
  let checked = false;
  const done = (d: NonNullable<typeof dialogue>): RawRecord =>
    d.size > MAX_RECORD_CHARS ? { ok: false, error: tooLarge(file.path, d.line, d.size) } : { ok: true, value: d.rows, line: d.line };
  for await (const rec of readCsvRows(file.path, file.chunks())) {
    if (!rec.ok) {
      yield rec;
      continue;
    }
    const row = rec.value as Record<string, string>;
    if (!checked) {
      checked = true;
      const missing = COLUMNS.filter((c) => !(c in row));
      if (missing.length > 0) {
        yield { ok: false, error: new InputError({ file: file.path, line: 1 }, 'invalid CSV', { expected: `a header with the columns ${COLUMNS.join(', ')}`, found: `columns ${Object.keys(row).join(', ')}`, fix: 'Pass full_dialog.csv from Persuasion for Good, or choose another --format.' }) };
        return;
      }
    }
    if (dialogue && dialogue.id !== row.B2) {
      yield done(dialogue);
      dialogue = undefined;
    }
    dialogue ??= { id: row.B2!, rows: [], line: rec.line, size: 0 };
    dialogue.size += row.Unit?.length ?? 0;
    if (dialogue.size > MAX_RECORD_CHARS) dialogue.rows = [];
    else dialogue.rows.push({ value: row, line: rec.line });
  }
  if (dialogue) yield done(dialogue);
}

function convert(record: RecordAt & { value: unknown }): Converted {
  const rows = (record.value as Row[]).map((r) => validate(RowSchema, r.value, { file: record.file, line: r.line }, 'a Persuasion for Good row'));
  const builder = new ConversationBuilder(rows[0]!.B2, HUMAN_MODEL);
  for (const row of rows) {
    const persuader = row.B4 === '0';
    builder.add({ role: persuader ? 'assistant' : 'user', speaker: persuader ? 'persuader' : 'persuadee', text: row.Unit, meta: { turn: Number(row.Turn) } });
  }
  return builder.finish(record.file, 'persuasionforgood', { corpus: 'persuasionforgood' });
}

export const persuasionforgood: Adapter = {
  id: 'persuasionforgood',
  description: 'Persuasion for Good full_dialog.csv (Unit, Turn, B4, B2; model "human")',
  extensions: ['csv'],
  // The header has the four columns and no label columns (those mark annotated_300_dialog.csv).
  detect: (sample) => {
    const header = shapeOf(sample).container === 'text' ? headLines(sample, 1)[0] : undefined;
    if (!header) return false;
    try {
      const [columns] = parse(header) as string[][];
      return COLUMNS.every((c) => columns!.includes(c)) && !columns!.some((c) => /label/i.test(c));
    } catch {
      return false;
    }
  },
  read,
  convert,
};
