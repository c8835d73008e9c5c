/** Shared helpers for the ingest tests: fixture paths, running ingest to the end, the real corpora. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished } from 'vitest';
import { ingest, type IngestOptions } from '../../src/ingest/index.js';
import { getAdapter } from '../../src/ingest/registry.js';
import { ConversationSchema, type Conversation } from '../../src/model.js';
import type { FileAccount } from '../../src/measure/summary.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

/** The shared real corpora, read in place and never copied; absent on a user's fresh clone. */
export const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
export const NO_CORPORA = !existsSync(CORPORA);
export const NO_CORPORA_REASON = `skipped: the shared corpora are not at ${CORPORA} (they are never committed; see ../shared/corpora/README.md)`;

/** A scratch folder for files a test writes (gzip, BOM, CRLF), removed when the test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grounding-ingest-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Run {
  conversations: Conversation[];
  accounts: FileAccount[];
}

/** Ingest to the end, checking every conversation against the model schema and every account's invariant. */
export async function run(inputs: string[], options: Partial<IngestOptions> = {}): Promise<Run> {
  const ingestion = await ingest(inputs, { format: 'auto', skipInvalid: false, ...options });
  const conversations: Conversation[] = [];
  for await (const c of ingestion.conversations) {
    ConversationSchema.parse(c);
    c.turns.forEach((t, i) => {
      expect(t.index).toBe(i);
      expect(t.conversationId).toBe(c.id);
      expect(['user', 'assistant']).toContain(t.role);
    });
    conversations.push(c);
  }
  for (const a of ingestion.accounts) expectBalanced(a);
  return { conversations, accounts: ingestion.accounts };
}

export function expectBalanced(account: FileAccount): void {
  const skipped = Object.values(account.skipped).reduce((a, b) => a + b, 0);
  expect(account.analyzed + skipped, `${account.path}: analyzed + skipped = records`).toBe(account.records);
}

/** Convert one in-memory record with the named adapter, as ingest would. */
export function convert(format: string, value: unknown, options: { model?: string } = {}) {
  return getAdapter(format).convert({ value, line: 1, file: 'mem.json' }, options);
}

/** The conversation from a convert() result, failing the test if the record was skipped. */
export function conversationOf(result: ReturnType<typeof convert>): Conversation {
  if (!('conversation' in result)) throw new Error(`expected a conversation, got skip: ${result.skip}`);
  return result.conversation;
}

export const texts = (c: Conversation) => c.turns.map((t) => `${t.role}: ${t.text}`);
