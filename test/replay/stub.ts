/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 for the replay tests: a real HTTP
 * server (node:http) whose every reply is scripted: a completion, a 429 with Retry-After, a 500,
 * a delay, or a connection that hangs. It records every request it was sent.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  /** 1 for the first request the server received. */
  n: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { model: string; messages: Array<{ role: string; content: string }>; [key: string]: unknown };
}

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
}

export type Script = (request: StubRequest) => StubReply;

export interface Stub {
  /** The base URL, `http://127.0.0.1:PORT/v1`. */
  url: string;
  requests: StubRequest[];
  /** Requests answered with a completion (status 200). */
  completed(): number;
  close(): Promise<void>;
}

/** A chat-completions response body with one choice. */
export function completion(content: string | null, options: { finishReason?: string; usage?: { prompt_tokens: number; completion_tokens: number } | null } = {}) {
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: options.finishReason ?? 'stop' }],
    ...(options.usage !== null && { usage: { total_tokens: 0, ...(options.usage ?? { prompt_tokens: 10, completion_tokens: 5 }) } }),
  };
}

/** The last user message of a request: what the scripts key their replies on. */
export function lastUser(request: StubRequest): string {
  return [...request.body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

export async function startStub(script: Script): Promise<Stub> {
  const requests: StubRequest[] = [];
  let completed = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: StubRequest = { n: requests.length + 1, method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      requests.push(request);
      const reply = script(request);
      if (reply.hang) return;
      const send = () => {
        if (res.destroyed) return;
        const status = reply.status ?? 200;
        if (status === 200) completed += 1;
        res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    completed: () => completed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
