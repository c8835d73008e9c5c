import { describe, expect, it } from 'vitest';
import { conversationOf, convert, fixture, run, texts } from './helpers.js';

describe('openai', () => {
  it('reads JSONL: model and id when given, text parts, system/developer/tool/tool-call/empty counted', async () => {
    const { conversations, accounts } = await run([fixture('openai', 'chat.jsonl')]);
    expect(conversations.map((c) => c.id)).toEqual(['oa-1', 'chat.jsonl:2']);
    expect(conversations[0]!.turns.map((t) => [t.id, t.model])).toEqual([
      ['oa-1:0', 'model-a'],
      ['oa-1:1', 'model-a'],
    ]);
    expect(texts(conversations[1]!)).toEqual(['user: Describe this picture.', 'assistant: A cat sits on a mat.']);
    expect(accounts[0]).toMatchObject({
      records: 3,
      analyzed: 2,
      skipped: { 'no turns': 1 },
      turnsSkipped: { system: 2, 'tool call': 1, tool: 1, empty: 1 },
    });
  });

  it('reads a JSON array of the same records', async () => {
    const { conversations } = await run([fixture('openai', 'chat-array.json')]);
    expect(conversations.map((c) => c.id)).toEqual(['oa-1', 'chat-array.json:20']);
  });

  it('takes --model only when the record has none', () => {
    const messages = [{ role: 'user', content: 'a' }];
    expect(conversationOf(convert('openai', { messages }, { model: 'm' })).turns[0]!.model).toBe('m');
    expect(conversationOf(convert('openai', { messages, model: 'own' }, { model: 'm' })).turns[0]!.model).toBe('own');
  });

  it('treats null content as empty and names the path of bad content', () => {
    expect(convert('openai', { messages: [{ role: 'user', content: null }] })).toEqual({ skip: 'no turns' });
    expect(() => convert('openai', { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 7 }] })).toThrow(
      /mem\.json:1 \(field `messages\[1\]\.content`\): expected a string, null or an array of content parts in an OpenAI chat record, found number `7`\. Fix the record, or pass --skip-invalid/,
    );
    expect(() => convert('openai', { messages: 'nope' })).toThrow(/field `messages`\): expected an array/);
  });
});
