/**
 * A small client for any OpenAI-compatible chat-completions endpoint (vLLM, Ollama, llama.cpp
 * server, hosted APIs), on Node's own fetch. Polite: a timeout per attempt, retries with
 * exponential backoff and jitter on 408, 429, 5xx and network errors, and Retry-After honoured
 * (a 429's pause holds every request of the run, not just the one that got it).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Other body fields: temperature, max_tokens, top_p, seed… */
  params: Record<string, unknown>;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatReply {
  content: string;
  /** `stop`, `length` (cut at the token limit), …; null when the endpoint gives none. */
  finishReason: string | null;
  usage: Usage | null;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  why: string;
}

export interface ClientOptions {
  /** The base URL (`http://localhost:8000/v1`) or the full `…/chat/completions` URL. */
  endpoint: string;
  /** Sent as a bearer token; never logged, and removed from any error text. */
  apiKey?: string;
  /** What to tell the user when the endpoint refuses the key, e.g. which variable holds it. */
  authHint?: string;
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** The first backoff; each retry doubles it, up to maxDelayMs, with jitter. */
  retryDelayMs: number;
  maxDelayMs?: number;
  /** The longest Retry-After obeyed; a longer one is cut to this. */
  maxRetryAfterMs?: number;
  /** Aborts waits and requests in flight (Ctrl-C). */
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
}

/** A request the endpoint refused or never answered: the run stops, and what was received stays cached. */
export class EndpointError extends UsageError {
  override name = 'EndpointError';
}

/**
 * One request the endpoint refused for what it holds (HTTP 400, 413, 422…: a context too long for
 * the model, say), not for the key, the URL or the model name. The run can go on without it.
 */
export class RefusedError extends EndpointError {
  override name = 'RefusedError';
  constructor(
    message: string,
    readonly status: number,
    /** The endpoint's own words, made safe to print. */
    readonly detail: string,
  ) {
    super(message);
  }
}

const DEFAULT_MAX_DELAY_MS = 60_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 600_000;

