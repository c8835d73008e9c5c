/** Build one conversation turn by turn, counting what is left out, so every adapter counts alike. */
import { basename } from 'node:path';
import type { Role, Turn } from '../model.js';
import { MAX_TURN_CHARS } from './limits.js';
import { STDIN } from './source.js';
import type { Converted } from './types.js';

export interface TurnInput {
  /** The input's own utterance id; else `${conversationId}:${index}`. */
  id?: string;
  role: Role;
  speaker: string;
  model?: string;
  replyTo?: string;
  text: string;
  meta?: Record<string, unknown>;
}

/** An id for a record with none of its own: the file's name and the record's line. */
export function recordId(file: string, line: number): string {
  return `${file === STDIN ? 'stdin' : basename(file)}:${line}`;
}

/** The skip reason of a turn longer than MAX_TURN_CHARS. */
export const TOO_LONG = 'too long';

export class ConversationBuilder {
  private readonly turns: Turn[] = [];
  private readonly skipped: Record<string, number> = {};

  /** `model` is given to turns that carry none of their own. */
  constructor(
    readonly id: string,
    private readonly model?: string,
  ) {}

  skip(reason: string): void {
    this.skipped[reason] = (Object.hasOwn(this.skipped, reason) ? this.skipped[reason]! : 0) + 1;
  }

  /** Keep a user or assistant turn; system and tool turns, blank text and text over MAX_TURN_CHARS are counted as skipped. */
  add(input: TurnInput): void {
    if (input.role === 'system' || input.role === 'tool') return this.skip(input.role);
    if (input.text.length > MAX_TURN_CHARS) return this.skip(TOO_LONG);
    if (!input.text.trim()) return this.skip('empty');
    const index = this.turns.length;
    // An empty model name names no model.
    const model = input.model || this.model || undefined;
    this.turns.push({
      id: input.id ?? `${this.id}:${index}`,
      conversationId: this.id,
      index,
      role: input.role,
      speaker: input.speaker,
      ...(model !== undefined && { model }),
      ...(input.replyTo !== undefined && { replyTo: input.replyTo }),
      text: input.text,
      meta: input.meta ?? {},
    });
  }

  /** The conversation, or a record skip when no turn was kept. */
  finish(source: string, format: string, meta: Record<string, unknown> = {}): Converted {
    if (this.turns.length === 0) return { skip: 'no turns' };
    return { conversation: { id: this.id, source, format, turns: this.turns, meta }, turnsSkipped: this.skipped };
  }
}
