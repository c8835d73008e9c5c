/** Claude.ai data export (conversations.json): an array of `{uuid, name, chat_messages:[{uuid, sender, text, content}]}`. */
import { z } from 'zod';
import { ConversationBuilder, recordId } from './build.js';
import { readJsonRecords } from './read/json.js';
import { roleOfName } from './roles.js';
import { shapeOf } from './sniff.js';
import type { Adapter, ConvertOptions, Converted } from './types.js';
import { validate, type RecordAt } from './validate.js';

const MessageSchema = z.object({
  uuid: z.string().min(1).optional(),
  sender: z.string(),
  text: z.string().nullish(),
  // Text blocks are what the reader sees; thinking, tool_use and tool_result blocks are left out.
  content: z.array(z.object({ type: z.string(), text: z.string().nullish() })).nullish(),
});

const ConversationSchema = z.object({
  uuid: z.string().min(1).optional(),
  name: z.string().nullish(),
  chat_messages: z.array(MessageSchema),
});

function convert(record: RecordAt & { value: unknown }, options: ConvertOptions): Converted {
  const conv = validate(ConversationSchema, record.value, { file: record.file, line: record.line }, 'a Claude export conversation');
  // The export names no model: it comes from --model, if given.
  const builder = new ConversationBuilder(conv.uuid ?? recordId(record.file, record.line), options.model);
  for (const message of conv.chat_messages) {
    const role = roleOfName(message.sender);
    const blocks = (message.content ?? []).filter((b) => b.type === 'text' && b.text);
    const text = blocks.length > 0 ? blocks.map((b) => b.text).join('\n') : (message.text ?? '');
    if (role) builder.add({ id: message.uuid, role, speaker: message.sender, text });
    else builder.skip('unknown role');
  }
  return builder.finish(record.file, 'claude', conv.name ? { title: conv.name } : {});
}

export const claude: Adapter = {
  id: 'claude',
  description: 'Claude.ai data export conversations.json (chat_messages; the model comes from --model)',
  extensions: ['json'],
  detect: (sample) => {
    const { container, keys } = shapeOf(sample);
    return container !== 'text' && keys.has('chat_messages');
  },
  read: readJsonRecords,
  convert,
};
