/**
 * readLabelled + evaluate on tiny hand-written fixtures (test/fixtures/eval/, written for these tests,
 * not taken from any corpus), with the real label maps and the rules tagger (the learned model's
 * tags change when it is retrained). Every expected count was worked out by hand from what the
 * rules do on each unit in its turn and checked with `grounding explain`; the comments say which
 * unit makes each count.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { evaluate, type EvalResult } from '../../src/eval/evaluate.js';
import { loadLabelMap, type Scheme } from '../../src/eval/labelmap.js';
import { readLabelled, type Split } from '../../src/eval/read/index.js';
import type { EvalDialogue, EvalUnit } from '../../src/eval/read/types.js';
import type { ActId, Role } from '../../src/model.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

function run(scheme: Scheme, path: string, split: Split): EvalResult {
  return evaluate(readLabelled(scheme, path, split), loadLabelMap(scheme), { tagger: 'rules' });
}

/** tp/fp/fn per scored act, in the map's act order. */
function counts(result: EvalResult): Record<string, [tp: number, fp: number, fn: number]> {
  return Object.fromEntries(result.scores.map((s) => [s.act, [s.tp, s.fp, s.fn]]));
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grounding-eval-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('evaluate on MRDA (speaker|text|basic|general|full, the full label scored)', () => {
  it('scores the val split: 1 dialogue, 15 utterances', () => {
    const result = run('mrda', fixture('mrda'), 'val');
    expect(result).toMatchObject({ scheme: 'mrda', dialogues: 1, units: 15 });
    expect(counts(result)).toEqual({
      // tp "do you mean … edition or the new one?" (br); fn "which printer?" (br), which no cue catches.
      clarification: [1, 0, 1],
      // tp "so you need it by friday, right?" (bu) and "at nine, does that make sense?" (f).
      'understanding-check': [2, 0, 0],
      // tp "okay." (b) and "uh-huh." (bk); fp "right." (aa, an accept), tagged as receipt.
      acknowledgement: [2, 1, 0],
    });
    // "how long has it been broken?" is a follow-up, which MRDA has no label for.
    expect(result.unscored).toEqual({ followup: 1 });

    const [clarification, check, acknowledgement] = result.scores;
    expect(clarification).toMatchObject({ precision: 1, recall: 0.5, support: 2, recallByLabel: [{ label: 'br', found: 1, of: 2 }], falsePositives: [] });
    expect(clarification!.f1).toBeCloseTo(2 / 3, 12);
    expect(clarification!.missedExamples).toEqual(['which printer? [br]']);
    expect(check!.recallByLabel).toEqual([
      { label: 'bu', found: 1, of: 1 },
      { label: 'f', found: 1, of: 1 },
    ]);
    expect(acknowledgement).toMatchObject({ precision: 2 / 3, recall: 1, falsePositives: [['aa', 1]], falseExamples: ['right. [aa]'] });
  });

  it('reads train then val for --split all, and one file when given a file', () => {
    const all = run('mrda', fixture('mrda'), 'all');
    expect(all).toMatchObject({ dialogues: 2, units: 17 });
    // train adds "i see." (bk) after a statement: one more true acknowledgement.
    expect(counts(all).acknowledgement).toEqual([3, 1, 0]);
    expect(readLabelled('mrda', fixture('mrda'), 'train').map((d) => d.id)).toEqual(['Tiny002']);
    expect(readLabelled('mrda', fixture('mrda', 'val', 'Tiny001.txt'), 'train').map((d) => d.id)).toEqual(['Tiny001']);
  });

  it('reads dev as val', () => {
    expect(counts(run('mrda', fixture('mrda'), 'dev'))).toEqual(counts(run('mrda', fixture('mrda'), 'val')));
  });

  it('refuses a split the corpus lacks, and a line with the wrong number of fields', () => {
    expect(() => readLabelled('mrda', fixture('mrda'), 'test')).toThrow(UsageError);
    const file = join(scratch(), 'Bad001.txt');
    writeFileSync(file, 'me001|okay.|B|b|b\nme002|three|fields\n');
    expect(() => readLabelled('mrda', file, 'val')).toThrow(InputError);
    expect(() => readLabelled('mrda', file, 'val')).toThrow(`${file}:2: expected 5 fields separated by |, found 3.`);
  });
});

describe('evaluate on SWDA (speaker|text|tag)', () => {
  it('scores the dialogue: 12 utterances', () => {
    const result = run('swda', fixture('swda', 'tiny.txt'), 'val');
    expect(result).toMatchObject({ scheme: 'swda', dialogues: 1, units: 12, unscored: {} });
    expect(counts(result)).toEqual({
      // tp "what do you mean by good mileage?" (br).
      clarification: [1, 0, 0],
      // tp "so you want a hybrid, right?" (bf).
      'understanding-check': [1, 0, 0],
      // tp "uh-huh." (b) and "i see." (bk); fp "right." (aa); fn "oh, a hybrid." (b^m, an echo no cue catches).
      acknowledgement: [2, 1, 1],
    });
    expect(result.scores[2]!.recallByLabel).toEqual(
      expect.arrayContaining([
        { label: 'b', found: 1, of: 1 },
        { label: 'b^m', found: 0, of: 1 },
        { label: 'bk', found: 1, of: 1 },
      ]),
    );
  });
});

describe('evaluate on ESConv (JSON lines, supporter strategies)', () => {
  it('scores supporter turns only: 5 of 10 messages', () => {
    const result = run('esconv', fixture('esconv'), 'val');
    expect(result).toMatchObject({ scheme: 'esconv', dialogues: 1, units: 5, unscored: {} });
    expect(counts(result)).toEqual({
      // tp "So you have not planned anything yet?" (Restatement or Paraphrasing).
      'understanding-check': [1, 0, 0],
      // tp "It sounds like you are really worried…" (Reflection of feelings);
      // fp "I understand how frustrating that is." (Affirmation and Reassurance).
      acknowledgement: [1, 1, 0],
      // tp "How long have you been feeling this way?" (Question).
      followup: [1, 0, 0],
      // fn "I understand how frustrating that is." (Affirmation and Reassurance): an acknowledgement, not comfort.
      reassurance: [0, 0, 1],
      // Any curiosity act against Question or Restatement: the followup and the restatement, both found.
      curiosity: [2, 0, 0],
    });
    expect(result.scores[1]!.falsePositives).toEqual([['Affirmation and Reassurance', 1]]);
  });

  it('never passes seeker turns to the unit hook, though it tags them as context', () => {
    const seen: Array<{ unit: EvalUnit; gold: ActId[]; acts: ActId[] }> = [];
    evaluate(readLabelled('esconv', fixture('esconv'), 'val'), loadLabelMap('esconv'), {
      tagger: 'rules',
      onUnit: (unit, gold, findings) => seen.push({ unit, gold: [...gold], acts: findings.map((f) => f.act) }),
    });
    expect(seen).toHaveLength(5);
    expect(seen.every((s) => s.unit.scored && s.unit.labels.length === 1)).toBe(true);
    // The seeker's "I see." would be an acknowledgement; it is never scored.
    expect(seen.map((s) => s.unit.text)).not.toContain('I see.');
    expect(seen[0]).toMatchObject({ gold: ['followup'], acts: ['followup'] });
  });

  it('refuses a line that is not an ESConv record, naming file:line', () => {
    const file = join(scratch(), 'valid.txt');
    writeFileSync(file, '{"dialog": []}\n{"dialog": [\n');
    expect(() => readLabelled('esconv', file, 'val')).toThrow(`${file}:2: expected a JSON object with a \`dialog\` array`);
  });
});

describe('evaluate on Persuasion for Good (annotated CSV, er/ee labels)', () => {
  it('scores every sentence of both dialogues: 13 units', () => {
    const result = run('p4g', fixture('p4g'), 'all');
    expect(result).toMatchObject({ scheme: 'p4g', dialogues: 2, units: 13, unscored: {} });
    expect(counts(result)).toEqual({
      // tp "I see." (acknowledgement); fn "That's great!" (acknowledgement, but praise to this project);
      // fp "Got it." (other).
      acknowledgement: [1, 1, 1],
      // tp "How did you hear about the food bank?" and "How long were you there?" (its er_label_2);
      // fn "Have you ever donated to a charity?" (opens the dialogue: nothing to follow up) and the
      // persuadee's "How much should I give?" (task-related-inquiry).
      followup: [2, 0, 2],
    });
    expect(result.scores[1]!.recallByLabel).toEqual([
      { label: 'personal-related-inquiry', found: 2, of: 3 },
      { label: 'task-related-inquiry', found: 0, of: 1 },
    ]);
  });

  it('refuses a CSV without the annotated columns, naming the column', () => {
    const file = join(scratch(), 'annotated_300_dialog.csv');
    writeFileSync(file, 'B2,B4,Unit\nd1,0,Hello.\n');
    expect(() => readLabelled('p4g', file, 'all')).toThrow(`${file}:1 (field \`er_label_1\`): expected a column \`er_label_1\``);
  });
});

describe('evaluate on typed chat (JSON lines, acts per turn, stratum weights)', () => {
  it('scores the labelled turn of each dev item, with weighted counts and a per-role breakdown', () => {
    const result = run('typed-chat', fixture('typed-chat'), 'dev');
    expect(result).toMatchObject({ scheme: 'typed-chat', tagger: 'rules', dialogues: 7, units: 7, unscored: {} });
    expect(counts(result)).toEqual({
      // tp "Do you mean the 2019 or the 2021 edition?".
      clarification: [1, 0, 0],
      'understanding-check': [0, 0, 0],
      // tp "Got it. Here is the shorter version…"; fp the bare "Got it." the annotator left unlabelled.
      acknowledgement: [1, 1, 0],
      // fn the user's "How long does the visa take to process?", which no cue catches.
      followup: [0, 0, 1],
      // tp "No, that's not what I asked."
      repair: [1, 0, 0],
    });
    const byAct = Object.fromEntries(result.scores.map((s) => [s.act, s]));
    // The tp weighs 1 (wildchat/asst-cue), the fp 2 (sharegpt/asst-cue): P 1/3, R 1, F1 2·1/(2·1+2+0).
    expect(byAct.acknowledgement!.weighted).toMatchObject({ tp: 1, fp: 2, fn: 0, recall: 1 });
    expect(byAct.acknowledgement!.weighted!.precision).toBeCloseTo(1 / 3, 12);
    expect(byAct.acknowledgement!.weighted!.f1).toBeCloseTo(0.5, 12);
    expect(byAct.followup!.weighted).toMatchObject({ tp: 0, fp: 0, fn: 4, precision: null, recall: 0, f1: 0 });
    expect(byAct.acknowledgement!.byRole).toEqual({
      assistant: { tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1, f1: 2 / 3 },
      user: { tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null },
    });
    expect(byAct.repair!.byRole!.user).toMatchObject({ tp: 1, f1: 1 });
  });

  it('leaves weights and roles out of schemes whose units carry none', () => {
    const result = run('mrda', fixture('mrda'), 'val');
    for (const s of result.scores) expect(s).not.toHaveProperty('weighted');
    for (const s of result.scores) expect(s).not.toHaveProperty('byRole');
  });
});

describe('evaluate', () => {
  it('gives null scores, not NaN, when there is nothing to score', () => {
    const result = evaluate([], loadLabelMap('mrda'));
    expect(result).toMatchObject({ tagger: 'learned', dialogues: 0, units: 0, unscored: {} });
    for (const s of result.scores) expect(s).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null, support: 0 });
  });

  it('counts each unit by its weight for the weighted scores', () => {
    // One assistant reply to one request, as a typed-chat item is read.
    const item = (id: string, text: string, acts: ActId[], weight: number, role: Role = 'assistant'): EvalDialogue => ({
      id,
      turns: [
        { speaker: 'user', role: 'user', units: [{ text: 'Send me the figures by Friday.', labels: [], scored: false }] },
        { speaker: role, role, units: [{ text, labels: acts, scored: true, weight, role }] },
      ],
    });
    const result = evaluate(
      [item('a', 'Got it.', ['acknowledgement'], 2), item('b', 'Got it.', [], 5), item('c', 'Here are the figures.', ['acknowledgement'], 1)],
      loadLabelMap('typed-chat'),
      { tagger: 'rules' },
    );
    const acknowledgement = result.scores.find((s) => s.act === 'acknowledgement')!;
    // Unweighted: tp 1, fp 1, fn 1, so P = R = F1 = 0.5.
    expect(acknowledgement).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    // Weighted: tp 2, fp 5, fn 1, so P = 2/7, R = 2/3 and F1 = 2·2 / (2·2 + 5 + 1) = 0.4.
    expect(acknowledgement.weighted).toMatchObject({ tp: 2, fp: 5, fn: 1 });
    expect(acknowledgement.weighted!.precision).toBeCloseTo(2 / 7, 12);
    expect(acknowledgement.weighted!.recall).toBeCloseTo(2 / 3, 12);
    expect(acknowledgement.weighted!.f1).toBeCloseTo(0.4, 12);
  });

  it('refuses a missing corpus path', () => {
    expect(() => readLabelled('mrda', fixture('nowhere'), 'val')).toThrow(UsageError);
  });
});
