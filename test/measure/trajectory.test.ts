/** The user's trajectory: closing third minus opening third of their affect, per conversation, and the rift against it. */
import { describe, expect, it } from 'vitest';
import { CLEAR_CHANGE, MIN_USER_TURNS, conversationTrajectory, emptyTrajectory, mergeTrajectory, trajectoryResult, trajectoryTallyOf } from '../../src/measure/trajectory.js';
import { buildSummary } from '../../src/measure/summary.js';
import { tallyConversation, type Tally } from '../../src/measure/tally.js';
import { affectOf } from '../../src/tag/affect.js';
import { CONTEXT_META } from '../../src/model.js';
import { conversation, tallyOf, type TurnSpec } from '../helpers/tagged.js';

const SAD = 'I feel terrible and hopeless.';
const HAPPY = 'I feel much better now, this was wonderful.';
const FLAT = 'The appointment is on Tuesday.';

/** A conversation alternating user and assistant turns, the users saying these texts. */
function chat(id: string, users: readonly string[], extra: Partial<TurnSpec> = {}) {
  const specs: TurnSpec[] = users.flatMap((text) => [{ role: 'user' as const, text, model: 'm', ...extra }, { role: 'assistant' as const, model: 'm', text: 'I hear you.' }]);
  return conversation(id, specs);
}

describe('conversationTrajectory', () => {
  it('is the closing third’s mean affect minus the opening third’s', () => {
    const users = [SAD, SAD, FLAT, FLAT, HAPPY, HAPPY];
    const reading = conversationTrajectory(chat('c', users))!;
    // Six user turns: thirds of two.
    expect(reading.change).toBeCloseTo(affectOf(HAPPY) - affectOf(SAD), 12);
    expect(reading.change!).toBeGreaterThan(0);
    expect(reading.repaired).toBe(false);
  });

  it('takes ⌊n/3⌋ turns for a third: with 4 user turns, the first against the last', () => {
    const reading = conversationTrajectory(chat('c', [HAPPY, SAD, SAD, SAD]))!;
    expect(reading.change).toBeCloseTo(affectOf(SAD) - affectOf(HAPPY), 12);
  });

  it(`has no trajectory below ${MIN_USER_TURNS} user turns, and none without user turns`, () => {
    expect(conversationTrajectory(chat('c', [SAD, HAPPY, HAPPY]))).toEqual({ change: null, repaired: false });
    expect(conversationTrajectory(conversation('c', [{ role: 'assistant' }, { role: 'assistant' }]))).toBeNull();
  });

  it('notes a user repair anywhere in the conversation', () => {
    const turns = chat('c', [SAD, SAD, SAD, SAD]);
    turns[2]!.findings.push({ act: 'repair', rule: 'repair/test', turnId: turns[2]!.turn.id, sentence: 0, start: 0, end: 3, text: 'No.', reason: 'test' });
    expect(conversationTrajectory(turns)!.repaired).toBe(true);
  });

  it('leaves out replay context turns: they are not the user here', () => {
    const turns = chat('c', [HAPPY, HAPPY, SAD, SAD, SAD, SAD]);
    turns[0]!.turn.meta[CONTEXT_META] = true;
    turns[2]!.turn.meta[CONTEXT_META] = true;
    expect(conversationTrajectory(turns)!.change).toBeCloseTo(0, 12);
  });
});

describe('the trajectory in the summary', () => {
  const conversations = [
    chat('up', [SAD, SAD, SAD, HAPPY, HAPPY, HAPPY]),
    chat('down', [HAPPY, HAPPY, SAD, SAD]),
    chat('flat', [FLAT, FLAT, FLAT, FLAT]),
    chat('short', [SAD, HAPPY]),
  ];

  it('counts conversations, the short ones, and the clear changes either way', () => {
    const summary = buildSummary({ version: 't', groupBy: 'model', tally: tallyOf(conversations), files: [], conversations: 4, baseline: null, tagger: { kind: 'rules' } });
    const user = summary.groups.find((g) => g.role === 'user')!;
    const t = user.trajectory!;
    expect(t.conversations).toBe(3);
    expect(t.short).toBe(1);
    expect(t.improved).toBeCloseTo(1 / 3, 12);
    expect(t.worsened).toBeCloseTo(1 / 3, 12);
    expect(t.clear).toBe(CLEAR_CHANGE);
    const up = affectOf(HAPPY) - affectOf(SAD);
    expect(t.change.mean).toBeCloseTo((up - up + 0) / 3, 12);
    expect(t.change.ci![0]).toBeLessThan(t.change.mean!);
    // No user repaired: every conversation is on the side without one; one of three is negative.
    expect(t.rift.with_repair).toEqual({ conversations: 0, negative: 0, share: null, ci: null });
    expect(t.rift.without_repair.conversations).toBe(3);
    expect(t.rift.without_repair.negative).toBe(1);
    // Assistant groups carry none.
    expect(summary.groups.find((g) => g.role === 'assistant')!.trajectory).toBeNull();
  });

  it('with --by conversation, change.mean is that conversation’s change', () => {
    const tally: Tally = new Map();
    for (const c of conversations) tallyConversation(tally, c, 'test.jsonl', 'conversation');
    const summary = buildSummary({ version: 't', groupBy: 'conversation', tally, files: [], conversations: 4, baseline: null, tagger: { kind: 'rules' } });
    const down = summary.groups.find((g) => g.role === 'user' && g.value === 'down')!.trajectory!;
    expect(down.conversations).toBe(1);
    expect(down.change.mean).toBeCloseTo(conversationTrajectory(conversations[1]!)!.change!, 15);
    expect(down.change.ci).toBeNull();
    const short = summary.groups.find((g) => g.role === 'user' && g.value === 'short')!.trajectory!;
    expect(short).toMatchObject({ conversations: 0, short: 1, change: { mean: null, ci: null } });
  });

  it('merges exactly: split tallies add up to the bits of one', () => {
    const whole = [...tallyOf(conversations).values()].find((g) => g.role === 'user')!.trajectory;
    const parts = emptyTrajectory();
    for (const c of conversations) {
      const user = [...tallyOf([c]).values()].find((g) => g.role === 'user');
      if (user) mergeTrajectory(parts, user.trajectory);
    }
    expect(parts).toEqual(whole);
    // And back from a summary's sums.
    expect(trajectoryTallyOf(trajectoryResult(whole, null))).toEqual(whole);
  });
});
