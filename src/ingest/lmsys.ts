/** LMSYS-Chat-1M dumps: `{conversation_id, model, conversation:[{role, content}], turn, language, ...}`. */
import { convertChatLog } from './chat-log.js';
import { readJsonRecords } from './read/json.js';
import { shapeOf } from './sniff.js';
import type { Adapter } from './types.js';

export const lmsys: Adapter = {
  id: 'lmsys',
  description: 'LMSYS-Chat-1M: {conversation_id, model, conversation:[{role, content}], ...} as JSONL or a JSON array',
  extensions: ['jsonl', 'json'],
  detect: (sample) => {
    const { container, keys } = shapeOf(sample);
    return container !== 'text' && keys.has('conversation_id') && !keys.has('conversation_hash') && (keys.has('conversation') || keys.has('messages'));
  },
  read: readJsonRecords,
  convert: (record, options) =>
    convertChatLog({ format: 'lmsys', what: 'an LMSYS-Chat record', messageKeys: ['conversation', 'messages'], idKeys: ['conversation_id', 'id'] }, record, options),
};
