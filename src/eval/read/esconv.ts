/**
 * ESConv JSON lines: `dialog: [{speaker: usr|sys, text, strategy?}]`. Each message is a turn and
 * carries one strategy label when the supporter (`sys`) wrote it; seeker turns are context only.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { EvalDialogue } from './types.js';

const RecordSchema = z.object({
  dialog: z.array(z.object({ speaker: z.enum(['usr', 'sys']), text: z.string(), strategy: z.string().optional() })),
});

export function readEsconvDialogues(file: string): EvalDialogue[] {
  const out: EvalDialogue[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let parsed: z.infer<typeof RecordSchema>;
      try {
        parsed = RecordSchema.parse(JSON.parse(line));
      } catch (error) {
        throw new InputError({ file, line: i + 1 }, 'invalid record', {
          expected: 'a JSON object with a `dialog` array of {speaker, text, strategy?}',
          found: error instanceof SyntaxError ? 'invalid JSON' : 'a record of another shape',
          fix: 'Pass an ESConv train.txt, valid.txt or test.txt.',
        });
      }
      out.push({
        id: `${basename(file)}:${i + 1}`,
        turns: parsed.dialog.map((m) => ({
          speaker: m.speaker === 'sys' ? 'supporter' : 'seeker',
          role: m.speaker === 'sys' ? 'assistant' : 'user',
          units: [{ text: m.text, labels: m.strategy ? [m.strategy] : [], scored: m.speaker === 'sys' }],
        })),
      });
    });
  return out;
}
