/** OpenAI chat format: `{"messages":[{role, content}], "model"?, "id"?}` one a line, or a JSON array of them. */
import { convertChatLog } from './chat-log.js';
import { readJsonRecords } from './read/json.js';
import { shapeOf } from './sniff.js';
import type { Adapter } from './types.js';
import { hasChatLogKeys } from './wildchat.js';

export const openai: Adapter = {
  id: 'openai',
  description: 'OpenAI chat messages: {"messages":[{role, content}], "model"?} as JSONL or a JSON array',
  extensions: ['jsonl', 'json'],
  // WildChat and LMSYS dumps hold messages too; their own keys send them to those adapters.
  detect: (sample) => {
    const { container, keys, first } = shapeOf(sample);
    if (container === 'text' || !keys.has('messages') || hasChatLogKeys(keys)) return false;
    return !first || Array.isArray(first.messages);
  },
  read: readJsonRecords,
  convert: (record, options) => convertChatLog({ format: 'openai', what: 'an OpenAI chat record', messageKeys: ['messages'], idKeys: ['id'] }, record, options),
};
