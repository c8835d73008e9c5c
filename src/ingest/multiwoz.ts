/**
 * MultiWOZ task dialogues: a tourist (the user) and a "wizard" playing the Cambridge booking clerk
 * (assistant), both crowd workers. Two shapes:
 *   - the official 2.2 release, `dialogues_*.json`: a JSON array of
 *     `{dialogue_id, services, turns: [{turn_id, speaker: USER|SYSTEM, utterance, frames}]}`;
 *   - one dialogue a line, `{id, split, text_form, turns: [{speaker: user|system, text}]}`, as the
 *     shared corpora keep the test and validation splits (`split` and `text_form` go to meta).
 */
import { z } from 'zod';
import { ConversationBuilder } from './build.js';
import { HUMAN_MODEL } from './human.js';
import { readJsonRecords } from './read/json.js';
import { shapeOf } from './sniff.js';
import type { Adapter, Converted } from './types.js';
import { validate, type RecordAt } from './validate.js';

const Speaker = z.string().refine((s) => /^(user|system)$/i.test(s), { message: 'expected USER or SYSTEM' });

const RecordSchema = z.union([
  z.object({
    dialogue_id: z.string().min(1),
    services: z.array(z.string()).optional(),
    turns: z.array(z.object({ speaker: Speaker, utterance: z.string() })),
  }),
  z.object({
    id: z.string().min(1),
    split: z.string().optional(),
    text_form: z.string().optional(),
    turns: z.array(z.object({ speaker: Speaker, text: z.string() })),
  }),
]);

function convert(record: RecordAt & { value: unknown }): Converted {
  const rec = validate(RecordSchema, record.value, { file: record.file, line: record.line }, 'a MultiWOZ dialogue');
  const official = 'dialogue_id' in rec;
  // The official ids carry the file name's `.json`; the dialogue is the same without it.
  const id = official ? rec.dialogue_id.replace(/\.json$/, '') : rec.id;
  const builder = new ConversationBuilder(id, HUMAN_MODEL);
  for (const turn of rec.turns) {
    const wizard = turn.speaker.toLowerCase() === 'system';
    builder.add({ role: wizard ? 'assistant' : 'user', speaker: wizard ? 'wizard' : 'tourist', text: 'utterance' in turn ? turn.utterance : turn.text });
  }
  const meta = official ? { corpus: 'multiwoz', services: rec.services ?? [] } : { corpus: 'multiwoz', split: rec.split, text_form: rec.text_form };
  return builder.finish(record.file, 'multiwoz', meta);
}

export const multiwoz: Adapter = {
  id: 'multiwoz',
  description: 'MultiWOZ task dialogues: 2.2 dialogues_*.json with turns:[{speaker: USER|SYSTEM, utterance}], or JSON lines with turns:[{speaker: user|system, text}] (model "human")',
  extensions: ['json', 'jsonl'],
  detect: (sample) => {
    const { container, keys, first } = shapeOf(sample);
    if (container === 'text' || !keys.has('turns') || !(keys.has('dialogue_id') || keys.has('text_form'))) return false;
    const turns = first?.turns;
    return !first || (Array.isArray(turns) && (turns.length === 0 || (typeof turns[0] === 'object' && turns[0] !== null && 'speaker' in turns[0])));
  },
  read: readJsonRecords,
  convert,
};
