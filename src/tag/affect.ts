/**
 * A turn's affect, from −1 (negative) to +1 (positive), for the user's trajectory
 * (measure/trajectory.ts). wink-nlp's sentiment reads each sentence of the speaker's own prose (code,
 * quotes and tables are masked, segment/markdown.ts): an AFINN-style word list with negation ("not
 * happy" −0.75, "not bad" +0.6), emoji and emoticons (":(" −0.4, "😊" +0.6). Measured here, it
 * misses three things this adjusts, sentence by sentence:
 *   - intensifiers ("very sad" scored as "sad"): ×INTENSIFY, and downtoners ("a bit"): ×DOWNTONE;
 *   - sarcasm markers ("/s", "#sarcasm", "yeah right"): praise they mark counts against;
 *   - social formulas ("Thanks!", "OK.", "Hi"): wink scores "ok" +0.75 and "thank you" +0.4, which
 *     would make every closing turn read happier; a sentence that is only a formula counts 0;
 *   - relief ("I feel a little less anxious than I did." −0.26, "It's not as bad as I thought."
 *     −0.6, "I'm not so stressed anymore" −0.52, "I feel calmer" 0): a distress named as lessened
 *     reads as the distress. ESConv's seekers say it as the conversation ends (41 of its 19,989
 *     seeker turns), which is what the trajectory is for; such a sentence counts as "I feel
 *     better" (RELIEF_SCORE), before intensifiers and downtoners.
 * Text sentiment is not wellbeing: the README says what this can and cannot tell.
 */
import { toBlocks } from '../segment/markdown.js';
import { FreshWink } from '../segment/sentences.js';
import { mayHoldSentiment } from './affect-words.js';

/**
 * Only the opening of a turn's own prose is read, about two sentences (AFFECT_CHARS of prose within
 * the turn's first SCAN_CHARS): people say how they feel up front, and a pasted page after it is
 * not their feeling. It also keeps the cost within the 15% the measures may add to analyze.
 */
export const AFFECT_CHARS = 300;
const SCAN_CHARS = 4 * AFFECT_CHARS;
export const INTENSIFY = 1.3;
export const DOWNTONE = 0.6;

const INTENSIFIER = /\b(?:very|so|really|extremely|incredibly|totally|completely|absolutely|super|terribly|deeply|truly|utterly|awfully|way too|too)\b/i;
const DOWNTONER = /\b(?:a bit|a little|slightly|somewhat|kind of|kinda|sort of|a tad|mildly|fairly)\b/i;
const SARCASM = /(?:^|\s)\/s\b|#sarcasm\b|\byeah,? right\b|\bsure,? jan\b/i;
// A sentence that is nothing but thanks, a greeting, a farewell or a receipt.
const FORMULA =
  /^\s*(?:(?:ok|okay|k|alright|all right|sure|yes|yeah|yep|no|nope|hi|hello|hey|thanks|thank you|thx|ty|thank you so much|thanks so much|thanks a lot|many thanks|bye|goodbye|good night|see you|cheers|great|cool|nice|got it|i see|you too|same to you|have a (?:nice|good|great) (?:day|night|evening|one))(?:\s+(?:again|very much|so much|a lot|for (?:your|the) help|for helping(?: me)?|you))*[\s.!,~:)]*)+$/i;

// Distress named as lessened: "less anxious", "no longer scared", "not as bad", "not so stressed", "calmer".
const DISTRESS =
  'anxious|anxiety|stressed|stressful|worried|scared|afraid|nervous|sad|depressed|lonely|alone|upset|angry|mad|frustrated|overwhelmed|hopeless|helpless|bad|down|tense|panicked|guilty|ashamed|hurt|confused|lost|insecure|isolated|miserable';
const RELIEF = new RegExp(`(?:\\b(?:less|no longer)\\s+(?:${DISTRESS})|(?:\\bnot|n['\u2019]t)\\s+(?:as|so|that)\\s+(?:${DISTRESS})|\\bcalmer)\\b`, 'i');
// RELIEF less its word boundaries: wherever a sentence voices relief, this matches the turn's prose.
const RELIEF_ANYWHERE = new RegExp(RELIEF.source.replaceAll('\\b', ''), 'i');
// "That doesn't make it less stressful": a negation before "less" undoes the relief.
const NEGATED_LESS = /(?:\bnot|\bnever|n['\u2019]t)\b[^.!?]*\b(?:less|no longer)\b/i;
/** What a sentence of relief scores before intensifiers and downtoners: wink-nlp's "I feel better." */
export const RELIEF_SCORE = 0.5;

/** Whether a sentence says a distress lessened, rather than asking how to lessen it. */
function voicesRelief(text: string): boolean {
  return RELIEF.test(text) && !text.trimEnd().endsWith('?') && !NEGATED_LESS.test(text);
}

let wink: FreshWink | null = null;

/** The turn's own prose, as wink-nlp reads it: its blocks' masked text, one line each, at most AFFECT_CHARS from its first SCAN_CHARS. */
export function ownProse(text: string): string {
  let out = '';
  for (const block of toBlocks(text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text)) {
    const line = block.masked.trim();
    if (line === '') continue;
    out += out === '' ? line : `\n${line}`;
    if (out.length >= AFFECT_CHARS) return out.slice(0, AFFECT_CHARS);
  }
  return out;
}

/** One sentence's score after the adjustments above, from wink-nlp's. */
export function adjustSentence(text: string, score: number): number {
  if (FORMULA.test(text)) return 0;
  let s = score < RELIEF_SCORE && voicesRelief(text) ? RELIEF_SCORE : score;
  if (s !== 0 && INTENSIFIER.test(text)) s *= INTENSIFY;
  if (s !== 0 && DOWNTONER.test(text)) s *= DOWNTONE;
  if (s > 0 && SARCASM.test(text)) s = -s;
  return Math.max(-1, Math.min(1, s));
}

/** The mean adjusted sentiment of a turn's sentences: 0 for a turn with no prose of its own. */
export function affectOf(text: string): number {
  const prose = ownProse(text);
  // No word wink-nlp scores and no relief: every sentence counts 0, so the mean is 0 without reading it.
  if (prose === '' || (!mayHoldSentiment(prose) && !RELIEF_ANYWHERE.test(prose))) return 0;
  wink ??= new FreshWink(['sbd', 'negation', 'sentiment']);
  return wink.read(prose, (doc, its) => {
    const sentences = doc.sentences();
    const texts = sentences.out() as string[];
    const scores = sentences.out(its.sentiment) as unknown as number[];
    if (texts.length === 0) return 0;
    let sum = 0;
    for (let i = 0; i < texts.length; i += 1) sum += adjustSentence(texts[i]!, scores[i] ?? 0);
    return sum / texts.length;
  });
}
