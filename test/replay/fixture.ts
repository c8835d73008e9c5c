/** The replay fixture: human conversations written for these tests, and the model replies the stub gives. */
import { fileURLToPath } from 'node:url';
import type { ActId } from '../../src/model.js';

export const SUPPORT = fileURLToPath(new URL('../fixtures/replay/support.txt', import.meta.url));

/**
 * The model's reply to each last user message of the fixture, and the acts the tagger finds in it
 * and in the human's reply at the same position:
 *   A1 followup / followup · A3 none / acknowledgement · A5 clarification / none
 *   B2 none / clarification · B4 acknowledgement / none · C1 an empty reply: not compared
 */
export const MODEL_REPLIES: Record<string, string> = {
  'My laptop will not start since yesterday.': 'What have you tried so far?',
  'Two days now, and I have a report due.': 'Here is a plan for your report.',
  'What should I do?': 'Do you mean the laptop or the charger?',
  'I need the annual report.': 'Here is the 2021 annual report.',
  'The 2021 one.': 'Got it. Here it is.',
  'Can you help me with my printer?': '',
};

/** The 2×2 tables of the five compared positions, [both, model only, human only, neither], worked out by hand above. */
export const EXPECTED_TABLES: Record<ActId | 'any', [number, number, number, number]> = {
  clarification: [0, 1, 1, 3],
  'understanding-check': [0, 0, 0, 5],
  acknowledgement: [0, 1, 1, 3],
  followup: [1, 0, 0, 4],
  repair: [0, 0, 0, 5],
  reassurance: [0, 0, 0, 5],
  any: [1, 2, 2, 0],
};

