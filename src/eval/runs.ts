/**
 * The labelled corpora that `npm run eval` measures and the README's accuracy table shows, each on
 * the split not fit on (Persuasion for Good ships none: its dev split is one dialogue in five). test/eval/readme-f1.test.ts
 * reads the same list, so the table and the check cannot drift apart.
 */
import type { ActScore, EvalResult } from './evaluate.js';
import type { TaggerResults } from './format.js';
import type { Scheme } from './labelmap.js';
import type { Split } from './read/index.js';

export interface EvalRunSpec {
  /** The name in the README table. */
  corpus: string;
  /** Under the shared corpora folder (../shared/corpora or $GROUNDING_CORPORA). */
  path: string;
  scheme: Scheme;
  split: Split;
}

export const EVAL_RUNS: readonly EvalRunSpec[] = [
  { corpus: 'MRDA', path: 'labeled/mrda', scheme: 'mrda', split: 'val' },
  { corpus: 'SWDA', path: 'labeled/swda', scheme: 'swda', split: 'val' },
  { corpus: 'typed chat', path: 'labeled/typed-chat', scheme: 'typed-chat', split: 'dev' },
  { corpus: 'Persuasion for Good', path: 'human/persuasionforgood', scheme: 'p4g', split: 'dev' },
  { corpus: 'ESConv', path: 'human/esconv', scheme: 'esconv', split: 'val' },
];

type Scores = Omit<ActScore, 'missedExamples' | 'falseExamples'>;

/** A result without its examples: they quote the corpus, which must not be copied anywhere it could be committed. */
export function figuresOf(result: EvalResult): Omit<EvalResult, 'scores'> & { scores: Scores[] } {
  return { ...result, scores: result.scores.map(({ missedExamples: _missed, falseExamples: _false, ...figures }) => figures) };
}

/** One run's figures per tagger, for `npm run eval -- --json FILE`. */
export function runFigures(spec: EvalRunSpec, results: TaggerResults) {
  return { ...spec, results: Object.fromEntries(Object.entries(results).map(([tagger, result]) => [tagger, figuresOf(result!)])) };
}
