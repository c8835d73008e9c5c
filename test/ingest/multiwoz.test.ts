import { describe, expect, it } from 'vitest';
import { convert, fixture, run, texts } from './helpers.js';

describe('multiwoz', () => {
  it('reads the official 2.2 dialogues_*.json: SYSTEM is the wizard (assistant), USER the tourist (user)', async () => {
    const { conversations, accounts } = await run([fixture('multiwoz', 'dialogues_001.json')]);
    expect(accounts[0]).toMatchObject({ format: 'multiwoz', records: 2, analyzed: 2, turnsSkipped: { empty: 1 } });
    const [c] = conversations;
    expect(c!.id).toBe('PMUL0698');
    expect(texts(c!)).toEqual([
      "user: I'm looking for a cheap restaurant in the centre.",
      'assistant: There are 15. Do you have a preference for the type of food?',
      'user: Chinese, please.',
      'assistant: Charlie Chan is a cheap Chinese place in the centre. Shall I book it?',
    ]);
    expect(c!.turns.map((t) => t.speaker)).toEqual(['tourist', 'wizard', 'tourist', 'wizard']);
    expect(c!.turns.every((t) => t.model === 'human')).toBe(true);
    expect(c!.meta).toEqual({ corpus: 'multiwoz', services: ['restaurant', 'taxi'] });
    expect(conversations[1]!.id).toBe('SNG0073');
  });

  it('reads one dialogue a line with speaker user|system and text, keeping split and text form', () => {
    const converted = convert('multiwoz', { id: 'SNG0073', split: 'val', text_form: 'raw', turns: [{ speaker: 'user', text: 'I need a taxi.' }, { speaker: 'system', text: 'Where to?' }] });
    expect('conversation' in converted && converted.conversation.meta).toEqual({ corpus: 'multiwoz', split: 'val', text_form: 'raw' });
    expect('conversation' in converted && converted.conversation.turns.map((t) => t.role)).toEqual(['user', 'assistant']);
  });

  it('rejects a turn whose speaker is neither USER nor SYSTEM, naming the record', () => {
    expect(() => convert('multiwoz', { dialogue_id: 'X.json', turns: [{ speaker: 'WIZARD', utterance: 'Hi' }] })).toThrow(/a MultiWOZ dialogue/);
  });
});
