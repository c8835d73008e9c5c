/** The human baseline file: helper-role act rates per domain and pooled, each with its provenance. */
import { z } from 'zod';
import { ACT_IDS } from '../model.js';

export const BASELINE_SCHEMA = 'grounding.baseline/v1';

const RateSchema = z.object({
  count: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  per1kWords: z.number().nonnegative().nullable(),
});
export type BaselineRate = z.infer<typeof RateSchema>;

const ActRatesSchema = z.object(Object.fromEntries(ACT_IDS.map((a) => [a, RateSchema])) as Record<(typeof ACT_IDS)[number], typeof RateSchema>);

export const BaselineEntrySchema = z.object({
  /** Where the figures come from: corpus name, files, split, the role taken as the helper. */
  provenance: z.object({
    corpus: z.string(),
    files: z.array(z.string()),
    split: z.string(),
    role: z.string(),
    licence: z.string(),
  }),
  conversations: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  acts: ActRatesSchema,
  any: RateSchema,
});
export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;

export const BaselineSchema = z.object({
  schema: z.literal(BASELINE_SCHEMA),
  /** Bumped whenever the figures change, so a summary can say which baseline it was compared with. */
  version: z.string(),
  /** The command that produced this file, as run from the project folder. */
  command: z.string(),
  /** The tagger the rates were measured with; a baseline is only comparable with the same tagger. */
  tagger: z.object({ version: z.string(), lexiconHash: z.string() }),
  role: z.literal('assistant'),
  note: z.string(),
  domains: z.record(z.string(), BaselineEntrySchema),
  pooled: BaselineEntrySchema,
});
export type Baseline = z.infer<typeof BaselineSchema>;
