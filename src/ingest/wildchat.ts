/** WildChat dumps: `{conversation_hash, model, conversation:[{role, content, ...}], turn, language, toxic, ...}`. */
import { convertChatLog } from './chat-log.js';
import { readJsonRecords } from './read/json.js';
import { shapeOf } from './sniff.js';
import type { Adapter } from './types.js';

// Per-conversation fields WildChat has and plain OpenAI chat records do not.
const WILDCHAT_FIELDS = ['turn', 'language', 'toxic', 'timestamp', 'openai_moderation', 'detoxify_moderation', 'redacted', 'hashed_ip'];

/** True when the keys mark a WildChat or LMSYS-Chat record rather than a plain OpenAI one. */
export function hasChatLogKeys(keys: ReadonlySet<string>): boolean {
  return keys.has('conversation_hash') || keys.has('conversation_id') || WILDCHAT_FIELDS.some((k) => keys.has(k));
}

export const wildchat: Adapter = {
  id: 'wildchat',
  description: 'WildChat: {conversation_hash, model, conversation:[{role, content}], ...} as JSONL or a JSON array',
  extensions: ['jsonl', 'json'],
  detect: (sample) => {
    const { container, keys, first } = shapeOf(sample);
    if (container === 'text' || !(keys.has('conversation') || keys.has('messages'))) return false;
    if (first && !Array.isArray(first.conversation ?? first.messages)) return false;
    return keys.has('conversation_hash') || (!keys.has('conversation_id') && WILDCHAT_FIELDS.some((k) => keys.has(k)));
  },
  read: readJsonRecords,
  convert: (record, options) =>
    convertChatLog({ format: 'wildchat', what: 'a WildChat record', messageKeys: ['conversation', 'messages'], idKeys: ['conversation_hash', 'id'] }, record, options),
};
