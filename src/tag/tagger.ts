/** The tag stage: every sentence of a turn, read against the turn before it, by every act. */
import type { ActId, Conversation, Finding, Role, TaggedTurn } from '../model.js';
import { segment, type Sentence } from '../segment/sentences.js';
import type { Decision } from './act.js';
import { opensFiction, requestsContent, type TurnView } from './context.js';
import { ACTS } from './registry.js';

export interface SentenceTrace {
  sentence: Sentence;
  decisions: Array<Decision & { yieldedTo?: ActId }>;
}

export interface TaggedView {
  findings: Finding[];
  /** Every step of every act, when tagged with `trace`. */
  traces?: SentenceTrace[];
}

export function viewOf(role: Role, text: string): TurnView {
  return { role, ...segment(text) };
}

// A reply this long to a request for a story, quiz or script is the artefact itself.
const ARTEFACT_WORDS = 80;

// A drafted letter runs from its salutation line ("Dear Ms. Cheng,") to its sign-off ("Best regards,").
const SALUTATION = /^(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))\b[^!?\n]{0,60},$/i;
const SIGN_OFF = /^(?:(?:best|kind|warm|warmest)(?: regards| wishes)?|regards|sincerely|yours(?: sincerely| truly)?|cheers|thanks|thank you|many thanks|respectfully)\b[^.!?\n]{0,20}[,!]?$/i;

/**
 * The sentences that speak for the speaker. In an artefact written on request, only its framing
 * (the first and last lines: "Sure! Here is the story:", "Want another?") is the speaker's own;
 * in a drafted letter, only what stands outside it.
 */
function ownSentences(view: TurnView, prev: TurnView | null): Sentence[] {
  let sentences = view.sentences;
  // A salutation stands on a line of its own: "Hi, how are you?" opens no letter.
  const open = sentences.findIndex((s, i) => SALUTATION.test(s.text.trim()) && sentences[i + 1]?.blockIndex !== s.blockIndex);
  if (open >= 0) {
    const close = sentences.findIndex((s, i) => i > open && SIGN_OFF.test(s.text.trim()));
    sentences = sentences.filter((_, i) => i < open || (close >= 0 && i > close));
  }
  if (view.words < ARTEFACT_WORDS || !requestsContent(prev)) return sentences;
  const first = view.sentences[0]?.blockIndex;
  const last = view.sentences[view.sentences.length - 1]?.blockIndex;
  return sentences.filter((s) => s.blockIndex === first || s.blockIndex === last);
}

/** Decide every act for every sentence of `view`, given the turn before it. */
export function tagView(view: TurnView, prev: TurnView | null, turnId: string, trace = false): TaggedView {
  const findings: Finding[] = [];
  const traces: SentenceTrace[] = [];
  for (const sentence of ownSentences(view, prev)) {
    const ctx = { sentence, turn: view, prev };
    const found = new Set<ActId>();
    const decisions: SentenceTrace['decisions'] = [];
    for (const act of ACTS) {
      const decision = act.detect(ctx, trace);
      const yieldedTo = decision.fired ? act.yieldsTo.find((other) => found.has(other)) : undefined;
      if (decision.fired && !yieldedTo) {
        found.add(act.id);
        findings.push({
          act: act.id,
          rule: decision.fired.rule,
          turnId,
          sentence: sentence.index,
          start: sentence.start,
          end: sentence.end,
          text: sentence.text,
          reason: decision.fired.reason,
        });
      }
      if (trace) decisions.push(yieldedTo ? { ...decision, yieldedTo } : decision);
    }
    if (trace) traces.push({ sentence, decisions });
  }
  return trace ? { findings, traces } : { findings };
}

/**
 * Tag one conversation, turn by turn; each turn is read against the one before it. In a
 * conversation that opens with a role-play setup the assistant speaks in character, so its turns
 * are counted but hold no acts of its own.
 */
export function tagConversation(conversation: Conversation): TaggedTurn[] {
  let prev: TurnView | null = null;
  let fiction = false;
  return conversation.turns.map((turn, i) => {
    const view = viewOf(turn.role, turn.text);
    if (i === 0) fiction = opensFiction(view);
    const findings = fiction && turn.role === 'assistant' ? [] : tagView(view, prev, turn.id).findings;
    prev = view;
    return { turn, findings, words: view.words };
  });
}
