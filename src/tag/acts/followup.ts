import { defineAct, type Rule } from '../act.js';
import { AUXILIARIES, WH_WORDS, headWord, isClosing, isProse, overlapWithPrev, readsAsQuestion } from '../context.js';

// The question must be put to the other, or point back at what they said.
const ADDRESSED = / (you|your|you're|you've|you'd|yours|that|this|it|they|he|she|them|those|these) /;

/**
 * A question that picks up what the other just said, to hear more of it.
 * For:      prev "My sister stopped talking to me after the wedding."  →  "Why did she stop after the wedding?"
 * Not for:  prev "My sister stopped talking to me after the wedding."  →  "What is the capital of France?"
 */
const picksUp: Rule = {
  id: 'picks-up',
  note: 'a question built on the words of the turn before asks for more of what was said',
  example: { text: 'Why did she stop after the wedding?', prev: 'My sister stopped talking to me after the wedding.' },
  counterexample: { text: 'What is the capital of France?', prev: 'My sister stopped talking to me after the wedding.' },
  test(ctx) {
    const first = headWord(ctx.sentence);
    if (!ctx.prev || !isClosing(ctx) || !(WH_WORDS.has(first) || AUXILIARIES.has(first)) || !ADDRESSED.test(ctx.sentence.norm) || !isProse(ctx.sentence)) return null;
    const overlap = overlapWithPrev(ctx);
    if (overlap < 0.3 || !readsAsQuestion(ctx.sentence)) return null;
    return `a question reusing ${Math.round(overlap * 100)}% of its content words from the turn before`;
  },
};

export default defineAct({ id: 'followup', yieldsTo: ['clarification', 'understanding-check'], rules: [picksUp] });
