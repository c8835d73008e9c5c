/**
 * MathDial tutoring dialogues, one JSON object a line, `conversation` being messages joined by
 * `|EOM|`: `Teacher: (move)text` (assistant; the move goes to turn.meta.move) or `Name: text`
 * (the student, user; usually `Student:`, sometimes the student persona's name).
 */
import { z } from 'zod';
import { InputError, describe } from '../errors.js';
import { ConversationBuilder } from './build.js';
import { HUMAN_MODEL } from './human.js';
import { readJsonRecords } from './read/json.js';
import { shapeOf } from './sniff.js';
import type { Adapter, Converted } from './types.js';
import { validate, type RecordAt } from './validate.js';

const RecordSchema = z.object({
  qid: z.union([z.string().min(1), z.number()]),
  scenario: z.number().optional(),
  conversation: z.string(),
});

const MESSAGE = /^\s*([\p{L}][\p{L}' -]{0,39}):\s*(?:\((\w+)\)\s*)?([\s\S]*)$/u;

function convert(record: RecordAt & { value: unknown }): Converted {
  const at = { file: record.file, line: record.line };
  const rec = validate(RecordSchema, record.value, at, 'a MathDial record');
  const builder = new ConversationBuilder(`${rec.qid}:${record.line}`, HUMAN_MODEL);
  rec.conversation.split('|EOM|').forEach((message, i) => {
    if (!message.trim()) return builder.skip('empty');
    const m = MESSAGE.exec(message);
    if (!m) throw new InputError({ ...at, field: 'conversation' }, 'invalid record', { expected: 'each |EOM|-separated message to start `Teacher:` or `Student:`', found: `message ${i + 1}: ${describe(message)}` });
    const teacher = m[1] === 'Teacher';
    builder.add({
      role: teacher ? 'assistant' : 'user',
      speaker: teacher ? 'teacher' : 'student',
      text: m[3]!,
      meta: teacher && m[2] ? { move: m[2] } : {},
    });
  });
  return builder.finish(record.file, 'mathdial', { corpus: 'mathdial', qid: rec.qid, scenario: rec.scenario });
}

export const mathdial: Adapter = {
  id: 'mathdial',
  description: 'MathDial tutoring: JSON lines with conversation "Teacher: (move)…|EOM|Student: …" (model "human")',
  extensions: ['jsonl', 'json'],
  detect: (sample) => {
    const { container, keys, first } = shapeOf(sample);
    if (container === 'text' || !keys.has('conversation') || !keys.has('qid')) return false;
    return !first || typeof first.conversation === 'string';
  },
  read: readJsonRecords,
  convert,
};
