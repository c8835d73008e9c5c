import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addPair,
  addSpeaker,
  conversationSpeakers,
  coordinationFigures,
  coordinationResult,
  coordinationTallyOf,
  emptyCoordination,
  emptySpeaker,
  mergeCoordination,
  speakerScore,
  type CoordinationTally,
} from '../../src/measure/coordination.js';
import { meanInterval, t95 } from '../../src/measure/stats.js';
import { tallyInputs } from '../../src/pipeline.js';
import type { Role, TaggedTurn } from '../../src/model.js';
import { MARKERS } from '../../src/tag/markers.js';
import { CORPORA, ROOT, tempDir } from '../helpers/cli.js';

const ARTICLE = 1 << MARKERS.indexOf('article');
const PPRON = 1 << MARKERS.indexOf('ppron');

function turns(...items: Array<[Role, string]>): TaggedTurn[] {
  return items.map(([role, text], index) => ({
    turn: { id: `t${index}`, conversationId: 'c', index, role, speaker: role, text, meta: {} },
    findings: [],
    words: text.split(' ').length,
  }));
}

describe('speakerScore: ConvoKit\u2019s coordination, worked by hand', () => {
  it('is P(reply shows m | target shows m) − P(reply shows m), averaged over defined markers', () => {
    const b = emptySpeaker();
    // Five replies. Article: the target shows it in replies 1–3; the reply shows it in 1, 2 and 4.
    // Ppron: the target shows it in 1–4; the reply in 1 only.
    addPair(b, ARTICLE | PPRON, ARTICLE | PPRON);
    addPair(b, ARTICLE, ARTICLE | PPRON);
    addPair(b, 0, ARTICLE | PPRON);
    addPair(b, ARTICLE, PPRON);
    addPair(b, 0, 0);
    const scored = speakerScore(b)!;
    const article = 2 / 3 - 3 / 5;
    const ppron = 1 / 4 - 1 / 5;
    expect(scored.markers[MARKERS.indexOf('article')]).toBe(article);
    expect(scored.markers[MARKERS.indexOf('ppron')]).toBe(ppron);
    // The other six are shown by the target fewer than 3 times: undefined, left out of the mean.
    expect(scored.markers.filter((m) => m === null)).toHaveLength(6);
    expect(scored.score).toBe((article + ppron) / 2);
  });

  it('defines a marker only when the target shows it at least 3 times, and scores no speaker without one', () => {
    const b = emptySpeaker();
    addPair(b, ARTICLE, ARTICLE);
    addPair(b, ARTICLE, ARTICLE);
    addPair(b, ARTICLE, 0);
    expect(speakerScore(b)).toBeNull();
    addPair(b, 0, ARTICLE);
    // a = 3, ab = 2, b = 3 of 4 replies.
    expect(speakerScore(b)!.score).toBe(2 / 3 - 3 / 4);
  });
});

describe('conversationSpeakers: who replies to whom', () => {
  it('pairs a turn with the one before only across sides; same-side runs and system turns make no pair', () => {
    const tagged = turns(
      ['user', 'the cat'],
      ['assistant', 'a dog'],
      ['assistant', 'the bird'],
      ['system', 'the rules'],
      ['user', 'you and I'],
      ['assistant', 'we and you'],
    );
    const speakers = conversationSpeakers(tagged, ({ turn }) => turn.role);
    const assistant = speakers.get('assistant')!.all;
    const user = speakers.get('user');
    // assistant answers user twice (turns 1 and 5); turn 2 follows the assistant itself, turn 4 a system turn.
    expect(assistant.pairs).toBe(2);
    expect(assistant.target[MARKERS.indexOf('article')]).toBe(1);
    expect(assistant.target[MARKERS.indexOf('ppron')]).toBe(1);
    expect(assistant.both[MARKERS.indexOf('ppron')]).toBe(1);
    expect(user).toBeUndefined();
  });

  it('puts a reply in the first half when it stands before the middle turn', () => {
    const tagged = turns(['user', 'a'], ['assistant', 'a'], ['user', 'a'], ['assistant', 'a']);
    const { halves } = conversationSpeakers(tagged, ({ turn }) => turn.role).get('assistant')!;
    expect([halves[0].pairs, halves[1].pairs]).toEqual([1, 1]);
  });

  it('skips turns the key function refuses (context turns)', () => {
    const tagged = turns(['user', 'a'], ['assistant', 'a'], ['user', 'a'], ['assistant', 'a']);
    const speakers = conversationSpeakers(tagged, ({ turn }, i) => (i === 1 ? null : turn.role));
    expect(speakers.get('assistant')!.all.pairs).toBe(1);
    expect(speakers.get('user')!.all.pairs).toBe(1);
  });
});

/** A speaker whose score is x exactly representable: a = 4 target turns with the article, ab of them answered with it, b = ab, n = 8. */
function speakerWith(ab: number): ReturnType<typeof emptySpeaker> {
  const s = emptySpeaker();
  for (let i = 0; i < 4; i++) addPair(s, i < ab ? ARTICLE : 0, ARTICLE);
  for (let i = 0; i < 4; i++) addPair(s, 0, 0);
  return s; // score = ab/4 − ab/8 = ab/8
}

