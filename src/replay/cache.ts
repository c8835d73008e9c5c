/**
 * Replies on disk, one small JSON file per request, keyed by the SHA-256 of the model, the messages
 * and the parameters: the same request is never paid for twice, and a run killed half-way resumes
 * from what it received. Each file is written atomically, so a kill never leaves half a reply.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAtomic } from '../report/atomic.js';
import type { ChatReply, ChatRequest } from './client.js';

export const CACHE_SCHEMA = 'grounding.replay-cache/v1';

const EntrySchema = z.object({
  schema: z.literal(CACHE_SCHEMA),
  key: z.string(),
  model: z.string(),
  content: z.string(),
  finishReason: z.string().nullable(),
  usage: z.object({ promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative() }).nullable(),
});

/** JSON with object keys sorted at every depth, so equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache key of a request: what the model sees and how it is asked, nothing else (not the endpoint). */
export function cacheKey(request: ChatRequest): string {
  return createHash('sha256').update(canonicalJson({ model: request.model, messages: request.messages, params: request.params })).digest('hex');
}

export class ReplyCache {
  /** `dir` null keeps nothing: every request is made. */
  constructor(readonly dir: string | null) {}

  private path(key: string): string {
    // Two-character shards keep folders small on a full-corpus replay.
    return join(this.dir!, key.slice(0, 2), `${key}.json`);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The stored reply, or undefined when there is none or it cannot be read (then it is requested again). */
  get(key: string): ChatReply | undefined {
    if (!this.dir) return undefined;
    const path = this.path(key);
    if (!existsSync(path)) return undefined;
    try {
      const entry = EntrySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      return entry.key === key ? { content: entry.content, finishReason: entry.finishReason, usage: entry.usage } : undefined;
    } catch {
      return undefined;
    }
  }

  async put(key: string, model: string, reply: ChatReply): Promise<void> {
    if (!this.dir) return;
    const path = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    await writeAtomic(path, `${JSON.stringify({ schema: CACHE_SCHEMA, key, model, ...reply })}\n`);
  }
}
