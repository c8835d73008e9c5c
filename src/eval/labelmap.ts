/** Corpus tag → act mappings for `grounding eval`, kept as data in corpora/label-maps, each citing its manual. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseData, parseYamlData, UsageError } from '../errors.js';
import { ActIdSchema, type ActId } from '../model.js';

export const SCHEMES = ['mrda', 'swda', 'p4g', 'esconv', 'typed-chat'] as const;
export type Scheme = (typeof SCHEMES)[number];

const LabelMapSchema = z
  .object({
    scheme: z.enum(SCHEMES),
    corpus: z.string().min(1),
    source: z.string().min(1),
    format: z.enum(SCHEMES),
    /** What one gold label sits on: an utterance, a sentence, or a whole turn. */
    unit: z.enum(['utterance', 'sentence', 'turn']),
    acts: z.partialRecord(ActIdSchema, z.object({ labels: z.array(z.string().min(1)).min(1), why: z.string().min(1) }).strict()),
    confusers: z.record(z.string(), z.string()).default({}),
    /** Rows scored beside the acts: `curiosity` is any curiosity act (followup, clarification, understanding-check) against any of their labels. */
    composites: z.array(z.enum(['curiosity'])).default([]),
  })
  .strict();
export type LabelMap = z.infer<typeof LabelMapSchema>;

export function labelMapDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpora', 'label-maps');
}

export function loadLabelMap(scheme: Scheme, dir = labelMapDir()): LabelMap {
  const file = join(dir, `${scheme}.yml`);
  if (!existsSync(file)) throw new UsageError(`Expected a label map ${file} for --scheme ${scheme}, found none. Add it.`);
  const map = parseData(LabelMapSchema, parseYamlData(readFileSync(file, 'utf8'), file, 'Fix the label map.'), file, 'Fix the label map.');
  if (map.scheme !== scheme) {
    throw new UsageError(`${file}: expected \`scheme: ${scheme}\` to match the file name, found \`scheme: ${map.scheme}\`. Fix the label map.`);
  }
  const seen = new Map<string, ActId>();
  for (const [act, entry] of Object.entries(map.acts) as Array<[ActId, { labels: string[] }]>) {
    for (const label of entry.labels) {
      const other = seen.get(label);
      if (other) throw new UsageError(`${file}: label \`${label}\` maps to both ${other} and ${act}. Map each label to one act.`);
      seen.set(label, act);
    }
  }
  return map;
}

/** The acts a set of gold labels stands for under a map. */
export function goldActs(map: LabelMap, labels: readonly string[]): Set<ActId> {
  const acts = new Set<ActId>();
  for (const [act, entry] of Object.entries(map.acts) as Array<[ActId, { labels: string[] }]>) {
    if (labels.some((l) => entry.labels.includes(l))) acts.add(act);
  }
  return acts;
}
