/**
 * The shipped model file: data with provenance, within its size budget, and read the way it was
 * trained — the hashed scorer adds up exactly the weights the feature names carry.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../src/ingest/index.js';
import { ACT_IDS } from '../../../src/model.js';
import { featurePrefixes } from '../../../src/tag/learned/features.js';
import { loadModel, modelPath, parseModel, SEGMENTS, TARGETS } from '../../../src/tag/learned/model.js';
import { tagConversation } from '../../../src/tag/tagger.js';
import type { ReadUnit } from '../../../src/tag/learned/decide.js';
import { SAMPLES } from '../../helpers/cli.js';

describe('the shipped model', () => {
  it('is at most 5 MB, and its version is its hash', () => {
    expect(statSync(modelPath()).size).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(loadModel().version).toBe(createHash('sha256').update(readFileSync(modelPath(), 'utf8')).digest('hex').slice(0, 16));
  });

  it('says where it came from: the corpora and splits, the learner, the calibration data, the commit', () => {
    const { provenance, calibration } = loadModel().file;
    expect(provenance.corpora.map((c) => `${c.corpus} ${c.split.split(' ')[0]} ${c.use}`)).toEqual([
      'typed-chat train fit typed',
      'esconv train fit typed',
      'p4g train fit typed',
      'mrda train fit spoken',
      'swda train fit spoken',
      'typed-chat dev calibrate typed',
      'esconv val calibrate typed',
      'mrda val calibrate spoken',
      'swda val calibrate spoken',
    ]);
    expect(provenance.commit).toMatch(/^[0-9a-f]{40}/);
    expect(provenance.learner).toMatch(/logistic regression/);
    for (const target of TARGETS) {
      for (const segment of SEGMENTS) {
        const c = calibration[target][segment];
        expect(c.threshold, `${target} ${segment}`).toBeGreaterThan(0);
        expect(c.threshold).toBeLessThanOrEqual(1);
        expect(c.alpha, `${target} ${segment}`).toBeGreaterThan(0);
        expect(c.boot.length).toBeGreaterThanOrEqual(100);
      }
    }
  });

  it('scores a unit by hashed features exactly as the sum of the weights its feature names carry', async () => {
    const model = loadModel();
    const { conversations } = await ingest([SAMPLES], { format: 'auto', skipInvalid: true });
    let units = 0;
    for await (const c of conversations) {
      const read: Array<{ units: readonly ReadUnit[]; role: 'user' | 'assistant' }> = [];
      tagConversation(c, { model, onUnits: (turn, found) => turn && (turn.role === 'user' || turn.role === 'assistant') && read.push({ units: found, role: turn.role }) });
      const tagged = tagConversation(c, { model });
      for (const [t, { units: found, role }] of read.entries()) {
        const best = ACT_IDS.map(() => -Infinity);
        for (const { features } of found) {
          units += 1;
          // By name: each plain feature's weight, and its copy joined to the role.
          const byName = ACT_IDS.map((_, a) => model.file.models.typed.weights[ACT_IDS[a]!].bias);
          for (const name of new Set(features)) {
            for (const f of [name, ...featurePrefixes(role, model.config('typed')).map((p) => p + name)]) {
              const w = model.weightsOf('typed', f);
              if (w) ACT_IDS.forEach((_, a) => (byName[a]! += w[a]!));
            }
          }
          byName.forEach((z, a) => (best[a] = Math.max(best[a]!, z)));
        }
        if (found.length === 0) continue;
        // The turn that opens the conversation is not scored: every act answers the turn before.
        if (t === 0) {
          expect(tagged[t]!.scores!.acts.clarification, `${c.id} turn ${t}`).toBeNull();
          continue;
        }
        ACT_IDS.forEach((act, a) => expect(tagged[t]!.scores!.acts[act]!, `${c.id} turn ${t} ${act}`).toBeCloseTo(best[a]!, 4));
      }
    }
    expect(units).toBeGreaterThan(50);
  });

  it('refuses a file that is not a model, naming it', () => {
    expect(() => parseModel('{', 'x.json')).toThrow(/x\.json: expected the tagger model as JSON/);
    expect(() => parseModel('{"schema":"grounding.model/v1"}', 'x.json')).toThrow(/x\.json/);
  });
});