export function chatCompletionsUrl(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`Expected --endpoint to be a URL such as http://localhost:8000/v1, found \`${endpoint}\`. Pass the server's base URL.`);
  }
  if (url.username || url.password) {
    // fetch refuses such URLs, and the password would end up in messages.
    throw new UsageError('Expected an --endpoint without a user name or password in it, found credentials in the URL. Put the key in an environment variable and name it with --api-key-env.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`Expected an http or https --endpoint, found \`${url.protocol}\`. Pass the server's base URL, such as http://localhost:8000/v1.`);
  }
  if (!/\/chat\/completions\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/(?<!\/)\/+$/, '')}/chat/completions`;
  return url;
}

/** The URL as it may be printed: no user, password or query string, which can hold credentials. */
export function printableUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Text from the endpoint or the network, made safe to print: the key removed, control characters gone, kept short. */
export function redact(text: string, secrets: readonly (string | undefined)[], max = 300): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  out = out.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with equal jitter: half the doubled delay, plus a random share of the other half. */
export function backoffMs(retry: number, baseMs: number, maxMs: number, random = Math.random): number {
  const full = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return full / 2 + random() * (full / 2);
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

const ContentSchema = z.union([z.string(), z.null(), z.array(z.unknown())]).optional();

const ResponseSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: ContentSchema }), finish_reason: z.string().nullish() })).min(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullish().catch(null),
});

function contentText(content: z.infer<typeof ContentSchema>): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  // Some servers answer with content parts, as the Responses API does.
  return content
    .map((p) => (p !== null && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
    .join('');
}

/** The error message in an endpoint's JSON error body, else the body's start. */
function errorDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message ?? parsed.detail);
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: an HTML page from a proxy, or plain text.
  }
  return body;
}

interface Attempt {
  reply?: ChatReply;
  /** Why it failed, when it may be retried. */
  retry?: { why: string; afterMs: number | null; rateLimited: boolean };
}

export interface Client {
  complete(request: ChatRequest): Promise<ChatReply>;
}

export function createClient(options: ClientOptions): Client {
  const url = chatCompletionsUrl(options.endpoint);
  const where = printableUrl(url);
  // A key can also travel in the query string (`?api-key=…`, as Azure takes it): hide its values too.
  const secrets = [options.apiKey, url.search.length > 1 ? url.search.slice(1) : undefined, ...url.searchParams.values()];
  const clean = (text: string, max?: number) => redact(text, secrets, max);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': `grounding/${VERSION}` };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  // Until when every request holds back, after a 429 that said how long to wait.
  let pausedUntil = 0;

  function refused(status: number, detail: string, model: string): EndpointError {
    const said = clean(detail);
    const found = `HTTP ${status} from ${where}${said ? ` (${said})` : ''}`;
    const expected = `Expected a chat completion for model \`${model}\`, found ${found}.`;
    if (status === 401 || status === 403) return new EndpointError(`${expected} ${options.authHint ?? 'Check the API key.'}`);
    if (status === 404) return new EndpointError(`${expected} Check --endpoint (the base URL, such as http://localhost:8000/v1) and that the server serves the model \`${model}\`.`);
    return new RefusedError(`${expected} Check --model and the generation parameters (--temperature, --max-tokens, --param).`, status, `HTTP ${status}${said ? ` (${said})` : ''}`);
  }

  async function attempt(request: ChatRequest, body: string): Promise<Attempt> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal });
      text = await response.text();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.aborted) return { retry: { why: `no reply within ${options.timeoutMs / 1000} s`, afterMs: null, rateLimited: false } };
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return { retry: { why: `a network error (${clean(cause)})`, afterMs: null, rateLimited: false } };
    }
    if (!response.ok) {
      if (!isRetryableStatus(response.status)) throw refused(response.status, errorDetail(text), request.model);
      const afterMs = retryAfterMs(response.headers.get('retry-after'));
      const detail = clean(errorDetail(text));
      return { retry: { why: `HTTP ${response.status}${detail ? ` (${detail})` : ''}`, afterMs: afterMs === null ? null : Math.min(afterMs, maxRetryAfterMs), rateLimited: response.status === 429 } };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new EndpointError(`Expected a JSON chat completion from ${where}, found ${text.trim() ? `\`${clean(text, 80)}\`` : 'an empty body'}. Check that --endpoint is an OpenAI-compatible API (the base URL, such as http://localhost:8000/v1).`);
    }
    const parsed = ResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new EndpointError(`Expected a chat completion with \`choices[0].message\` from ${where}, found \`${clean(text, 120)}\`. Check that --endpoint is an OpenAI-compatible chat-completions API.`);
    }
    const choice = parsed.data.choices[0]!;
    const usage = parsed.data.usage;
    return {
      reply: {
        content: contentText(choice.message.content),
        finishReason: choice.finish_reason ?? null,
        usage: usage ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } : null,
      },
    };
  }

  return {
    async complete(request) {
      const body = JSON.stringify({ ...request.params, model: request.model, messages: request.messages, stream: false });
      for (let retry = 1; ; retry++) {
        const wait = pausedUntil - Date.now();
        if (wait > 0) await sleep(wait, undefined, { signal: options.signal });
        const result = await attempt(request, body);
        if (result.reply) return result.reply;
        const failure = result.retry!;
        if (retry > options.retries) {
          throw new EndpointError(
            `Expected a chat completion from ${where}, found ${failure.why} after ${retry} attempts. Check that the server is up and not overloaded (or lower --concurrency), then run the same command again: replies received so far are cached and are not requested again.`,
          );
        }
        const delayMs = failure.afterMs ?? backoffMs(retry, options.retryDelayMs, maxDelayMs);
        if (failure.rateLimited && failure.afterMs !== null) pausedUntil = Math.max(pausedUntil, Date.now() + delayMs);
        options.onRetry?.({ retry, delayMs, why: failure.why });
        await sleep(delayMs, undefined, { signal: options.signal });
      }
    },
  };
}
