/** The human baseline file: helper-role act rates per domain and pooled, each with its provenance. */
import { z } from 'zod';
import { GROUNDING_ACT_IDS } from '../model.js';
import { BeyondReferenceSchema } from '../measure/curiosity.js';
import { TrajectoryReferenceSchema } from '../measure/trajectory.js';
import { CoordinationReferenceSchema } from '../measure/coordination.js';
import { EstimateSchema, ScoreCountsSchema } from '../measure/estimate.js';

export const BASELINE_SCHEMA = 'grounding.baseline/v1';

const RateSchema = z.object({
  count: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  per1kWords: z.number().nonnegative().nullable(),
  /** The estimated rate (corrected for the tagger's measured error), or null: none of the turns was scored by the learned tagger, or the file predates estimates. */
  estimate: EstimateSchema.nullable().default(null),
  /** The score counts behind a domain's `estimate` (empty for pooled, the mean of the domains' estimates). */
  scores: ScoreCountsSchema.default({}),
});
export type BaselineRate = z.infer<typeof RateSchema>;

/** No figure (n 0, no gap is taken): what a file built before reassurance was tagged reads for it, and what a domain lacking one pools as. */
export const NO_FIGURE = { count: 0, n: 0, rate: null, ci: null, per1kWords: null, estimate: null, scores: {} } as const;
const ActRatesSchema = z.object({
  ...(Object.fromEntries(GROUNDING_ACT_IDS.map((a) => [a, RateSchema])) as Record<(typeof GROUNDING_ACT_IDS)[number], typeof RateSchema>),
  reassurance: RateSchema.default(NO_FIGURE),
});

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
  /**
   * Coordination per direction: the helper's toward the seeker (`assistant`) and the seeker's
   * toward the helper (`user`); null where that side is not human. Absent in files built before it.
   */
  coordination: z.object({ assistant: CoordinationReferenceSchema.nullable(), user: CoordinationReferenceSchema.nullable() }).optional(),
  /** The helper's curiosity, comfort and curiosity share (measure/curiosity.ts). Absent in files built before them. */
  beyond: BeyondReferenceSchema.optional(),
  /** The seekers' trajectory (measure/trajectory.ts); null where the seeker side is not human. Absent in files built before it. */
  trajectory: TrajectoryReferenceSchema.nullable().optional(),
});
export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;

export const BaselineSchema = z.object({
  schema: z.literal(BASELINE_SCHEMA),
  /** The grounding version and a hash of the figures (older files: of the lexicons), so a summary can say which baseline it was compared with. */
  version: z.string(),
  /** The command that produced this file, as run from the project folder. */
  command: z.string(),
  /** The tagger the rates were measured with; a baseline is only comparable with the same tagger. */
  tagger: z.object({
    version: z.string(),
    lexiconHash: z.string(),
    /** The learned model whose calibrations give the estimates; null when none were made. */
    model: z.string().nullable().default(null),
  }),
  role: z.literal('assistant'),
  note: z.string(),
  domains: z.record(z.string(), BaselineEntrySchema),
  pooled: BaselineEntrySchema,
});
export type Baseline = z.infer<typeof BaselineSchema>;
