/** toConversation: a labelled dialogue as the Conversation `grounding tag` would read, and where each unit lies in it. */
import { describe, expect, it } from 'vitest';
import { toConversation } from '../../src/eval/conversation.js';
import type { EvalDialogue } from '../../src/eval/read/types.js';

const unit = (text: string, scored = true) => ({ text, labels: [], scored });

describe('toConversation', () => {
  it('joins a turn’s units with newlines and places each unit by its offsets', () => {
    const dialogue: EvalDialogue = {
      id: 'd1',
      turns: [
        { speaker: 'persuadee', role: 'user', units: [unit('Hi.')] },
        { speaker: 'persuader', role: 'assistant', units: [unit('I see.'), unit('How did you hear about it?')] },
      ],
    };
    const { conversation, places } = toConversation(dialogue);
    expect(conversation).toMatchObject({ id: 'd1', format: 'eval' });
    expect(conversation.turns.map((t) => [t.id, t.index, t.role, t.speaker, t.text])).toEqual([
      ['d1:0', 0, 'user', 'persuadee', 'Hi.'],
      ['d1:1', 1, 'assistant', 'persuader', 'I see.\nHow did you hear about it?'],
    ]);
    expect(places.map((p) => [p.turn, p.role, conversation.turns[p.turn!]!.text.slice(p.start, p.end)])).toEqual([
      [0, 'user', 'Hi.'],
      [1, 'assistant', 'I see.'],
      [1, 'assistant', 'How did you hear about it?'],
    ]);
  });

  it('leaves out a blank turn as an adapter does, and places its unit nowhere', () => {
    const dialogue: EvalDialogue = {
      id: 'd2',
      format: 'convokit',
      turns: [
        { speaker: 'A', role: 'user', units: [unit('so what now?')] },
        { speaker: 'B', role: 'assistant', units: [unit('  ')] },
        { speaker: 'B', role: 'assistant', units: [unit('okay.')] },
      ],
    };
    const { conversation, places } = toConversation(dialogue);
    expect(conversation.format).toBe('convokit');
    expect(conversation.turns.map((t) => t.text)).toEqual(['so what now?', 'okay.']);
    expect(places.map((p) => p.turn)).toEqual([0, null, 1]);
  });

  it('gives an empty conversation for a dialogue with nothing to read', () => {
    const { conversation, places } = toConversation({ id: 'd3', turns: [{ speaker: 'A', role: 'user', units: [unit('')] }] });
    expect(conversation.turns).toEqual([]);
    expect(places).toHaveLength(1);
    expect(places[0]!.turn).toBeNull();
  });
});
