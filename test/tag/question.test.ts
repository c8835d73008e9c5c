/** compromise's question test worked out with its clauses cut last (src/tag/question.ts) answers as compromise's own `questions()`. */
import { describe, expect, it } from 'vitest';
import { COMPROMISE_VERSION, compromiseAsks, compromiseQuestionsFound } from '../../src/tag/question.js';
import { createRequire } from 'node:module';

// Openings that reach each of compromise's tests, and bodies and endings that change which one decides.
const OPENINGS = ['what', 'how long', 'which file', 'where', 'who', 'do you', 'does it', 'did they', 'is the server', 'was it', 'can I', 'could we', 'will this', 'would you', 'may I', 'have you', 'must you', 'I wonder', 'the code', 'please tell me', 'when I run it', 'so', 'is wayne gretzky', 'does the cat', ''];
const BODIES = ['', ' alive', ' still running', ' really happy', ' want to go', ', I think', ' and then, later', ' work or not', ' the cat sleep', ' need help with this', ' a problem', ' go home'];
const ENDINGS = ['', '..', '...', '?', '!', '. what next', '? ok then', ' - is it fine', ' (is it open)', ' "is he ready"', ': does it matter'];

function* texts(): Generator<string> {
  for (const o of OPENINGS) for (const b of BODIES) for (const e of ENDINGS) yield `${o}${b}${e}`.trim();
}

describe('compromiseAsks', () => {
  it(`follows compromise ${COMPROMISE_VERSION}, the version installed`, () => {
    const nlp = createRequire(import.meta.url)('compromise') as { version: string };
    expect(nlp.version).toBe(COMPROMISE_VERSION);
  });

  it('answers as compromise’s questions() on generated texts, both answers among them', () => {
    let asks = 0;
    let total = 0;
    for (const text of texts()) {
      const answer = compromiseQuestionsFound(text);
      expect(compromiseAsks(text), text).toBe(answer);
      if (answer) asks += 1;
      total += 1;
    }
    // Both answers, and the clause test's own: "is wayne gretzky alive" asks by its clause alone.
    expect(asks).toBeGreaterThan(total / 4);
    expect(total - asks).toBeGreaterThan(total / 4);
    expect(compromiseAsks('is wayne gretzky alive')).toBe(true);
  }, 120_000);
});
