import { describe, expect, it } from 'vitest';
import { mergeTally, type Tally } from '../../src/measure/tally.js';
import { conversation, tallyOf, twoModels } from '../helpers/tagged.js';

/** A tally as plain data, in key order, so two tallies compare with toEqual. */
function plain(tally: Tally) {
  return [...tally.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('tallyConversation', () => {
  it('does not count the first turn of a conversation', () => {
    const tally = tallyOf([
      conversation('c1', [
        { role: 'assistant', model: 'm', acts: ['clarification'], words: 7 },
        { role: 'user', acts: ['repair'] },
        { role: 'assistant', model: 'm', acts: ['acknowledgement', 'acknowledgement', 'followup'], words: 30 },
      ]),
    ]);
    const m = tally.get('assistant:m')!;
    expect(m.conversations).toBe(1);
    expect(m.turns).toBe(1);
    expect(m.words).toBe(30);
    expect(m.acts.clarification).toEqual({ turns: 0, findings: 0 });
    expect(m.acts.acknowledgement).toEqual({ turns: 1, findings: 2 });
    expect(m.acts.followup).toEqual({ turns: 1, findings: 1 });
    expect(m.any).toEqual({ turns: 1, findings: 3 });
  });

  it('counts a rift when a user repairs right after an assistant turn, even after the first turn', () => {
    const tally = tallyOf([
      conversation('c1', [
        { role: 'assistant', model: 'm' },
        { role: 'user', acts: ['repair'] },
        { role: 'assistant', model: 'm' },
        { role: 'user' },
        { role: 'assistant', model: 'm' },
      ]),
    ]);
    expect(tally.get('assistant:m')!.rift).toEqual({ followed: 2, repaired: 1 });
    expect(tally.get('user:(unknown)')!.rift).toEqual({ followed: 0, repaired: 0 });
  });

  it('counts a conversation once per group however many turns it has there', () => {
    const tally = tallyOf([conversation('c1', [{ role: 'user' }, { role: 'assistant', model: 'm' }, { role: 'user' }, { role: 'assistant', model: 'm' }])]);
    expect(tally.get('assistant:m')!.conversations).toBe(1);
    expect(tally.get('user:(unknown)')!.conversations).toBe(1);
  });
});

describe('mergeTally', () => {
  it('merging the tallies of two halves equals the tally of the whole', () => {
    const all = twoModels();
    const whole = tallyOf(all);
    const first = tallyOf(all.slice(0, 5));
    const second = tallyOf(all.slice(5));
    const merged = mergeTally(mergeTally(new Map(), first.values()), second.values());
    expect(plain(merged)).toEqual(plain(whole));
  });

  it('does not change the tally merged from', () => {
    const from = tallyOf(twoModels());
    const before = structuredClone(plain(from));
    const into = tallyOf(twoModels());
    mergeTally(into, from.values());
    expect(plain(from)).toEqual(before);
    expect(into.get('assistant:gpt-x')!.turns).toBe(2 * from.get('assistant:gpt-x')!.turns);
  });
});
