/**
 * ChatGPT data export (conversations.json): an array of `{title, mapping:{id:{message, parent,
 * children}}, current_node, ...}`. Only the active branch is read: from current_node up through
 * the parents, then reversed, so regenerated answers and edited prompts left behind are excluded.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { ConversationBuilder, recordId } from './build.js';
import { readJsonRecords } from './read/json.js';
import { shapeOf } from './sniff.js';
import type { Adapter, ConvertOptions, Converted } from './types.js';
import { validate, type RecordAt } from './validate.js';

const WHAT = 'a ChatGPT export conversation';

// The content types a person reads as the message; the rest (thoughts, reasoning_recap, code,
// execution_output, model_editable_context, ...) are skipped under their own name.
const TEXT_TYPES = new Set(['text', 'multimodal_text']);
const CONTENT_TYPE = /^[a-z][a-z0-9_.-]{0,39}$/;

const MessageSchema = z.object({
  author: z.object({ role: z.string() }),
  content: z.object({ content_type: z.string(), parts: z.array(z.unknown()).nullish() }),
  recipient: z.string().nullish(),
  metadata: z
    .object({ model_slug: z.string().nullish(), is_visually_hidden_from_conversation: z.boolean().nullish() })
    .nullish(),
});
type Message = z.infer<typeof MessageSchema>;

const NodeSchema = z.object({ message: MessageSchema.nullish(), parent: z.string().nullish() });

const ConversationSchema = z.object({
  title: z.string().nullish(),
  mapping: z.record(z.string(), z.unknown()),
  current_node: z.string({ error: 'the id of the last message shown (current_node)' }),
  conversation_id: z.string().nullish(),
  id: z.string().nullish(),
  default_model_slug: z.string().nullish(),
});

/** The active branch, root first. A missing node or a parent cycle is an input error, never a hang. */
function activeBranch(mapping: Record<string, unknown>, currentNode: string, at: RecordAt) {
  const branch: { id: string; message: Message | null | undefined }[] = [];
  const seen = new Set<string>();
  let field = 'current_node';
  for (let id: string | null | undefined = currentNode; id; ) {
    if (seen.has(id)) throw new InputError({ ...at, field }, 'invalid record', { expected: 'parent links that reach the root', found: `a cycle back to node ${JSON.stringify(id)}` });
    if (!Object.hasOwn(mapping, id)) throw new InputError({ ...at, field }, 'invalid record', { expected: `a node ${JSON.stringify(id)} in mapping`, found: 'none' });
    seen.add(id);
    const node: z.infer<typeof NodeSchema> = validate(NodeSchema, mapping[id], at, WHAT, ['mapping', id]);
    branch.push({ id, message: node.message });
    field = `mapping.${id}.parent`;
    id = node.parent;
  }
  return branch.reverse();
}

/** A message's role as a turn, or why it is not a turn. */
function classify(message: Message): { role: 'user' | 'assistant' } | { skip: string } {
  if (message.metadata?.is_visually_hidden_from_conversation) return { skip: 'hidden' };
  const role = message.author.role;
  if (role === 'system' || role === 'tool') return { skip: role };
  if (role !== 'user' && role !== 'assistant') return { skip: 'unknown role' };
  if (message.recipient && message.recipient !== 'all') return { skip: 'tool call' };
  const type = message.content.content_type;
  // The type names a skip count in every report, so only a plain name of one is used as it is.
  if (!TEXT_TYPES.has(type)) return { skip: CONTENT_TYPE.test(type) ? type : 'other content' };
  return { role };
}

/** String parts, and the `text` of object parts; image pointers and other objects add nothing. */
function textOf(message: Message): string {
  return (message.content.parts ?? [])
    .map((p) => (typeof p === 'string' ? p : typeof p === 'object' && p !== null && 'text' in p && typeof p.text === 'string' ? p.text : ''))
    .filter((p) => p !== '')
    .join('\n');
}

function convert(record: RecordAt & { value: unknown }, options: ConvertOptions): Converted {
  const at = { file: record.file, line: record.line };
  const conv = validate(ConversationSchema, record.value, at, WHAT);
  const branch = activeBranch(conv.mapping, conv.current_node, at);
  // Turns without a model of their own (user turns, mostly) take the conversation's.
  const firstSlug = branch.find((n) => n.message?.metadata?.model_slug)?.message?.metadata?.model_slug;
  const model = conv.default_model_slug ?? firstSlug ?? options.model;
  // An empty id is no id: `||`, not `??`.
  const builder = new ConversationBuilder(conv.conversation_id || conv.id || recordId(record.file, record.line), model ?? undefined);
  for (const { id, message } of branch) {
    if (!message) continue; // the root placeholder node has no message; it is structure, not a message
    const kind = classify(message);
    if ('skip' in kind) builder.skip(kind.skip);
    else builder.add({ id, role: kind.role, speaker: kind.role, model: message.metadata?.model_slug ?? undefined, text: textOf(message) });
  }
  return builder.finish(record.file, 'chatgpt', conv.title ? { title: conv.title } : {});
}

export const chatgpt: Adapter = {
  id: 'chatgpt',
  description: 'ChatGPT data export conversations.json (mapping tree; the active branch is read)',
  extensions: ['json'],
  detect: (sample) => {
    const { container, keys } = shapeOf(sample);
    return container !== 'text' && keys.has('mapping');
  },
  read: readJsonRecords,
  convert,
};
