/**
 * `replay`: at every helper position of a seeded sample of human conversations, ask a model for the
 * helper's reply from the turns before it, and write each reply with its context and provenance as
 * an OpenAI chat record that `analyze`, `tag` and `gate` read as they are. Replies come from the
 * cache when it has them; lines come out in sample order whatever order replies arrive in.
 */
import { basename } from 'node:path';
import { ingest } from '../ingest/index.js';
import type { FileAccount } from '../measure/summary.js';
import type { Conversation, Turn } from '../model.js';
import { cacheKey, ReplyCache } from './cache.js';
import { createClient, RefusedError, type ChatMessage, type ChatReply, type ChatRequest, type ClientOptions } from './client.js';
import { REPLAY_SCHEMA, type Replay } from './provenance.js';
import { helperPositions, sampleConversations } from './sample.js';

export interface ReplayOptions {
  /** Files, folders or globs of the corpus, and their format (`auto` or an adapter id). */
  inputs: string[];
  format: string;
  skipInvalid: boolean;
  /** The model to ask, as the endpoint names it. */
  model: string;
  /** Describes the helper's role to the model; sent first, as a system message. */
  system?: string;
  /** Body fields besides model and messages: temperature, max_tokens, … */
  params: Record<string, unknown>;
  /** Conversations to sample; all when absent. */
  limit?: number;
  seed: number;
  concurrency: number;
  /** Where replies are kept between runs; null keeps none. */
  cacheDir: string | null;
  /** The endpoint and how to call it; absent for a dry run, which makes no request. */
  client?: Omit<ClientOptions, 'signal' | 'onRetry'>;
  signal?: AbortSignal;
  /** Called once the plan is known, before any request. */
  onPlan?: (plan: ReplayPlan) => void;
  /** Called after each reply from the endpoint (not from the cache). */
  onReply?: (done: number, total: number) => void;
  onRetry?: ClientOptions['onRetry'];
  /** Receives each output line, in order; awaited, so a slow writer holds the run back. */
  write?: (line: string) => Promise<void>;
}

export interface ReplayPlan {
  conversations: number;
  /** Helper positions: one record each. */
  positions: number;
  /** Distinct requests (equal contexts in different conversations share one). */
  distinct: number;
  /** Distinct requests already in the cache. */
  cached: number;
  /** Requests to make: distinct minus cached. */
  requests: number;
  /** Characters of the messages sent, over the requests to make; about four to a token in English. */
  promptChars: number;
  files: FileAccount[];
}

export interface ReplayResult extends ReplayPlan {
  /** Positions whose request the endpoint refused (HTTP 400, 413, 422…): no record is written for them. */
  refused: number;
  /** The first few refused positions: the record id each would have had, and what the endpoint said. */
  refusedExamples: string[];
  /** Replies with no text: they are written, and `analyze` counts them as empty. */
  empty: number;
  /** Replies cut at the token limit (finish_reason `length`). */
  truncated: number;
  /** Tokens the endpoint reported, over every position (replies from the cache included). */
  promptTokens: number;
  completionTokens: number;
  /** Positions whose reply carried no token counts. */
  withoutUsage: number;
}

/** Refusals with no reply before them that stop a run: the request, not one context, is at fault. */
export const REFUSALS_BEFORE_STOP = 10;

interface Job {
  conversation: Conversation;
  position: number;
  request: ChatRequest;
  key: string;
}

/**
 * The messages the model is sent: the system prompt, then the turns before the position. A run of
 * turns by one side becomes one message, since many chat templates require the roles to alternate.
 */
export function requestMessages(context: readonly Turn[], system?: string): ChatMessage[] {
  const messages: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (const turn of context) {
    if (turn.role !== 'user' && turn.role !== 'assistant') continue;
    const last = messages[messages.length - 1];
    if (last && last.role === turn.role) last.content += `\n\n${turn.text}`;
    else messages.push({ role: turn.role, content: turn.text });
  }
  return messages;
}

function corpusOf(conversation: Conversation): string {
  return typeof conversation.meta.corpus === 'string' ? conversation.meta.corpus : conversation.format;
}

/** The id of a position's record: corpus, conversation and position. */
function recordId({ conversation, position }: Pick<Job, 'conversation' | 'position'>): string {
  return `${corpusOf(conversation)}/${conversation.id}#${position}`;
}

/** The output record: the context as it was (so tags read the same turn before), the reply last, and where it all came from. */
export function replayRecord(job: Job, reply: ChatReply, options: Pick<ReplayOptions, 'model' | 'system' | 'params' | 'seed'>): Record<string, unknown> {
  const { conversation, position } = job;
  const human = conversation.turns[position]!;
  const replay: Replay = {
    schema: REPLAY_SCHEMA,
    corpus: corpusOf(conversation),
    source: basename(conversation.source),
    conversation: conversation.id,
    position,
    turnId: human.id,
    human: { text: human.text, model: human.model ?? 'human' },
    model: options.model,
    params: options.params,
    seed: options.seed,
    finishReason: reply.finishReason,
    usage: reply.usage,
  };
  const context = conversation.turns.slice(0, position).map((t) => ({ role: t.role, name: t.speaker, content: t.text }));
  return {
    id: recordId(job),
    model: options.model,
    // The reply speaks as the helper it stands in for, so that both replies at the position are read alike (the learned tagger reads who spoke before).
    messages: [...(options.system ? [{ role: 'system', content: options.system }] : []), ...context, { role: 'assistant', name: human.speaker, content: reply.content }],
    replay,
  };
}