describe('a group\u2019s coordination', () => {
  it('is the mean over speakers with a t interval, and the per-marker means', () => {
    const t = emptyCoordination();
    for (const ab of [1, 2, 4]) addSpeaker(t, speakerWith(ab), null);
    addSpeaker(t, emptySpeaker(), null); // no pairs: no score, not a speaker
    const f = coordinationFigures(t);
    expect(f.speakers).toBe(3);
    expect(f.pairs).toBe(24);
    const scores = [1 / 8, 2 / 8, 4 / 8];
    const mean = (1 / 8 + 2 / 8 + 4 / 8) / 3;
    expect(f.score).toBeCloseTo(mean, 15);
    expect(f.markers.article).toBeCloseTo(mean, 15);
    expect(f.markers.ppron).toBeNull();
    const variance = scores.reduce((s, x) => s + (x - mean) ** 2, 0) / 2;
    expect(t95(2)).toBeCloseTo(4.302653, 6);
    expect(f.ci![0]).toBeCloseTo(meanInterval(mean, variance, 3)![0], 12);
    expect(f.ci![1]).toBeCloseTo(mean + 4.302652729749464 * Math.sqrt(variance / 3), 12);
  });

  it('tracks the change from a conversation\u2019s first half to its second', () => {
    const t = emptyCoordination();
    addSpeaker(t, speakerWith(2), [speakerWith(1), speakerWith(3)]); // +2/8
    addSpeaker(t, speakerWith(2), [speakerWith(4), speakerWith(4)]); // 0
    addSpeaker(t, speakerWith(2), [emptySpeaker(), speakerWith(3)]); // first half unscored: no change
    const { change } = coordinationFigures(t);
    expect(change.conversations).toBe(2);
    expect(change.mean).toBe(1 / 8);
    expect(change.ci![0]).toBeCloseTo(1 / 8 - 12.706204736174707 * Math.sqrt((2 * (1 / 8) ** 2) / 2), 12);
  });

  it('adds exactly: any order of speakers, and a round trip through the summary sums, give the same bits', () => {
    const values = [1, 2, 3, 4].map((ab) => speakerWith(ab));
    const forward = emptyCoordination();
    for (const s of values) addSpeaker(forward, s, null);
    const parts: CoordinationTally[] = values.reverse().map((s) => {
      const one = emptyCoordination();
      addSpeaker(one, s, null);
      return coordinationTallyOf(JSON.parse(JSON.stringify(coordinationResult(one, null))));
    });
    const merged = emptyCoordination();
    for (const p of parts) mergeCoordination(merged, p);
    expect(merged).toEqual(forward);
    expect(coordinationFigures(merged)).toEqual(coordinationFigures(forward));
  });

  it('compares with the human figure: the difference and a z-test on the two means', () => {
    const t = emptyCoordination();
    for (const ab of [1, 2, 4, 3, 2]) addSpeaker(t, speakerWith(ab), null);
    const human = { score: 0.5, ci: [0.45, 0.55] as [number, number], speakers: 100, pairs: 1000, markers: coordinationFigures(t).markers };
    const r = coordinationResult(t, human);
    expect(r.difference).toBeCloseTo(r.score! - 0.5, 15);
    expect(r.p).toBeLessThan(0.05);
    expect(coordinationResult(t, null)).toMatchObject({ baseline: null, difference: null, p: null });
  });
});

const ESCONV_TEST = join(CORPORA, 'human', 'esconv', 'test.txt');

describe.skipIf(!existsSync(ESCONV_TEST))('ConvoKit\u2019s scores on ESConv test', () => {
  interface Direction {
    agg3: number;
    speakers: number;
    pairs: number;
    markers: Record<string, number>;
    perConversation: Record<string, number>;
  }
  const reference = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'coordination', 'esconv-test-reference.json'), 'utf8')) as Record<'assistant' | 'user', Direction>;

  it('matches them: the group scores within 1e-12 and every conversation\u2019s within 1e-9', async ({ onTestFinished }) => {
    // One OpenAI-format conversation per dialog, `sys` as the assistant, each turn a message, in file order.
    const file = join(tempDir(onTestFinished), 'esconv-test.jsonl');
    const dialogs = readFileSync(ESCONV_TEST, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { dialog: Array<{ speaker: string; text: string }> });
    writeFileSync(file, dialogs.map((d, i) => JSON.stringify({ id: `c${i}`, messages: d.dialog.map((t) => ({ role: t.speaker === 'sys' ? 'assistant' : 'user', content: t.text })) })).join('\n'));
    // The rules alone: coordination reads the text, not the acts, so the model is not needed here.
    const byRole = await tallyInputs([file], { format: 'openai', skipInvalid: false, by: 'role', tagger: 'rules' });
    const byConversation = await tallyInputs([file], { format: 'openai', skipInvalid: false, by: 'conversation', tagger: 'rules' });
    for (const role of ['assistant', 'user'] as const) {
      const want = reference[role];
      const got = coordinationFigures(byRole.tally.get(role)!.coordination);
      expect(got.speakers).toBe(want.speakers);
      expect(got.pairs).toBe(want.pairs);
      expect(Math.abs(got.score! - want.agg3)).toBeLessThan(1e-12);
      for (const m of MARKERS) expect(Math.abs(got.markers[m]! - want.markers[m]!)).toBeLessThan(1e-12);
      const far = Object.entries(want.perConversation).filter(([id, score]) => {
        const g = byConversation.tally.get(`${role}:${id}`);
        const ours = g && coordinationFigures(g.coordination).score;
        return ours === null || ours === undefined || Math.abs(ours - score) > 1e-9;
      });
      expect(far).toEqual([]);
      const extra = [...byConversation.tally.values()].filter((g) => g.role === role && coordinationFigures(g.coordination).score !== null && !(g.value in want.perConversation));
      expect(extra).toEqual([]);
    }
  });
});
