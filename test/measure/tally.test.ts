import { describe, expect, it } from 'vitest';
import { CONTEXT_META } from '../../src/model.js';
import { mergeTally, scoredTurns, type Tally } from '../../src/measure/tally.js';
import { conversation, scoredModels, tallyOf, twoModels, uniformScores } from '../helpers/tagged.js';

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
    expect(m.acts.clarification).toEqual({ turns: 0, findings: 0, scores: {} });
    expect(m.acts.acknowledgement).toEqual({ turns: 1, findings: 2, scores: {} });
    expect(m.acts.followup).toEqual({ turns: 1, findings: 1, scores: {} });
    expect(m.any).toEqual({ turns: 1, findings: 3, scores: {} });
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

describe('tallyConversation: score counts for estimates', () => {
  it('counts the scores of counted turns only: not the first turn, not a context turn', () => {
    const turns = conversation('c1', [
      { role: 'assistant', model: 'm', scores: uniformScores(5) },
      { role: 'assistant', model: 'm', scores: uniformScores(5) },
      { role: 'assistant', model: 'm', scores: { domain: 'spoken', acts: { clarification: 0.04, 'understanding-check': null, acknowledgement: -1, followup: -1, repair: -1, reassurance: -1 }, any: 0.04 } },
      { role: 'assistant', model: 'm', scores: uniformScores(-20) },
    ]);
    // The second turn is context (a replayed record's conversation so far): tagged, never counted.
    turns[1]!.turn.meta[CONTEXT_META] = true;
    const m = tallyOf([turns]).get('assistant:m')!;
    expect(m.turns).toBe(2);
    expect(m.acts.clarification.scores).toEqual({ spoken: { '0': 1 }, typed: { '-200': 1 } });
    expect(m.acts['understanding-check'].scores).toEqual({ spoken: { none: 1 }, typed: { '-200': 1 } });
    expect(m.any.scores).toEqual({ spoken: { '0': 1 }, typed: { '-200': 1 } });
    expect(scoredTurns(m)).toBe(m.turns);
  });

  it('leaves them empty for turns tagged by the rules alone, so the group has no estimate', () => {
    const m = tallyOf(twoModels()).get('assistant:gpt-x')!;
    expect(m.turns).toBeGreaterThan(0);
    expect(scoredTurns(m)).toBe(0);
    expect(m.any.scores).toEqual({});
  });
});

describe('mergeTally', () => {
  it('merges score counts: the tallies of two halves equal the tally of the whole', () => {
    const all = scoredModels();
    const merged = mergeTally(mergeTally(new Map(), tallyOf(all.slice(7)).values()), tallyOf(all.slice(0, 7)).values());
    expect(plain(merged)).toEqual(plain(tallyOf(all)));
    expect(merged.get('assistant:gpt-x')!.acts.followup.scores).toEqual({ typed: { '0': 12 } });
  });

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
