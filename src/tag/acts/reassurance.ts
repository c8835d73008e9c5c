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

/** The word list (one phrase a line, `#` comments, a trailing `*` for any ending) as one case-insensitive whole-word regex. */
export function compileFeelings(text: string): RegExp {
  const phrases = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((phrase) => {
      const open = phrase.endsWith('*');
      const body = (open ? phrase.slice(0, -1) : phrase)
        .split(/\s+/)
        .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019]"))
        .join('\\s+');
      return open ? `${body}\\p{L}*` : body;
    });
  if (phrases.length === 0) throw new Error('the feelings list is empty');
  return new RegExp(`(?<![\\p{L}\\p{N}'\u2019])(?:${phrases.join('|')})(?![\\p{L}\\p{N}'\u2019])`, 'iu');
}

let feelings: RegExp | null = null;

/** Whether a turn voices a feeling or a hardship (lexicons/en/feelings.txt) in its first FEELING_CHARS. */
export function voicesFeeling(text: string): boolean {
  feelings ??= compileFeelings(readFileSync(feelingsFile(), 'utf8'));
  return feelings.test(text.length > FEELING_CHARS ? text.slice(0, FEELING_CHARS) : text);
}

// Addressed to the other: comfort speaks to someone.
const ADDRESSED = /(?<![\p{L}\p{N}])(?:you|your|yours|yourself|yourselves)(?![\p{L}\p{N}])/iu;

/**
 * Reassurance: its cues tag it anywhere ("Don't worry", "You're not alone", "It's normal to feel
 * that way", "You've got this"; see its lexicon). The learned model, fit on ESConv's supporters,
 * tags what the cues miss ("if she cares, she will come back") only where comfort can answer
 * something: in a helper's turn, after the user voiced a feeling or a hardship, in a unit addressed
 * to them. Without that gate it took assistants' plain answers for comfort. Not a grounding act.
 */
export default defineAct({
  id: 'reassurance',
  modelGate: {
    note: 'the model tags it only in a helper turn, after the user voiced a feeling or a hardship, in a unit that addresses them',
    open: (at: GateContext) => at.role === 'assistant' && at.userFelt && ADDRESSED.test(at.unitText),
  },
});