function planJobs(conversations: readonly Conversation[], options: ReplayOptions): Job[] {
  return conversations.flatMap((conversation) =>
    helperPositions(conversation).map((position) => {
      const request: ChatRequest = { model: options.model, messages: requestMessages(conversation.turns.slice(0, position), options.system), params: options.params };
      return { conversation, position, request, key: cacheKey(request) };
    }),
  );
}

export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  const { conversations, accounts } = await ingest(options.inputs, { format: options.format, skipInvalid: options.skipInvalid });
  const sample = await sampleConversations(conversations, options.seed, options.limit);
  // Ctrl-C while the corpus was read stops here, before any request.
  options.signal?.throwIfAborted();
  const jobs = planJobs(sample, options);
  const cache = new ReplyCache(options.cacheDir);

  const toRequest = new Map<string, Job>();
  let cached = 0;
  const distinct = new Set<string>();
  for (const job of jobs) {
    if (distinct.has(job.key)) continue;
    distinct.add(job.key);
    if (cache.has(job.key)) cached += 1;
    else toRequest.set(job.key, job);
  }
  const promptChars = [...toRequest.values()].reduce((n, j) => n + j.request.messages.reduce((m, msg) => m + msg.content.length, 0), 0);
  const plan: ReplayPlan = { conversations: sample.length, positions: jobs.length, distinct: distinct.size, cached, requests: toRequest.size, promptChars, files: accounts };
  options.onPlan?.(plan);
  const result: ReplayResult = { ...plan, refused: 0, refusedExamples: [], empty: 0, truncated: 0, promptTokens: 0, completionTokens: 0, withoutUsage: 0 };
  if (!options.client) return result;

  const client = createClient({ ...options.client, signal: options.signal, onRetry: options.onRetry });
  // One promise per distinct request for the whole run, so equal contexts share one request even without a cache.
  const replies = new Map<string, Promise<ChatReply>>();
  let requested = 0;
  const fetchReply = (job: Job): Promise<ChatReply> => {
    let reply = replies.get(job.key);
    if (!reply) {
      const hit = cache.get(job.key);
      reply = hit
        ? Promise.resolve(hit)
        : client.complete(job.request).then(async (received) => {
            await cache.put(job.key, job.request.model, received);
            requested += 1;
            options.onReply?.(requested, toRequest.size);
            return received;
          });
      replies.set(job.key, reply);
    }
    return reply;
  };

  // Replies (or refusals) land in `done` by index; lines go out in index order as soon as the ones before are in.
  const done: Array<ChatReply | RefusedError | undefined> = new Array(jobs.length);
  let nextLine = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    writing = writing.then(async () => {
      while (nextLine < jobs.length && done[nextLine]) {
        const reply = done[nextLine]!;
        const job = jobs[nextLine]!;
        done[nextLine] = undefined;
        nextLine += 1;
        if (reply instanceof RefusedError) {
          result.refused += 1;
          if (result.refusedExamples.length < 3) result.refusedExamples.push(`${recordId(job)}: ${reply.detail}`);
          continue;
        }
        if (!reply.content.trim()) result.empty += 1;
        if (reply.finishReason === 'length') result.truncated += 1;
        if (reply.usage) {
          result.promptTokens += reply.usage.promptTokens;
          result.completionTokens += reply.usage.completionTokens;
        } else result.withoutUsage += 1;
        await options.write?.(`${JSON.stringify(replayRecord(job, reply, options))}\n`);
      }
    });
    return writing;
  };

  // A worker pool: each worker takes the next position until none are left or one has failed. A
  // position the endpoint refuses is left out and counted; but refusals with no reply at all mean
  // the request itself is wrong (a parameter the server does not take), and stop the run.
  let next = 0;
  let failure: { error: unknown } | null = null;
  let replied = 0;
  let firstRefusal: RefusedError | undefined;
  let refusals = 0;
  const worker = async () => {
    while (!failure && next < jobs.length) {
      const index = next++;
      try {
        done[index] = await fetchReply(jobs[index]!);
        replied += 1;
      } catch (error) {
        if (!(error instanceof RefusedError)) {
          // Stop taking positions; requests already in flight finish and are cached.
          failure ??= { error };
          continue;
        }
        done[index] = error;
        firstRefusal ??= error;
        refusals += 1;
        if (replied === 0 && refusals >= REFUSALS_BEFORE_STOP) failure ??= { error };
      }
      await flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  if (!failure && replied === 0 && firstRefusal) failure = { error: firstRefusal };
  if (failure) throw (failure as { error: unknown }).error;
  await writing;
  return result;
}
