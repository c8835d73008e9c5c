/**
 * ESConv emotional-support chats, one JSON object a line: `{emotion_type, problem_type, situation,
 * dialog:[{text, speaker: usr|sys, strategy?}]}`. `sys` is the human supporter (assistant), `usr`
 * the seeker (user). Consecutive messages of one speaker stay separate turns, as they were sent.
 */
import { z } from 'zod';
import { ConversationBuilder, recordId } from './build.js';
import { HUMAN_MODEL } from './human.js';
import { readJsonRecords } from './read/json.js';
import { shapeOf } from './sniff.js';
import type { Adapter, Converted } from './types.js';
import { validate, type RecordAt } from './validate.js';

const RecordSchema = z.object({
  emotion_type: z.string().optional(),
  problem_type: z.string().optional(),
  situation: z.string().optional(),
  dialog: z.array(z.object({ text: z.string(), speaker: z.enum(['usr', 'sys']), strategy: z.string().optional() })),
});

function convert(record: RecordAt & { value: unknown }): Converted {
  const rec = validate(RecordSchema, record.value, { file: record.file, line: record.line }, 'an ESConv conversation');
  const builder = new ConversationBuilder(recordId(record.file, record.line), HUMAN_MODEL);
  for (const m of rec.dialog) {
    builder.add({
      role: m.speaker === 'sys' ? 'assistant' : 'user',
      speaker: m.speaker === 'sys' ? 'supporter' : 'seeker',
      text: m.text,
      meta: m.strategy !== undefined ? { strategy: m.strategy } : {},
    });
  }
  const { emotion_type, problem_type, situation } = rec;
  return builder.finish(record.file, 'esconv', { corpus: 'esconv', emotion_type, problem_type, situation });
}

export const esconv: Adapter = {
  id: 'esconv',
  description: 'ESConv emotional-support chats: JSON lines with dialog:[{text, speaker: usr|sys, strategy}] (model "human")',
  extensions: ['txt', 'jsonl', 'json'],
  detect: (sample) => {
    const { container, keys } = shapeOf(sample);
    return container !== 'text' && keys.has('dialog') && ['emotion_type', 'problem_type', 'situation'].some((k) => keys.has(k));
  },
  read: readJsonRecords,
  convert,
};
