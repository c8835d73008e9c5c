/**
 * The shipped model file: data with provenance, within its size budget, and read the way it was
 * trained — the hashed scorer adds up exactly the weights the feature names carry.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../../src/ingest/index.js';
import { ACT_IDS, DOMAINS, ROLES, type Conversation } from '../../../src/model.js';
import { featurePrefixes, type FeatureSink } from '../../../src/tag/learned/features.js';
import { compileModel, loadModel, modelPath, parseModel, readModel, SEGMENTS, TARGETS, type LearnedModel } from '../../../src/tag/learned/model.js';
import { tagConversation } from '../../../src/tag/tagger.js';
import type { ReadUnit } from '../../../src/tag/learned/decide.js';
import { ROOT, SAMPLES } from '../../helpers/cli.js';

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

describe('the compiled model', () => {
  let dir: string;
  /** The shipped model compiled outside the build, and the model read through it and from its JSON. */
  let compiled: string;
  let fromCompiled: LearnedModel;
  let fromJson: LearnedModel;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'grounding-model-'));
    compiled = join(dir, 'tagger-model.bin');
    writeFileSync(compiled, compileModel(readFileSync(modelPath()), modelPath()));
    const a = readModel(modelPath(), compiled);
    const b = readModel(modelPath(), null);
    expect([a.from, b.from]).toEqual(['compiled', 'json']);
    fromCompiled = a.model;
    fromJson = b.model;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Numbers as their bits, so that equal means bit for bit (−0 and 0 apart). */
  const bits = (values: ArrayLike<number> | null) => (values === null ? null : Buffer.from(Float64Array.from(values).buffer).toString('hex'));

  /** A feature name given to a sink as tagging gives it: a prefix alone, or a prefix and its parts. */
  function put(sink: FeatureSink, name: string): void {
    const colon = name.indexOf(':');
    if (colon < 0 || colon === name.length - 1) sink.put(name);
    else sink.put(name.slice(0, colon + 1), name.slice(colon + 1));
  }

  it('has the same version, calibrations, readers and file as the JSON', () => {
    expect(fromCompiled.version).toBe(fromJson.version);
    for (const domain of DOMAINS) {
      expect(fromCompiled.config(domain)).toEqual(fromJson.config(domain));
      for (const act of ACT_IDS) expect(fromCompiled.readerOf(domain, act)).toBe(fromJson.readerOf(domain, act));
      for (const role of ROLES) for (const target of TARGETS) expect(fromCompiled.calibration(target, role, domain)).toEqual(fromJson.calibration(target, role, domain));
    }
    expect(fromCompiled.file).toEqual(fromJson.file);
  });

  it('gives bit for bit the weights, scores, partial scores and weightiest features of the JSON, in both kinds of text', () => {
    const file = fromJson.file;
    for (const domain of DOMAINS) {
      const { vocabulary } = file.models[domain];
      const plain = vocabulary.map((n) => n.slice(n.indexOf('|') + 1));
      // Every name of the vocabulary, plain and joined to each role, and names it does not know; a null as NaN.
      const known = (m: LearnedModel) =>
        Buffer.from(Float64Array.from([...plain, 'w:no-such-word', 'b:no such'].flatMap((name) => [name, ...ROLES.map((r) => `${r}|${name}`), `other|${name}`].flatMap((f) => [...(m.weightsOf(domain, f) ?? [NaN])]))).buffer);
      const [a, b] = [known(fromCompiled), known(fromJson)];
      expect(a.length).toBeGreaterThan(vocabulary.length * 8 * ACT_IDS.length);
      expect(a.equals(b), `${domain}: weightsOf`).toBe(true);
      // Every 37th, in units of twenty names each, and a unit read by token positions as the tagger reads words.
      const names = plain.filter((_, i) => i % 37 === 0);
      const units: Array<(sink: FeatureSink) => void> = [];
      for (let i = 0; i < names.length; i += 20) units.push((sink) => names.slice(i, i + 20).forEach((n) => put(sink, n)));
      units.push((sink) => {
        sink.start(['<s>', 'sorry', ',', 'do', 'you', 'mean', 'the', 'red', 'one', '?', '</s>']);
        for (let i = 0; i < 11; i += 1) sink.at('w:', i);
        for (let i = 0; i < 10; i += 1) sink.at('b:', i, i + 1);
        sink.at('s1:', 1);
        sink.at('s2:', 1, 2);
        sink.at('s3:', 1, 3, 4);
      });
      for (const role of ROLES) {
        for (const features of units) {
          expect(bits(fromCompiled.score(domain, role, features))).toBe(bits(fromJson.score(domain, role, features)));
          expect(bits(fromCompiled.partial(domain, role, features))).toBe(bits(fromJson.partial(domain, role, features)));
          for (const act of ACT_IDS) {
            const weighed = (m: LearnedModel) => m.weighed(domain, role, features, act, 8).map(({ feature, weight }) => `${feature} ${bits([weight])}`);
            expect(weighed(fromCompiled)).toEqual(weighed(fromJson));
          }
        }
      }
    }
  });

  it('tags the samples exactly as the JSON does', async () => {
    const { conversations } = await ingest([SAMPLES], { format: 'auto', skipInvalid: true });
    const all: Conversation[] = [];
    for await (const c of conversations) all.push(c);
    const tag = (model: LearnedModel) => JSON.stringify(all.map((c) => tagConversation(c, { model, explain: true })));
    expect(tag(fromCompiled)).toBe(tag(fromJson));
  });

  it('is not used for other model text (a retrained model), nor when absent, cut off or not a compiled model', () => {
    const other = join(dir, 'retrained.json');
    writeFileSync(other, `${readFileSync(modelPath(), 'utf8')}\n`);
    const retrained = readModel(other, compiled);
    expect(retrained.from).toBe('json');
    expect(retrained.model.version).not.toBe(fromJson.version);
    expect(readModel(modelPath(), join(dir, 'absent.bin')).from).toBe('json');
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, readFileSync(compiled).subarray(0, 100_000));
    expect(readModel(modelPath(), cut).from).toBe('json');
    writeFileSync(cut, '{"key":');
    expect(readModel(modelPath(), cut).from).toBe('json');
  });

  it('is what the build wrote for the shipped model, and what the built CLI reads', async () => {
    const built = (await import(pathToFileURL(join(ROOT, 'dist', 'tag', 'learned', 'model.js')).href)) as typeof import('../../../src/tag/learned/model.js');
    const { model, from } = built.readModel(built.modelPath());
    expect(from).toBe('compiled');
    expect(model.version).toBe(fromJson.version);
  });
});
