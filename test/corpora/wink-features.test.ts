/**
 * wink-nlp reads every turn of the shared real corpora alike whether it extracts every feature of
 * a new word or only those its pipes read (FreshWink, src/segment/sentences.ts): the sentences of
 * every block the tagger could split, and the negation and sentiment of every turn's prose that
 * affect reads. Corpus-wide, so it runs with `npm run test:corpora`, not `npm test`
 * (test/segment/sentences.test.ts has the rest).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../src/segment/markdown.js';
import { FreshWink } from '../../src/segment/sentences.js';
import { ownProse } from '../../src/tag/affect.js';
import { read } from '../helpers/candidates.js';
import { CORPORA } from '../helpers/cli.js';

const INPUTS = ['llm/wildchat-sample', 'llm/sharegpt-sample', 'human/esconv', 'human/persuasionforgood', 'human/mathdial', 'human/multiwoz'].map((p) => `${CORPORA}${p}`);
const NO_CORPORA = !INPUTS.every(existsSync);
if (NO_CORPORA) console.warn(`skipped: wink-nlp's features on real corpora need ../shared/corpora (never committed), not found at ${CORPORA}`);

describe.skipIf(NO_CORPORA)("wink-nlp's features on the shared corpora", () => {
  it('splits every block and reads every turn’s prose as with every feature extracted', async () => {
    const splitters = [new FreshWink(['sbd']), new FreshWink(['sbd'], { allFeatures: true })] as const;
    const readers = [new FreshWink(['sbd', 'negation', 'sentiment']), new FreshWink(['sbd', 'negation', 'sentiment'], { allFeatures: true })] as const;
    const split = (reader: FreshWink, text: string) => reader.read(text, (doc, its) => JSON.stringify(doc.sentences().out(its.span)));
    const mood = (reader: FreshWink, text: string) => reader.read(text, (doc, its) => JSON.stringify([doc.sentences().out(its.span), doc.sentences().out(its.negationFlag), doc.sentences().out(its.sentiment)]));
    let blocks = 0;
    let proses = 0;
    for (const input of INPUTS) {
      for (const conversation of await read([input])) {
        for (const turn of conversation.turns) {
          for (const block of toBlocks(turn.text)) {
            // A block without an end mark is one sentence, never split (segment/turn.ts).
            if (!/[.!?]/.test(block.masked)) continue;
            blocks += 1;
            expect(split(splitters[0], block.masked), block.masked).toBe(split(splitters[1], block.masked));
          }
          const prose = ownProse(turn.text);
          if (prose === '') continue;
          proses += 1;
          expect(mood(readers[0], prose), prose).toBe(mood(readers[1], prose));
        }
      }
    }
    expect(blocks).toBeGreaterThan(100_000);
    expect(proses).toBeGreaterThan(100_000);
  }, 1_800_000);
});
