/**
 * The human-to-human corpora (ESConv, Persuasion for Good, MathDial) are read with model `human`,
 * so the human helpers show as one model in every table; the corpus name is in conversation.meta.
 */
export const HUMAN_MODEL = 'human';
