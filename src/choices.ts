/**
 * The choices a run is made with, named once: the stages act on them and the command line offers
 * them. They stand apart from the stages so that a command's options (and its `--help`) load no
 * stage: `grounding analyze --help` reads this file, not the tagger, the measures or the adapters.
 */

/** Which tagger decides: the learned model, with the lexicons and rules among its features (the default), or the lexicons and rules alone. */
export const TAGGERS = ['learned', 'rules'] as const;
export type TaggerKind = (typeof TAGGERS)[number];

/** How a summary groups turns (always split by role as well). */
export const GROUP_BY = ['model', 'role', 'source', 'conversation'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/**
 * Which rate the gap to human, its test and the gate's thresholds read: the share of turns the
 * tagger tagged, or the estimated rate (corrected for the tagger's measured error, on both sides).
 */
export const RATES = ['tagged', 'estimated'] as const;
export type RateBasis = (typeof RATES)[number];

/** `--format auto`: detect each file's format by its shape. */
export const AUTO = 'auto';

/** The input formats' ids, in the order of the adapters' registry (ingest/registry.ts; a test checks the two agree). */
export const FORMAT_IDS = ['chatgpt', 'claude', 'openai', 'sharegpt', 'wildchat', 'lmsys', 'convokit', 'transcript', 'esconv', 'persuasionforgood', 'mathdial', 'multiwoz'] as const;
