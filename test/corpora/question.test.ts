/**
 * compromise's question test with its clauses cut last (src/tag/question.ts) answers as
 * compromise's own `questions()` on every line of the shared real corpora that could reach it:
 * lines of at most 40 words without final punctuation, as readsAsQuestion asks it. Corpus-wide,
 * so it runs with `npm run test:corpora`, not `npm test` (test/tag/question.test.ts has the rest).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../src/segment/markdown.js';
import { words, normalize } from '../../src/segment/normalize.js';
import { compromiseAsks, compromiseQuestionsFound } from '../../src/tag/question.js';
import { read } from '../helpers/candidates.js';
import { CORPORA } from '../helpers/cli.js';

const INPUTS = ['llm/wildchat-sample', 'llm/sharegpt-sample', 'human/esconv', 'human/persuasionforgood', 'human/mathdial', 'human/multiwoz'].map((p) => `${CORPORA}${p}`);
const NO_CORPORA = !INPUTS.every(existsSync);
if (NO_CORPORA) console.warn(`skipped: compromise's question test on real corpora needs ../shared/corpora (never committed), not found at ${CORPORA}`);

// As context.ts: final punctuation that says a sentence does not ask, and the longest line read.
const FINAL_PUNCTUATION = /[.!:;,)\]"'\u201D?]\s*$/;
const MAX_WORDS = 40;

describe.skipIf(NO_CORPORA)("compromise's question test on the shared corpora", () => {
  it('answers as questions() on every unpunctuated line of up to 40 words', async () => {
    const seen = new Set<string>();
    let asks = 0;
    for (const input of INPUTS) {
      for (const conversation of await read([input])) {
        for (const turn of conversation.turns) {
          for (const block of toBlocks(turn.text)) {
            const line = block.masked.trim();
            if (line === '' || FINAL_PUNCTUATION.test(line) || seen.has(line) || words(normalize(line)).length > MAX_WORDS) continue;
            seen.add(line);
            const answer = compromiseQuestionsFound(line);
            expect(compromiseAsks(line), line).toBe(answer);
            if (answer) asks += 1;
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(10_000);
    expect(asks).toBeGreaterThan(1_000);
  }, 1_800_000);
});
