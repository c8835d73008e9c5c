/**
 * typed-chat JSON lines (../shared/corpora/labeled/typed-chat): one labelled chat turn a line, with
 * the turn before it. Read as the held-out check feeds them: each item a two-turn conversation
 * (`prev_text` by `prev_role`, then `text` by `role`), only the second turn scored, labelled with
 * the item's `acts`. In a stratified sample each turn stands for its stratum's weight of turns.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, parseData, UsageError } from '../../errors.js';
import { validate } from '../../ingest/validate.js';
import { GROUNDING_ACT_IDS } from '../../model.js';
import type { EvalDialogue } from './types.js';

const WHAT = 'a typed-chat item';
const FIX = 'Pass the typed-chat folder or its train.jsonl or dev.jsonl (see its README.md for the fields).';

const Party = z.enum(['user', 'assistant']);

// Extra fields (conversation_id, model, turn_index, why) are for reading; they are not scored.
const ItemSchema = z.object({
  item: z.string().min(1),
  source: z.string().min(1),
  stratum: z.string().min(1),
  prev_role: Party,
  prev_text: z.string(),
  role: Party,
  text: z.string(),
  // Typed chat is labelled with the five grounding acts.
  acts: z.array(z.enum(GROUNDING_ACT_IDS)),
  conversation_id: z.string().optional(),
});

const StrataSchema = z.object({ weight_per_stratum: z.record(z.string(), z.number().positive()) });

/** strata.json's weight per `${source}/${stratum}`: how many population turns one sampled turn stands for. */
export function readStrataWeights(file: string): Record<string, number> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`${file}: expected JSON with \`weight_per_stratum\`, found invalid JSON. Restore strata.json from the typed-chat folder.`);
  }
  return parseData(StrataSchema, raw, file, 'Restore strata.json from the typed-chat folder.').weight_per_stratum;
}

/** One file's items as two-turn dialogues; with `weights`, each scored turn carries its stratum's weight. */
export function readTypedChat(file: string, weights: Readonly<Record<string, number>> | null): EvalDialogue[] {
  const out: EvalDialogue[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const at = { file, line: i + 1 };
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new InputError(at, 'invalid JSON', { expected: `${WHAT} as one JSON object a line`, found: 'invalid JSON', fix: FIX });
      }
      const item = validate(ItemSchema, value, at, WHAT, [], FIX);
      const stratum = `${item.source}/${item.stratum}`;
      // Own keys only: a stratum named `constructor` must not find Object's.
      const weight = weights && Object.hasOwn(weights, stratum) ? weights[stratum] : undefined;
      if (weights && weight === undefined) {
        throw new InputError({ ...at, field: 'stratum' }, 'unknown stratum', { expected: `a stratum that strata.json weighs (${Object.keys(weights).join(', ')})`, found: `\`${stratum}\``, fix: 'Pass the strata.json that belongs to this file.' });
      }
      out.push({
        id: item.item,
        ...(item.conversation_id !== undefined && { group: `${item.source}/${item.conversation_id}` }),
        turns: [
          { speaker: item.prev_role, role: item.prev_role, units: [{ text: item.prev_text, labels: [], scored: false }] },
          { speaker: item.role, role: item.role, units: [{ text: item.text, labels: item.acts, scored: true, role: item.role, ...(weight !== undefined && { weight }) }] },
        ],
      });
    });
  return out;
}
