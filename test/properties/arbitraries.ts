/**
 * fast-check generators for the property tests: conversations with known structure, written out in
 * several input formats, and the counts any correct run over them must report.
 */
import fc from 'fast-check';
import { UNKNOWN_MODEL } from '../../src/measure/tally.js';
import { ACTS } from '../../src/tag/registry.js';

export interface GenMessage {
  role: 'user' | 'assistant' | 'system';
  text: string;
}

export interface GenConversation {
  model: string | undefined;
  messages: GenMessage[];
}

/** Sentences that hold (or look like they hold) grounding acts: every lexicon entry's example and counterexample. */
export const CUES: readonly string[] = ACTS.flatMap((a) => a.entries.flatMap((e) => [e.example, ...(e.counterexample ? [e.counterexample] : [])]));

const WORDS = ['the', 'report', 'do', 'you', 'mean', 'so', 'I', 'see', 'what', 'have', 'tried', 'ok', 'no', 'right', 'edition', 'which', 'one'];

/** A plain sentence of words: safe in every format, transcripts included. */
export const plainText = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => `${w.join(' ')}${['.', '?', '!', ''][w.length % 4]}`);

/** Text a chat log may hold: cues, markdown, any Unicode, blanks. */
export const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CUES) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...CUES), plainText), { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t ', '```\ncode?\n```', '> Do you mean it?', '`inline?`', '- Which one?\n- I see.') },
);

const model = fc.oneof(fc.constantFrom('model-a', 'model-b', 'gpt-x'), fc.constant(undefined), fc.string({ maxLength: 12 }));

export function conversation(text: fc.Arbitrary<string> = anyText, roles: GenMessage['role'][] = ['user', 'assistant', 'system']): fc.Arbitrary<GenConversation> {
  const message = fc.record({ role: fc.constantFrom(...roles), text });
  return fc.record({ model, messages: fc.array(message, { maxLength: 8 }) });
}

/** What ingest must report for these conversations, whatever the format. */
export interface Expected {
  records: number;
  analyzed: number;
  noTurns: number;
  turnsSkipped: Record<string, number>;
  /** Per group key (`role:model`): counted turns and conversations. */
  groups: Map<string, { turns: number; conversations: number }>;
}

export function expected(conversations: readonly GenConversation[]): Expected {
  const out: Expected = { records: conversations.length, analyzed: 0, noTurns: 0, turnsSkipped: {}, groups: new Map() };
  for (const c of conversations) {
    const kept = c.messages.filter((m) => m.role !== 'system' && m.text.trim());
    if (kept.length === 0) {
      // A record skipped whole: its messages are not counted as skipped turns.
      out.noTurns += 1;
      continue;
    }
    for (const m of c.messages) {
      const reason = m.role === 'system' ? 'system' : m.text.trim() ? undefined : 'empty';
      if (reason) out.turnsSkipped[reason] = (out.turnsSkipped[reason] ?? 0) + 1;
    }
    out.analyzed += 1;
    const seen = new Set<string>();
    kept.forEach((m, i) => {
      const key = `${m.role}:${c.model || UNKNOWN_MODEL}`;
      const g = out.groups.get(key) ?? { turns: 0, conversations: 0 };
      if (!seen.has(key)) (g.conversations += 1), seen.add(key);
      if (i > 0) g.turns += 1;
      out.groups.set(key, g);
    });
  }
  return out;
}

export interface Writer {
  file: string;
  /** The conversations this format can express. */
  conversations: fc.Arbitrary<GenConversation[]>;
  write: (cs: readonly GenConversation[]) => string;
}

const anyConversations = fc.array(conversation(), { maxLength: 10 });

/** Input formats the generated conversations can be written in, each with the file name it needs. */
export const WRITERS: Record<string, Writer> = {
  openai: {
    conversations: anyConversations,
    file: 'gen.jsonl',
    write: (cs) => cs.map((c, i) => JSON.stringify({ id: `c${i}`, ...(c.model !== undefined && { model: c.model }), messages: c.messages.map((m) => ({ role: m.role, content: m.text })) })).join('\n'),
  },
  sharegpt: {
    conversations: anyConversations,
    file: 'gen.json',
    write: (cs) =>
      JSON.stringify(cs.map((c, i) => ({ id: `c${i}`, ...(c.model !== undefined && { model: c.model }), conversations: c.messages.map((m) => ({ from: { user: 'human', assistant: 'gpt', system: 'system' }[m.role], value: m.text })) })), null, 1),
  },
  chatgpt: {
    conversations: anyConversations,
    file: 'conversations.json',
    write: (cs) =>
      JSON.stringify(
        cs.map((c, i) => {
          const mapping: Record<string, unknown> = { root: { message: null, parent: null } };
          let parent = 'root';
          c.messages.forEach((m, k) => {
            const id = `n${k}`;
            const metadata = m.role === 'assistant' && c.model !== undefined ? { model_slug: c.model } : {};
            mapping[id] = { message: { author: { role: m.role }, content: { content_type: 'text', parts: [m.text] }, metadata, recipient: 'all' }, parent };
            parent = id;
          });
          // A regenerated answer off the active branch must not be read.
          mapping.stale = { message: { author: { role: 'assistant' }, content: { content_type: 'text', parts: ['Do you mean the old one?'] } }, parent: 'root' };
          return { title: `t${i}`, conversation_id: `c${i}`, current_node: parent, mapping, ...(c.model !== undefined && { default_model_slug: c.model }) };
        }),
      ),
  },
  // A transcript names its model per block, and its text is one line of words: `Speaker: text`.
  transcript: {
    conversations: fc.array(
      fc.record({
        model: fc.constantFrom('model-a', 'model-b'),
        messages: fc.array(fc.record({ role: fc.constantFrom<GenMessage['role']>('user', 'assistant', 'system'), text: plainText }), { minLength: 1, maxLength: 8 }),
      }),
      { maxLength: 12 },
    ),
    file: 'gen.txt',
    write: (cs) =>
      cs.map((c) => [`# model: ${c.model}`, ...c.messages.map((m) => `${{ user: 'User', assistant: 'Assistant', system: 'System' }[m.role]}: ${m.text}`)].join('\n')).join('\n\n'),
  },
};
