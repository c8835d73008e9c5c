/**
 * The `{messages|conversation: [{role, content}], model?}` shape shared by OpenAI chat JSONL,
 * WildChat and LMSYS-Chat dumps. Each adapter says where its id and messages live.
 */
import { z } from 'zod';
import { readReplay, replayTurnFields } from '../replay/provenance.js';
import { ConversationBuilder, recordId } from './build.js';
import { roleOfName } from './roles.js';
import { isObject } from './sniff.js';
import type { ConvertOptions, Converted } from './types.js';
import { validate, type RecordAt } from './validate.js';

// Text parts of the Chat Completions and Responses APIs; images, audio and refusals are left out.
const TEXT_PARTS = new Set(['text', 'input_text', 'output_text']);

const MessageSchema = z.object({
  role: z.string(),
  content: z.union([z.string(), z.null(), z.array(z.unknown())], { error: 'a string, null or an array of content parts' }).optional(),
  name: z.string().optional(),
  tool_calls: z.array(z.unknown()).nullish(),
});
type Message = z.infer<typeof MessageSchema>;

const IdSchema = z.union([z.string().min(1), z.number()]);
// Built once: a zod schema costs more to make than to check a record with.
const RecordSchema = z.record(z.string(), z.unknown());
const MessagesSchema = z.array(MessageSchema);
const ModelSchema = z.string().nullish();

export interface ChatLogSpec {
  format: string;
  /** What a record is, for error messages: "an OpenAI chat record". */
  what: string;
  /** Where the messages are, in order of preference. */
  messageKeys: readonly ('messages' | 'conversation')[];
  /** Where the conversation id is, in order of preference; else file and line. */
  idKeys: readonly string[];
}

function textOf(content: Message['content']): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content
    .filter((p): p is { type: string; text: string } => isObject(p) && TEXT_PARTS.has(String(p.type)) && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n');
}

export function convertChatLog(spec: ChatLogSpec, record: RecordAt & { value: unknown }, options: ConvertOptions): Converted {
  const at = { file: record.file, line: record.line };
  const value = validate(RecordSchema, record.value, at, spec.what);
  const key = spec.messageKeys.find((k) => Array.isArray(value[k])) ?? spec.messageKeys[0]!;
  const messages = validate(MessagesSchema, value[key], at, spec.what, [key]);
  const model = validate(ModelSchema, value.model, at, spec.what, ['model']) ?? options.model;
  const idKey = spec.idKeys.find((k) => value[k] !== undefined && value[k] !== null);
  const id = idKey ? String(validate(IdSchema, value[idKey], at, spec.what, [idKey])) : recordId(record.file, record.line);

  const replay = readReplay(value, messages, at, spec.what);

  const builder = new ConversationBuilder(id, model);
  for (const [i, message] of messages.entries()) {
    const role = roleOfName(message.role);
    if (!role) builder.skip('unknown role');
    else if (role === 'assistant' && message.tool_calls?.length && !textOf(message.content).trim()) builder.skip('tool call');
    else builder.add({ role, speaker: message.name ?? message.role, text: textOf(message.content), ...replayTurnFields(replay, i, messages.length) });
  }
  const meta = { ...(typeof value.language === 'string' && { language: value.language }), ...(replay && { replay }) };
  return builder.finish(record.file, spec.format, meta);
}
