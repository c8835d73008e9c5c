import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { conversationOf, convert, fixture, run, texts } from './helpers.js';

describe('chatgpt', () => {
  it('follows the active branch, skipping hidden, system, tool, tool-call and non-text nodes by reason', async () => {
    const { conversations, accounts } = await run([fixture('chatgpt', 'conversations.json')]);
    const [first] = conversations;
    expect(first!.id).toBe('conv-1');
    expect(first!.meta).toEqual({ title: 'Branches and hidden nodes' });
    // n4-old was regenerated away; the image part adds nothing; object parts give their text.
    expect(texts(first!)).toEqual([
      'user: How far is it from Lyon to Geneva?',
      'assistant: By road or as the crow flies?',
      'user: By road.\nFastest route.',
      'assistant: About 150 km by road, roughly 1 h 45 min.',
    ]);
    expect(first!.turns.map((t) => t.id)).toEqual(['n3', 'n4', 'n5', 'n9']);
    expect(accounts[0]).toMatchObject({
      format: 'chatgpt',
      records: 2,
      analyzed: 2,
      turnsSkipped: { hidden: 1, user_editable_context: 1, thoughts: 1, 'tool call': 1, tool: 1, model_editable_context: 1 },
    });
  });

  it('takes the model per message, and gives turns without one the conversation default', async () => {
    const { conversations } = await run([fixture('chatgpt', 'conversations.json')]);
    // Mixed models in one conversation; the user turns take the first model named.
    expect(conversations[0]!.turns.map((t) => t.model)).toEqual(['model-a', 'model-a', 'model-a', 'model-b']);
    expect(conversations[1]!.turns.map((t) => t.model)).toEqual(['model-a', 'model-a']);
  });

  const conv = (mapping: Record<string, unknown>, current_node?: string) => ({ title: 't', mapping, ...(current_node && { current_node }) });
  const node = (parent: string | null, role = 'user', text = 'x') => ({ parent, message: { author: { role }, content: { content_type: 'text', parts: [text] } } });

  it('turns a parent cycle into an InputError instead of hanging', () => {
    const value = conv({ a: node('b'), b: node('a', 'assistant') }, 'b');
    expect(() => convert('chatgpt', value)).toThrow(InputError);
    expect(() => convert('chatgpt', value)).toThrow(/mem\.json:1 \(field `mapping\.a\.parent`\): expected parent links that reach the root, found a cycle/);
  });

  it('turns a missing current_node or a dangling parent into an InputError naming the field', () => {
    expect(() => convert('chatgpt', conv({ a: node(null) }))).toThrow(/\(field `current_node`\): expected the id of the last message shown \(current_node\) in a ChatGPT export conversation, found nothing/);
    expect(() => convert('chatgpt', conv({ a: node('gone') }, 'a'))).toThrow(/\(field `mapping\.a\.parent`\): expected a node "gone" in mapping, found none/);
    expect(() => convert('chatgpt', conv({ a: { parent: null, message: { author: {}, content: { content_type: 'text' } } } }, 'a'))).toThrow(/field `mapping\.a\.message\.author\.role`/);
  });

  it('falls back to --model, and to file:line for the id', () => {
    const c = conversationOf(convert('chatgpt', conv({ r: { parent: null, message: null }, a: node('r'), b: node('a', 'assistant', 'y') }, 'b'), { model: 'given' }));
    expect(c.id).toBe('mem.json:1');
    expect(c.turns.map((t) => t.model)).toEqual(['given', 'given']);
  });

  it('skips a conversation whose branch holds no turns', () => {
    expect(convert('chatgpt', conv({ r: { parent: null, message: null } }, 'r'))).toEqual({ skip: 'no turns' });
  });
});
