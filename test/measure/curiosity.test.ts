/** Curiosity against comfort: shares of turns, the curiosity share over turns with either, and the human comparison. */
import { describe, expect, it } from 'vitest';
import { beyondReference, shareResults } from '../../src/measure/curiosity.js';
import { wilson } from '../../src/measure/stats.js';
import { buildSummary } from '../../src/measure/summary.js';
import { conversation, tallyOf } from '../helpers/tagged.js';

describe('shareResults', () => {
  it('computes curiosity, comfort and the curiosity share with Wilson intervals', () => {
    const r = shareResults({ turns: 100, curious: 30, comforting: 10 }, null);
    expect(r.curiosity).toMatchObject({ count: 30, n: 100, rate: 0.3, ci: wilson(30, 100), baseline: null, gap: null, p: null });
    expect(r.comfort).toMatchObject({ count: 10, n: 100, rate: 0.1 });
    expect(r.curiosity_share).toMatchObject({ count: 30, n: 40, rate: 0.75, ci: wilson(30, 40) });
  });

  it('has no share when no turn is curious or comforting', () => {
    expect(shareResults({ turns: 5, curious: 0, comforting: 0 }, null).curiosity_share).toMatchObject({ n: 0, rate: null, ci: null });
  });

  it('compares with the human figures: the relative gap and a two-proportion p', () => {
    const human = beyondReference({ turns: 1000, curious: 400, comforting: 100 });
    expect(human.curiosity_share).toEqual({ count: 400, n: 500, rate: 0.8 });
    const r = shareResults({ turns: 1000, curious: 100, comforting: 300 }, human);
    expect(r.curiosity.gap).toBeCloseTo(-0.75, 12);
    expect(r.comfort.gap).toBeCloseTo(2, 12);
    expect(r.curiosity_share.rate).toBe(0.25);
    expect(r.curiosity_share.p!).toBeLessThan(0.001);
  });
});

describe('curiosity and comfort in the tally', () => {
  it('counts a turn with several curiosity acts once, reassurance apart, and keeps reassurance out of any act', () => {
    const tally = tallyOf([
      conversation('c', [
        { role: 'user', model: 'm' },
        { role: 'assistant', model: 'm', acts: ['followup', 'clarification'] },
        { role: 'user', model: 'm' },
        { role: 'assistant', model: 'm', acts: ['reassurance'] },
        { role: 'user', model: 'm' },
        { role: 'assistant', model: 'm', acts: ['reassurance', 'understanding-check'] },
        { role: 'user', model: 'm' },
        { role: 'assistant', model: 'm', acts: ['acknowledgement'] },
      ]),
    ]);
    const summary = buildSummary({ version: 't', groupBy: 'model', tally, files: [], conversations: 1, baseline: null, tagger: { kind: 'rules' } });
    const a = summary.groups.find((g) => g.role === 'assistant')!;
    expect(a.turns).toBe(4);
    expect(a.curiosity).toMatchObject({ count: 2, n: 4 });
    expect(a.comfort).toMatchObject({ count: 2, n: 4 });
    expect(a.curiosity_share).toMatchObject({ count: 2, n: 4, rate: 0.5 });
    expect(a.acts.reassurance).toMatchObject({ count: 2, findings: 2 });
    // Any act: the turns with a grounding act (three), not the one with reassurance alone.
    expect(a.any).toMatchObject({ count: 3, findings: 4 });
  });
});
