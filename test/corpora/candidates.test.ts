/**
 * The candidate filter changes no tag on the shared real corpora (see test/tag/candidates.test.ts
 * for the rest). Corpus-wide, so it runs with `npm run test:corpora`, not `npm test`.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPORA } from '../helpers/cli.js';
import { expectSameTags, read } from '../helpers/candidates.js';

const WILDCHAT = `${CORPORA}llm/wildchat-sample`;
const SHAREGPT = `${CORPORA}llm/sharegpt-sample`;
const HUMAN = `${CORPORA}human`;
const NO_CORPORA = ![WILDCHAT, SHAREGPT, HUMAN].every(existsSync);
if (NO_CORPORA) console.warn(`skipped: the candidate filter on real corpora needs ../shared/corpora (never committed), not found at ${CORPORA}`);

describe.skipIf(NO_CORPORA)('the candidate filter on the shared corpora', () => {
  it('changes no tag on the WildChat sample', async () => {
    expect(expectSameTags(await read([WILDCHAT]))).toBeGreaterThan(500);
  }, 120_000);

  it('changes no tag on the first 500 ShareGPT conversations', async () => {
    expect(expectSameTags(await read([SHAREGPT], 500))).toBe(500);
  }, 120_000);

  it('changes no tag on the human corpora (ESConv, Persuasion for Good, MathDial), 300 conversations of each', async () => {
    let n = 0;
    for (const corpus of ['esconv', 'persuasionforgood', 'mathdial']) n += expectSameTags(await read([`${HUMAN}/${corpus}`], 300));
    expect(n).toBe(900);
  }, 120_000);
});
