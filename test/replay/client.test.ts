/** The chat-completions client against a real HTTP server on 127.0.0.1 whose replies are scripted. */
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, chatCompletionsUrl, createClient, EndpointError, redact, retryAfterMs, type ClientOptions, type RetryInfo } from '../../src/replay/client.js';
import { completion, startStub, type Script, type Stub } from './stub.js';

const request = { model: 'cand', messages: [{ role: 'user' as const, content: 'My laptop will not start.' }], params: { temperature: 0 } };

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function clientFor(script: Script, options: Partial<ClientOptions> = {}) {
  stub = await startStub(script);
  const retries: RetryInfo[] = [];
  const client = createClient({ endpoint: stub.url, timeoutMs: 5000, retries: 3, retryDelayMs: 1, onRetry: (r) => retries.push(r), ...options });
  return { client, retries, stub };
}

describe('createClient', () => {
  it('posts model, messages and parameters to /chat/completions and reads the first choice', async () => {
    const { client, stub } = await clientFor(() => ({ body: completion('How long has this been going on?', { usage: { prompt_tokens: 12, completion_tokens: 8 } }) }));
    const reply = await client.complete(request);
    expect(reply).toEqual({ content: 'How long has this been going on?', finishReason: 'stop', usage: { promptTokens: 12, completionTokens: 8 } });
    const sent = stub.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body).toEqual({ temperature: 0, model: 'cand', messages: request.messages, stream: false });
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('retries a 429 after the Retry-After it was given, and a 500 and a 503 with backoff, then succeeds', async () => {
    const script: Script = ({ n }) =>
      n === 1 ? { status: 429, headers: { 'retry-after': '0.05' }, body: { error: { message: 'Rate limit reached' } } }
      : n === 2 ? { status: 500, body: 'upstream failed' }
      : n === 3 ? { status: 503, body: { error: { message: 'overloaded' } } }
      : { body: completion('Got it.') };
    const { client, retries, stub } = await clientFor(script, { retryDelayMs: 2 });
    const reply = await client.complete(request);
    expect(reply.content).toBe('Got it.');
    expect(stub.requests).toHaveLength(4);
    expect(retries.map((r) => r.retry)).toEqual([1, 2, 3]);
    expect(retries[0]!.delayMs).toBe(50);
    expect(retries[0]!.why).toBe('HTTP 429 (Rate limit reached)');
    expect(retries[1]!.why).toBe('HTTP 500 (upstream failed)');
    // Equal jitter: between half and all of 2 ms · 2^(retry − 1).
    expect(retries[1]!.delayMs).toBeGreaterThanOrEqual(2);
    expect(retries[1]!.delayMs).toBeLessThanOrEqual(4);
    expect(retries[2]!.delayMs).toBeGreaterThanOrEqual(4);
    expect(retries[2]!.delayMs).toBeLessThanOrEqual(8);
  });

  it('gives up after the last retry with an error that says what to do', async () => {
    const { client, stub } = await clientFor(() => ({ status: 502, body: 'bad gateway' }), { retries: 2 });
    const error = await client.complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect((error as Error).message).toMatch(/found HTTP 502 \(bad gateway\) after 3 attempts/);
    expect((error as Error).message).toMatch(/run the same command again/);
    expect(stub.requests).toHaveLength(3);
  });

  it('does not retry a request the endpoint refuses (400), and names the server’s reason', async () => {
    const { client, stub } = await clientFor(() => ({ status: 400, body: { error: { message: "Unsupported parameter: 'max_tokens'" } } }));
    await expect(client.complete(request)).rejects.toThrow(/HTTP 400 .*Unsupported parameter: 'max_tokens'.*Check --model and the generation parameters/);
    expect(stub.requests).toHaveLength(1);
  });

  it('says which model and URL to check on a 404', async () => {
    const { client } = await clientFor(() => ({ status: 404, body: { error: { message: 'The model `cand` does not exist' } } }));
    await expect(client.complete(request)).rejects.toThrow(/HTTP 404 .*Check --endpoint .* serves the model `cand`/);
  });

  it('sends the key as a bearer token and never shows it, even when the server echoes it', async () => {
    const key = 'sk-test-0123456789abcdef';
    const { client, stub } = await clientFor(() => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${key}.` } } }), { apiKey: key, authHint: 'Put the key in OPENAI_API_KEY.' });
    const error = (await client.complete(request).catch((e: unknown) => e)) as Error;
    expect(stub.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);
    expect(error.message).not.toContain(key);
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
    expect(error.message).toContain('Put the key in OPENAI_API_KEY.');
  });

  it('hides a key passed in the query string when the server echoes its value alone', async () => {
    const key = 'azure-key-0123456789';
    stub = await startStub(() => ({ status: 401, body: { error: { message: `Access denied: key ${key} is not valid.` } } }));
    const client = createClient({ endpoint: `${stub.url}?api-version=2024-06-01&api-key=${key}`, timeoutMs: 5000, retries: 0, retryDelayMs: 1 });
    const error = (await client.complete(request).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(EndpointError);
    expect(error.message).not.toContain(key);
    expect(error.message).toContain('Access denied: key [redacted] is not valid');
  });

  it('retries a reply that does not come within the timeout', async () => {
    const { client, retries, stub } = await clientFor(({ n }) => (n === 1 ? { hang: true } : { body: completion('I see.') }), { timeoutMs: 200 });
    expect((await client.complete(request)).content).toBe('I see.');
    expect(stub.requests).toHaveLength(2);
    expect(retries[0]!.why).toBe('no reply within 0.2 s');
  });

  it('retries when nothing listens, then fails naming the network error', async () => {
    stub = await startStub(() => ({ body: completion('x') }));
    const url = stub.url;
    await stub.close();
    stub = undefined;
    const retries: RetryInfo[] = [];
    const client = createClient({ endpoint: url, timeoutMs: 2000, retries: 1, retryDelayMs: 1, onRetry: (r) => retries.push(r) });
    await expect(client.complete(request)).rejects.toThrow(/found a network error \(.*ECONNREFUSED.*\) after 2 attempts/);
    expect(retries).toHaveLength(1);
  });

  it('holds every request back while a 429 says to wait', async () => {
    // The first request is told to wait 150 ms; the second, sent meanwhile, must not arrive before that.
    const arrivals: number[] = [];
    let start = 0;
    const { client, stub } = await clientFor(({ n }) => {
      arrivals.push(Date.now() - start);
      return n === 1 ? { status: 429, headers: { 'retry-after': '0.15' } } : { body: completion('ok') };
    });
    start = Date.now();
    const first = client.complete(request);
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([first, client.complete(request)]);
    expect(stub.requests).toHaveLength(3);
    expect(Math.min(arrivals[1]!, arrivals[2]!)).toBeGreaterThanOrEqual(140);
  });

  it('takes content given as parts, and an empty or cut reply as it is', async () => {
    const bodies = [
      { choices: [{ message: { content: [{ type: 'text', text: 'Got it. ' }, { type: 'text', text: 'Here it is.' }] }, finish_reason: 'stop' }] },
      completion(null, { usage: null }),
      completion('Here is the first half of', { finishReason: 'length' }),
    ];
    const { client } = await clientFor(({ n }) => ({ body: bodies[n - 1] }));
    expect(await client.complete(request)).toEqual({ content: 'Got it. Here it is.', finishReason: 'stop', usage: null });
    expect(await client.complete(request)).toEqual({ content: '', finishReason: 'stop', usage: null });
    expect((await client.complete(request)).finishReason).toBe('length');
  });

  it('fails clearly on a reply that is not a chat completion', async () => {
    const { client } = await clientFor(({ n }) => (n === 1 ? { body: '<html>Welcome to nginx</html>' } : { body: { object: 'list', data: [] } }));
    await expect(client.complete(request)).rejects.toThrow(/Expected a JSON chat completion .*found `<html>Welcome to nginx<\/html>`/);
    await expect(client.complete(request)).rejects.toThrow(/Expected a chat completion with `choices\[0\]\.message`/);
  });

  it('stops waiting at once when the run is interrupted', async () => {
    const controller = new AbortController();
    const { client } = await clientFor(() => ({ status: 429, headers: { 'retry-after': '60' } }), { signal: controller.signal });
    const pending = client.complete(request);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

describe('client helpers', () => {
  it('builds the chat-completions URL from a base URL or takes a full one', () => {
    expect(chatCompletionsUrl('http://localhost:8000/v1').href).toBe('http://localhost:8000/v1/chat/completions');
    expect(chatCompletionsUrl('http://localhost:11434/v1/').href).toBe('http://localhost:11434/v1/chat/completions');
    expect(chatCompletionsUrl('https://api.example.com/v1/chat/completions').href).toBe('https://api.example.com/v1/chat/completions');
    expect(() => chatCompletionsUrl('localhost:8000')).toThrow(/Expected an http or https --endpoint/);
    expect(() => chatCompletionsUrl('not a url')).toThrow(/Expected --endpoint to be a URL/);
    // fetch refuses credentials in a URL, and they would be printed: the key goes in the environment.
    expect(() => chatCompletionsUrl('http://user:secret@localhost:8000/v1')).toThrow(/without a user name or password.*--api-key-env/);
    expect(() => chatCompletionsUrl('http://user:secret@localhost:8000/v1')).not.toThrow(/secret/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('0.5', now)).toBe(500);
    expect(retryAfterMs('Sat, 28 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });

  it('backs off exponentially, with jitter in the upper half, up to the cap', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('redacts secrets and control characters from text it prints', () => {
    expect(redact('key sk-abc123 rejected\n\u001b[31m', ['sk-abc123'])).toBe('key [redacted] rejected [31m');
    expect(redact('x'.repeat(400), [], 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
