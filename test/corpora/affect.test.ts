/**
 * affect's check before reading a turn (src/tag/affect-words.ts) skips no turn wink-nlp's sentiment
 * scores, on every turn of the shared real corpora. Corpus-wide, so it runs with
 * `npm run test:corpora`, not `npm test` (test/tag/affect-words.test.ts has the rest).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FreshWink } from '../../src/segment/sentences.js';
import { ownProse } from '../../src/tag/affect.js';
import { mayHoldSentiment } from '../../src/tag/affect-words.js';
import { read } from '../helpers/candidates.js';
import { CORPORA } from '../helpers/cli.js';

const INPUTS = ['llm/wildchat-sample', 'llm/sharegpt-sample', 'human/esconv', 'human/persuasionforgood', 'human/mathdial', 'human/multiwoz'].map((p) => `${CORPORA}${p}`);
const NO_CORPORA = !INPUTS.every(existsSync);
if (NO_CORPORA) console.warn(`skipped: affect's check on real corpora needs ../shared/corpora (never committed), not found at ${CORPORA}`);

const reader = new FreshWink(['sbd', 'negation', 'sentiment']);

describe.skipIf(NO_CORPORA)("affect's check on the shared corpora", () => {
  it('lets through every turn wink-nlp scores, and skips a good share of the rest', async () => {
    let turns = 0;
    let skipped = 0;
    for (const input of INPUTS) {
      for (const conversation of await read([input])) {
        for (const turn of conversation.turns) {
          turns += 1;
          const prose = ownProse(turn.text);
          if (mayHoldSentiment(prose)) continue;
          skipped += 1;
          const scores = reader.read(prose, (doc, its) => doc.sentences().out(its.sentiment) as unknown as number[]);
          expect(scores.every((s) => s === 0), prose).toBe(true);
        }
      }
    }
    expect(turns).toBeGreaterThan(100_000);
    expect(skipped / turns).toBeGreaterThan(0.1);
  }, 300_000);
});
