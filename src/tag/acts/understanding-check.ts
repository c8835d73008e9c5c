import { defineAct, type Rule } from '../act.js';
import { contentWords, isClosing, isDeclarativeQuestion, isProse, overlapWithPrev } from '../context.js';
import { words } from '../../segment/normalize.js';

/*
 * The three rules below read a question's form and its overlap with the turn before. In typed chat
 * they tag on their own only in the assistant's turns: a user's terse question in the answer's own
 * words ("node?", "Key deliverables in each stage?") asks for more far more often than it checks a
 * reading. Of the user tags these rules gave on the real chat samples, read blind, none of 10 was an
 * understanding check (corpora/audits/real-chat.json). In a user's turn the model decides, with
 * the rule among its features; in transcripts the model decides for every speaker anyway.
 */

const SECOND_PERSON = / (you|your|you're|you've|you'd|you'll|yours) /;

/**
 * A statement asked as a question that reuses the other's words: a restatement put up for confirmation.
 * For:      prev "The nightly job fails only on Mondays."  →  "The job fails only on Mondays?"
 * Not for:  prev "The nightly job fails only on Mondays."  →  "It crashes at startup?" (new content)
 */
const restatement: Rule = {
  id: 'restatement-question',
  note: 'a declarative question that restates the turn before asks the other to confirm a reading',
  example: { text: 'So the job fails only on Mondays?', prev: 'The nightly job fails only on Mondays.' },
  counterexample: { text: 'It crashes at startup?', prev: 'The nightly job fails only on Mondays.' },
  tagsOnItsOwnFor: 'assistant',
  test(ctx) {
    const s = ctx.sentence;
    const n = words(s.norm).length;
    if (!ctx.prev || n < 4 || n > 30 || !isClosing(ctx) || !isDeclarativeQuestion(s) || !isProse(s)) return null;
    const overlap = overlapWithPrev(ctx);
    if (overlap < 0.5) return null;
    return `a declarative question reusing ${Math.round(overlap * 100)}% of its content words from the turn before`;
  },
};

/**
 * A short echo of the other's words, asked back to check it was heard right (MRDA labels most of these bu).
 * For:      prev "We stored all of them in wordpad."  →  "Wordpad?"
 * Not for:  prev "We stored all of them in wordpad."  →  "Notepad?" (new information, not an echo)
 */
const echo: Rule = {
  id: 'echo',
  note: 'a short question that only repeats words of the turn before checks that they were heard right',
  example: { text: 'Wordpad?', prev: 'We stored all of them in wordpad.' },
  counterexample: { text: 'Notepad?', prev: 'We stored all of them in wordpad.' },
  tagsOnItsOwnFor: 'assistant',
  test(ctx) {
    const s = ctx.sentence;
    if (!ctx.prev || !isClosing(ctx) || !isDeclarativeQuestion(s) || words(s.norm).length > 3 || !isProse(s)) return null;
    if (contentWords(s.norm).length === 0 || overlapWithPrev(ctx) < 1) return null;
    return 'a short question that only echoes words of the turn before';
  },
};

/**
 * A statement about the other, asked as a question: the speaker checks their picture of the other's situation.
 * For:      prev "I tried the old config."  →  "You're still on version 2?"
 * Not for:  prev "I tried the old config."  →  "Can you send it?" (a real question, not a declarative one)
 */
const aboutYou: Rule = {
  id: 'you-declarative',
  note: 'a declarative question about the other checks the speaker’s picture of their situation',
  example: { text: "You're still on version 2?", prev: 'I tried the old config.' },
  counterexample: { text: 'Can you send it?', prev: 'I tried the old config.' },
  tagsOnItsOwnFor: 'assistant',
  test(ctx) {
    const s = ctx.sentence;
    const n = words(s.norm).length;
    // Two-word echoes ("you were?") are backchannels in question form, not checks.
    if (!ctx.prev || n < 3 || n > 15 || !isClosing(ctx) || !isDeclarativeQuestion(s) || !SECOND_PERSON.test(s.norm)) return null;
    return 'a declarative question about the other';
  },
};

export default defineAct({ id: 'understanding-check', yieldsTo: ['clarification'], rules: [restatement, echo, aboutYou] });
