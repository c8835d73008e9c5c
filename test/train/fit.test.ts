/**
 * fitBags on bags made by hand, with the logistic regression that ships and with the averaged
 * perceptron it is measured against (scripts/learners.mjs): both must find the unit that carries
 * the act in bags whose other units do not (multiple-instance learning), whichever learner fits.
 */
import { describe, expect, it } from 'vitest';
import type { Bag } from '../../src/train/bags.js';
import { fitBags, type Learner } from '../../src/train/fit.js';
import { fitPerceptron } from '../../src/train/perceptron.js';
import { DEFAULT_CONFIG } from '../../src/train/train.js';

const bag = (clarification: boolean, units: string[][], i: number): Bag => ({
  corpus: 'made',
  split: 'train',
  group: `g${i}`,
  role: 'assistant',
  domain: 'spoken',
  gold: { clarification },
  weight: 1,
  units,
});

// Positive bags hold one unit with "huh?" among units like the negatives'; the negatives never say it.
const FILLERS = [['w:so', 'w:ok'], ['w:the', 'w:report'], ['w:ok', 'w:fine'], ['w:report', 'w:is', 'w:due']];
const BAGS: Bag[] = [
  ...Array.from({ length: 12 }, (_, i) => bag(true, [FILLERS[i % 4]!, ['w:huh', 'form:question'], FILLERS[(i + 1) % 4]!], i)),
  ...Array.from({ length: 40 }, (_, i) => bag(false, [FILLERS[i % 4]!, FILLERS[(i + 2) % 4]!, ['w:what', 'form:question']], 100 + i)),
];

const CONFIG = { ...DEFAULT_CONFIG.spoken, minCount: 1, rulePrior: 0, rounds: 2 };
const LEARNERS: Array<[string, Learner | undefined]> = [
  ['the logistic regression', undefined],
  ['the averaged perceptron', (data) => fitPerceptron(data, { epochs: 20, seed: 3 })],
];

describe('fitBags', () => {
  for (const [name, learner] of LEARNERS) {
    it(`finds the unit that carries the act, by ${name}`, () => {
      const fitted = fitBags(BAGS, CONFIG, learner);
      expect(fitted.acts).toEqual(['clarification']);
      // The learner given fit every round: the first fit and both multiple-instance rounds (the perceptron's 20 epochs each).
      if (learner) expect(fitted.iterations.clarification).toEqual([20, 20, 20]);
      else expect(fitted.iterations.clarification.every((n) => n !== 20)).toBe(true);
      const { w } = fitted.weights.clarification;
      const weight = (f: string) => w[fitted.vocabulary.indexOf(f)]!;
      const heaviest = fitted.vocabulary.reduce((best, f) => (weight(f) > weight(best) ? f : best));
      expect(heaviest).toBe('w:huh');
      // A bag's score is its best unit's: the unit with "huh" outscores every filler.
      const score = (unit: string[]) => fitted.weights.clarification.bias + unit.reduce((s, f) => s + weight(f), 0);
      for (const filler of FILLERS) expect(score(['w:huh', 'form:question'])).toBeGreaterThan(score(filler));
      expect(score(['w:huh', 'form:question'])).toBeGreaterThan(score(['w:what', 'form:question']));
    });
  }
});
