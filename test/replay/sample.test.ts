/** What is replayed: the corpus files, the seeded sample, the helper positions, and the cache keys. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Conversation, Role } from '../../src/model.js';
import { cacheKey, canonicalJson, ReplyCache } from '../../src/replay/cache.js';
import { corpusInputs, helperPositions, sampleConversations } from '../../src/replay/sample.js';
import { requestMessages } from '../../src/replay/run.js';
import { tempDir } from '../helpers/cli.js';

function conv(id: string, roles: Role[], source = 'corpus.txt'): Conversation {
  return {
    id,
    source,
    format: 'esconv',
    meta: {},
    turns: roles.map((role, index) => ({ id: `${id}:${index}`, conversationId: id, index, role, speaker: role, text: `${role} ${index} of ${id}`, meta: {} })),
  };
}

async function* stream(conversations: readonly Conversation[]) {
  yield* conversations;
}

const ids = (cs: readonly Conversation[]) => cs.map((c) => c.id);

describe('helperPositions', () => {
  it('are the assistant turns after the first turn', () => {
    expect(helperPositions(conv('a', ['user', 'assistant', 'user', 'assistant', 'assistant']))).toEqual([1, 3, 4]);
    // An opening helper turn has nothing to reply to.
    expect(helperPositions(conv('b', ['assistant', 'user', 'assistant']))).toEqual([2]);
    expect(helperPositions(conv('c', ['user', 'user']))).toEqual([]);
  });
});

describe('sampleConversations', () => {
  const corpus = Array.from({ length: 40 }, (_, i) => conv(`c${i}`, ['user', 'assistant', 'user', 'assistant']));

  it('is the same for the same seed whatever order the corpus is read in', async () => {
    const a = await sampleConversations(stream(corpus), 7, 10);
    const b = await sampleConversations(stream([...corpus].reverse()), 7, 10);
    expect(a).toHaveLength(10);
    expect(ids(b)).toEqual(ids(a));
  });

  it('differs between seeds, and a larger limit keeps the smaller sample as its start', async () => {
    const ten = await sampleConversations(stream(corpus), 7, 10);
    const twenty = await sampleConversations(stream(corpus), 7, 20);
    expect(ids(twenty.slice(0, 10))).toEqual(ids(ten));
    expect(ids(await sampleConversations(stream(corpus), 8, 10))).not.toEqual(ids(ten));
  });

  it('takes everything, in seeded order, without a limit; and skips conversations with no helper position', async () => {
    const all = await sampleConversations(stream([...corpus, conv('lonely', ['user'])]), 7);
    expect(all).toHaveLength(40);
    expect(ids(all).slice(0, 10)).toEqual(ids(await sampleConversations(stream(corpus), 7, 10)));
  });
});

describe('requestMessages', () => {
  it('puts the system prompt first and joins a run of one side’s turns into one message', () => {
    const c = conv('a', ['user', 'user', 'assistant', 'assistant', 'user']);
    expect(requestMessages(c.turns, 'You are a supporter.')).toEqual([
      { role: 'system', content: 'You are a supporter.' },
      { role: 'user', content: 'user 0 of a\n\nuser 1 of a' },
      { role: 'assistant', content: 'assistant 2 of a\n\nassistant 3 of a' },
      { role: 'user', content: 'user 4 of a' },
    ]);
    expect(requestMessages(c.turns.slice(0, 1))).toEqual([{ role: 'user', content: 'user 0 of a' }]);
  });
});

describe('corpusInputs', () => {
  it('finds a named corpus under the corpus folder, laid out as for baseline build', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mathdial'));
    writeFileSync(join(dir, 'mathdial', 'test.jsonl'), '');
    expect(corpusInputs('mathdial', dir)).toEqual({ inputs: [join(dir, 'mathdial', 'test.jsonl')], format: 'mathdial' });
  });

  it('says where a missing corpus is published and how to point at it', () => {
    expect(() => corpusInputs('esconv', tempDir())).toThrow(/Expected the esconv corpus at .*train\.txt.*found no such file\. Download it from the Hugging Face dataset thu-coai\/esconv.*--corpus-dir/);
    expect(() => corpusInputs('persuasionforgood', tempDir())).toThrow(/github\.com\/ohyj1002\/persuasionforgood \(data\/FullData\/full_dialog\.csv\)/);
  });

  it('reads any other --corpus as a path, in the format given', () => {
    expect(corpusInputs('logs/chats.jsonl', '/nowhere', 'openai')).toEqual({ inputs: ['logs/chats.jsonl'], format: 'openai' });
  });
});

describe('the reply cache', () => {
  const request = { model: 'cand', messages: [{ role: 'user' as const, content: 'Hi' }], params: { temperature: 0, max_tokens: 100 } };

  it('keys on model, messages and parameters, not on the order keys were written in', () => {
    const key = cacheKey(request);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...request, params: { max_tokens: 100, temperature: 0 } })).toBe(key);
    expect(cacheKey({ ...request, params: { temperature: 0.7, max_tokens: 100 } })).not.toBe(key);
    expect(cacheKey({ ...request, model: 'other' })).not.toBe(key);
    expect(cacheKey({ ...request, messages: [{ role: 'user', content: 'Hi!' }] })).not.toBe(key);
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it('keeps a reply across instances, and treats a damaged entry as a miss', async () => {
    const dir = tempDir();
    const key = cacheKey(request);
    const reply = { content: 'Hello!', finishReason: 'stop', usage: { promptTokens: 3, completionTokens: 2 } };
    await new ReplyCache(dir).put(key, 'cand', reply);
    expect(new ReplyCache(dir).get(key)).toEqual(reply);
    expect(new ReplyCache(dir).has(cacheKey({ ...request, model: 'other' }))).toBe(false);
    const file = join(dir, key.slice(0, 2), `${key}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8')).schema).toBe('grounding.replay-cache/v1');
    writeFileSync(file, '{"schema":"grounding.replay-cache/v1","key":');
    expect(new ReplyCache(dir).get(key)).toBeUndefined();
    expect(new ReplyCache(null).get(key)).toBeUndefined();
  });
});
