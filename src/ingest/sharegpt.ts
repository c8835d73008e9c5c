/** ShareGPT: `{id, conversations:[{from: human|gpt|system|..., value}], model?}` as a JSON array or JSONL. */
import { z } from 'zod';
import { ConversationBuilder, recordId } from './build.js';
import { readJsonRecords } from './read/json.js';
import { roleOfName } from './roles.js';
import { shapeOf } from './sniff.js';
import type { Adapter, ConvertOptions, Converted } from './types.js';
import { validate, type RecordAt } from './validate.js';

const RecordSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).optional(),
  model: z.string().nullish(),
  conversations: z.array(z.object({ from: z.string(), value: z.string().nullish() })),
});

function convert(record: RecordAt & { value: unknown }, options: ConvertOptions): Converted {
  const rec = validate(RecordSchema, record.value, { file: record.file, line: record.line }, 'a ShareGPT record');
  const builder = new ConversationBuilder(rec.id !== undefined ? String(rec.id) : recordId(record.file, record.line), rec.model ?? options.model);
  for (const message of rec.conversations) {
    // human → user; gpt, chatgpt, bard, model, assistant → assistant; system → skipped.
    const role = roleOfName(message.from);
    if (role) builder.add({ role, speaker: message.from, text: message.value ?? '' });
    else builder.skip('unknown role');
  }
  return builder.finish(record.file, 'sharegpt');
}

export const sharegpt: Adapter = {
  id: 'sharegpt',
  description: 'ShareGPT: {id, conversations:[{from: human|gpt|system, value}], model?} as a JSON array or JSONL',
  extensions: ['json', 'jsonl'],
  detect: (sample) => {
    const { container, keys, first } = shapeOf(sample);
    if (container === 'text' || !keys.has('conversations')) return false;
    return !first || Array.isArray(first.conversations);
  },
  read: readJsonRecords,
  convert,
};
