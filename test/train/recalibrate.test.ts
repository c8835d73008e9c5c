/**
 * recalibrate: the calibration made again from a scores file, without refitting. The shipped
 * model's fits with made-up scored turns: the thresholds follow the turns, typed-chat dev is left
 * out under `calibrateOnDev: false`, and scores of other fits are refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelFile } from '../../src/tag/learned/model.js';
import { DEFAULT_CONFIG, fitsFingerprint, recalibrate, type Labelled, type ScoresFile } from '../../src/train/train.js';
import { seededRandom } from '../../src/train/calibrate.js';

const MODEL = JSON.parse(readFileSync(new URL('../../corpora/models/tagger.json', import.meta.url), 'utf8')) as ModelFile;
const RUN = { command: 'test', commit: 'test' };

/** Typed user turns whose followup score runs with the label: positives around +1, negatives around −2. */
function turns(from: string, n: number, seed: number): Labelled[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const positive = i % 4 === 0;
    const score = (positive ? 1 : -2) + 2 * (random() - 0.5);
    return { segment: 'typed/user', from, gold: { followup: positive }, scores: { clarification: -3, 'understanding-check': -3, acknowledgement: -3, followup: score, repair: -3, reassurance: null } };
  });
}

const SCORES: ScoresFile = { fits: fitsFingerprint(MODEL), labelled: [...turns('typed-chat', 200, 1), ...turns('typed-chat/dev', 40, 2)] };

describe('recalibrate', () => {
  it('fits the calibration to the scored turns and keeps the fits', () => {
    const file = recalibrate(MODEL, SCORES, DEFAULT_CONFIG, RUN);
    expect(file.models).toBe(MODEL.models);
    const followup = file.calibration.followup['typed/user'];
    expect(followup.turns).toBe(240);
    expect(followup.positives).toBe(60);
    // Scores separate the labels around −0.5: the threshold's probability sits where σ(α·s + β) crosses there.
    const at = (s: number) => 1 / (1 + Math.exp(-(followup.alpha * s + followup.beta)));
    expect(followup.threshold).toBeGreaterThan(at(-1.1));
    expect(followup.threshold).toBeLessThan(at(0.1));
    expect(file.provenance.command).toBe('test');
  });

  it('leaves typed-chat dev out when calibration must not see it', () => {
    const file = recalibrate(MODEL, SCORES, { ...DEFAULT_CONFIG, calibrateOnDev: false }, RUN);
    expect(file.calibration.followup['typed/user'].turns).toBe(200);
    expect(file.provenance.calibration).not.toContain('typed-chat dev');
  });

  it('refuses scores made by other fits', () => {
    expect(() => recalibrate(MODEL, { ...SCORES, fits: 'f'.repeat(64) }, DEFAULT_CONFIG, RUN)).toThrow(/other fits/);
  });
});
