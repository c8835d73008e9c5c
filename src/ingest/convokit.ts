/**
 * ConvoKit corpora: utterances.jsonl (`id`, `speaker`, `conversation_id`, `reply-to`, `text`,
 * `meta`, `timestamp`?), alone or in its corpus folder. A record is one conversation.
 *
 * A conversation's utterances may be spread over the file. Files are read twice: first to count
 * each conversation's utterances, then to hand each over as soon as its last utterance is read, so
 * memory holds the counts plus the conversations still open (one, for a file sorted by
 * conversation). Stdin cannot be read twice, so there all conversations are held to the end.
 *
 * Roles: `meta.role` when it names one; else a well-known speaker name (user, human, usr, seeker…
 * → user; assistant, bot, gpt, agent, sys, supporter, teacher, persuader… → assistant; system →
 * skipped); else, per conversation, the first other speaker is the user unless a user is already
 * known, and the remaining speakers are assistants.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Role } from '../model.js';
import { ConversationBuilder } from './build.js';
import { MAX_RECORD_CHARS, tooLarge } from './limits.js';
import { readJsonLines } from './read/jsonl.js';
import { assignRoles, roleOfName } from './roles.js';
import { isObject, shapeOf } from './sniff.js';
import { STDIN } from './source.js';
import type { Adapter, ConvertOptions, Converted, InputFile, RawRecord } from './types.js';
import { validate, type RecordAt } from './validate.js';

const WHAT = 'a ConvoKit utterance';

const Id = z.union([z.string().min(1), z.number()]).transform(String);

const UtteranceSchema = z.object({
  id: Id,
  speaker: Id,
  conversation_id: Id,
  'reply-to': Id.nullish(),
  reply_to: Id.nullish(),
  text: z.string().nullish(),
  timestamp: z.unknown().optional(),
  meta: z.record(z.string(), z.unknown()).nullish(),
});

interface Utterance {
  value: unknown;
  line: number;
}

/** What `read` hands to `convert`: one conversation's utterances, in file order. */
interface Group {
  conversationId: string;
  utterances: Utterance[];
}

function conversationIdOf(value: unknown): string | undefined {
  const id = isObject(value) ? value.conversation_id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

async function countByConversation(file: InputFile): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  try {
    for await (const rec of readJsonLines(file.path, file.chunks())) {
      const id = rec.ok ? conversationIdOf(rec.value) : undefined;
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  } catch {
    // A file that breaks (a cut .gz) breaks again at the same place in the second pass, which reports it.
  }
  return counts;
}

async function* read(file: InputFile): AsyncGenerator<RawRecord> {
  const totals = file.path === STDIN ? undefined : await countByConversation(file);
  // A conversation past the record limit keeps counting its size but drops its utterances.
  const open = new Map<string, Group & { line: number; size: number; seen: number }>();
  const done = (group: Group & { line: number; size: number }): RawRecord =>
    group.size > MAX_RECORD_CHARS ? { ok: false, error: tooLarge(file.path, group.line, group.size) } : { ok: true, value: group, line: group.line };
  for await (const rec of readJsonLines(file.path, file.chunks())) {
    if (!rec.ok) {
      yield rec;
      continue;
    }
    const conversationId = conversationIdOf(rec.value);
    if (conversationId === undefined) {
      yield { ok: false, error: new InputError({ file: file.path, line: rec.line, field: 'conversation_id' }, 'invalid record', { expected: `a string or number in ${WHAT}`, found: 'none' }) };
      continue;
    }
    let group = open.get(conversationId);
    if (!group) open.set(conversationId, (group = { conversationId, utterances: [], line: rec.line, size: 0, seen: 0 }));
    group.seen += 1;
    group.size += rec.chars;
    if (group.size > MAX_RECORD_CHARS) group.utterances = [];
    else group.utterances.push({ value: rec.value, line: rec.line });
    if (totals && group.seen === totals.get(conversationId)) {
      open.delete(conversationId);
      yield done(group);
    }
  }
  for (const group of open.values()) yield done(group);
}

/** Speakers' roles for one conversation, by the rule in the header comment. */
function rolesOf(utterances: readonly z.infer<typeof UtteranceSchema>[]): Map<string, Role> {
  const known = new Map<string, Role>();
  for (const u of utterances) {
    const named = typeof u.meta?.role === 'string' ? roleOfName(u.meta.role) : undefined;
    const role = named ?? roleOfName(u.speaker);
    if (role && !known.has(u.speaker)) known.set(u.speaker, role);
  }
  return assignRoles([...new Set(utterances.map((u) => u.speaker))], known);
}

function convert(record: RecordAt & { value: unknown }, options: ConvertOptions): Converted {
  const group = record.value as Group;
  const utterances = group.utterances.map((u) => validate(UtteranceSchema, u.value, { file: record.file, line: u.line }, WHAT));
  // Timestamps order the turns only when every utterance has one; the sort is stable.
  if (utterances.every((u) => typeof u.timestamp === 'number')) utterances.sort((a, b) => (a.timestamp as number) - (b.timestamp as number));
  const roles = rolesOf(utterances);
  const builder = new ConversationBuilder(group.conversationId, options.model);
  for (const u of utterances) {
    const replyTo = u['reply-to'] ?? u.reply_to ?? undefined;
    builder.add({ id: u.id, role: roles.get(u.speaker)!, speaker: u.speaker, replyTo, text: u.text ?? '', meta: u.meta ?? {} });
  }
  return builder.finish(record.file, 'convokit');
}

export const convokit: Adapter = {
  id: 'convokit',
  description: 'ConvoKit utterances.jsonl (or a corpus folder holding one); utterances grouped by conversation_id',
  extensions: ['jsonl'],
  detect: (sample) => {
    const { container, keys } = shapeOf(sample);
    return container === 'value' && ['id', 'speaker', 'conversation_id', 'text'].every((k) => keys.has(k));
  },
  read,
  convert,
};
