import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineAct, type GateContext } from '../act.js';

/** Only this much of a user's turn is read for a feeling: people say how they feel up front, and a pasted page is not theirs. */
const FEELING_CHARS = 2000;

/** The feelings and hardships that open the model's gate, as data. */
export function feelingsFile(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'lexicons', 'en', 'feelings.txt');
}

/** One phrase of the list as a regex source: words apart by any space, either apostrophe, a trailing `*` for any ending. */
function phraseSource(phrase: string): string {
  const open = phrase.endsWith('*');
  const body = (open ? phrase.slice(0, -1) : phrase)
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019]"))
    .join('\\s+');
  return open ? `${body}\\p{L}*` : body;
}

/**
 * The word list (one phrase a line, `#` comments, a trailing `*` for any ending, a leading `!` for
 * a phrase that voices no feeling though it holds a listed word: "!feel free") as one
 * case-insensitive whole-word regex (`g` added to `flags` finds every match).
 */
export function compileFeelings(text: string, flags = 'iu'): RegExp {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const phrases = lines.filter((line) => !line.startsWith('!')).map(phraseSource);
  const exceptions = lines.filter((line) => line.startsWith('!')).map((line) => phraseSource(line.slice(1).trim()));
  if (phrases.length === 0) throw new Error('the feelings list is empty');
  const wordEnd = "(?![\\p{L}\\p{N}'\u2019])";
  const except = exceptions.length > 0 ? `(?!(?:${exceptions.join('|')})${wordEnd})` : '';
  return new RegExp(`(?<![\\p{L}\\p{N}'\u2019])${except}(?:${phrases.join('|')})${wordEnd}`, flags);
}

let feelings: RegExp | null = null;

// Whose feeling it is: the person's own ("I'm so stressed", "my mum died", "we lost the house").
const FIRST_PERSON = /(?<![\p{L}\p{N}'\u2019])(?:i|i['\u2019](?:m|ve|d|ll)|im|ive|me|my|mine|myself|we|we['\u2019](?:re|ve|d|ll)|us|our|ours|ourselves)(?![\p{L}\p{N}'\u2019])/iu;
/** A sentence this short ("Not so good, to be honest.", "Very lonely.") answers how the person is, with no one else to be about. */
const FRAGMENT_WORDS = 6;
const SENTENCE_END = /[.!?\n]/;

/** The sentence around text[start, end): from after the last end mark before it to the next one. */
function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to]!)) to++;
  return text.slice(from, to);
}

/**
 * Whether a turn voices the person's own feeling or hardship (lexicons/en/feelings.txt) in its
 * first FEELING_CHARS: a listed word in a sentence that speaks in the first person, or in one of
 * FRAGMENT_WORDS words or fewer. A feeling in a story, a prompt or someone else's life ("she felt
 * nauseous", "feel free to be harsh", "customers' fears") is not one comfort could answer.
 */
export function voicesFeeling(text: string): boolean {
  feelings ??= compileFeelings(readFileSync(feelingsFile(), 'utf8'), 'giu');
  const head = text.length > FEELING_CHARS ? text.slice(0, FEELING_CHARS) : text;
  feelings.lastIndex = 0;
  for (let m = feelings.exec(head); m; m = feelings.exec(head)) {
    const sentence = sentenceAround(head, m.index, m.index + m[0].length);
    if (FIRST_PERSON.test(sentence) || sentence.trim().split(/\s+/).length <= FRAGMENT_WORDS) return true;
  }
  return false;
}

// Addressed to the other: comfort speaks to someone.
const ADDRESSED = /(?<![\p{L}\p{N}])(?:you|your|yours|yourself|yourselves)(?![\p{L}\p{N}])/iu;

/**
 * Reassurance: its cues tag it anywhere ("Don't worry", "You're not alone", "It's normal to feel
 * that way", "You've got this"; see its lexicon). The learned model, fit on ESConv's supporters,
 * tags what the cues miss ("if she cares, she will come back") only where comfort can answer
 * something: in a helper's turn, after the user voiced a feeling or a hardship of their own, in a
 * unit addressed to them. Without that gate it took assistants' plain answers for comfort. Not a
 * grounding act.
 */
export default defineAct({
  id: 'reassurance',
  modelGate: {
    note: 'the model tags it only in a helper turn, after the user voiced a feeling or a hardship of their own, in a unit that addresses them',
    open: (at: GateContext) => at.role === 'assistant' && at.userFelt && ADDRESSED.test(at.unitText),
  },
});
