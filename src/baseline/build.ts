/**
 * `grounding baseline build`: the helper-role act rates of real human-to-human conversations,
 * per domain and pooled, measured by this project's own tagger. The corpora are read where they
 * lie; only the rates and their provenance are written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { ACT_IDS, type ActId } from '../model.js';
import { per1k, proportion } from '../measure/stats.js';
import { groupEstimate, type Calibrator } from '../measure/summary.js';
import { mergeTally, scoredTurns, type ActCount, type GroupTally } from '../measure/tally.js';
import { tallyInputs } from '../pipeline.js';
import { loadModel, type Target } from '../tag/learned/model.js';
import { loadLexicons } from '../tag/lexicon.js';
import { VERSION } from '../version.js';
import { BASELINE_SCHEMA, type Baseline, type BaselineEntry, type BaselineRate } from './schema.js';

export interface DomainSource {
  domain: string;
  corpus: string;
  format: string;
  /** Paths relative to the human corpora folder. */
  files: string[];
  split: string;
  role: string;
  licence: string;
}

/** The corpora behind each domain, as laid out in ../shared/corpora/human. */
export const DOMAIN_SOURCES: readonly DomainSource[] = [
  {
    domain: 'support',
    corpus: 'ESConv (thu-coai/Emotional-Support-Conversation)',
    format: 'esconv',
    files: ['esconv/train.txt', 'esconv/valid.txt', 'esconv/test.txt'],
    split: 'train+valid+test',
    role: 'supporter (speaker `sys`)',
    licence: 'CC BY-NC 4.0, research use',
  },
  {
    domain: 'persuasion',
    corpus: 'Persuasion for Good (ohyj1002/persuasionforgood)',
    format: 'persuasionforgood',
    files: ['persuasionforgood/full_dialog.csv'],
    split: 'all (full_dialog.csv)',
    role: 'persuader (B4 = 0)',
    licence: 'Apache-2.0',
  },
  {
    domain: 'tutoring',
    corpus: 'MathDial (eth-nlped/mathdial)',
    format: 'mathdial',
    files: ['mathdial/test.jsonl'],
    split: 'test',
    role: 'teacher (the student side is an LLM and is not counted)',
    licence: 'CC BY-SA 4.0',
  },
];

export const BUILD_COMMAND = 'grounding baseline build ../shared/corpora/human -o corpora/baselines/human.json';

/** One figure; the estimate calibrates the helper's scores as the assistant role's, since that is the role it is compared with. */
function rate(count: ActCount, target: Target, group: GroupTally, model: Calibrator): BaselineRate {
  const p = proportion(count.turns, group.turns);
  const estimate = groupEstimate(count.scores, target, 'assistant', model);
  return {
    count: count.turns,
    n: group.turns,
    rate: p.rate,
    ci: p.ci,
    per1kWords: per1k(count.findings, group.words),
    estimate: estimate && { rate: estimate.rate, ci: estimate.ci },
    scores: estimate ? estimate.scores : {},
  };
}

function entryOf(group: GroupTally, provenance: BaselineEntry['provenance'], model: Calibrator): BaselineEntry {
  return {
    provenance,
    conversations: group.conversations,
    turns: group.turns,
    words: group.words,
    acts: Object.fromEntries(ACT_IDS.map((a) => [a, rate(group.acts[a], a, group, model)])) as Record<ActId, BaselineRate>,
    any: rate(group.any, 'any', group, model),
  };
}

export async function buildBaseline(humanDir: string, onDomain?: (domain: string) => void, model: Calibrator = loadModel()): Promise<Baseline> {
  const domains: Record<string, BaselineEntry> = {};
  const helpers: GroupTally[] = [];
  for (const source of DOMAIN_SOURCES) {
    const files = source.files.map((f) => join(humanDir, f));
    const missing = files.find((f) => !existsSync(f));
    if (missing) throw new UsageError(`Expected the ${source.corpus} file ${missing}, found none. Pass the folder that holds esconv/, persuasionforgood/ and mathdial/.`);
    onDomain?.(source.domain);
    const run = await tallyInputs(files, { format: source.format, skipInvalid: false, by: 'role' });
    const helper = run.tally.get('assistant');
    if (!helper) throw new UsageError(`${source.corpus}: expected helper-role turns, found none. Check the files.`);
    helpers.push(helper);
    domains[source.domain] = entryOf(helper, { corpus: source.corpus, files: source.files, split: source.split, role: source.role, licence: source.licence }, model);
  }
  const pooled = [...mergeTally(new Map(), helpers.map((h) => ({ ...h, key: 'pooled' }))).values()][0]!;
  const hash = loadLexicons().hash;
  // The pooled estimate is that of the domains' summed score counts (mergeTally), not an average of theirs.
  const estimated = scoredTurns(pooled) > 0;
  return {
    schema: BASELINE_SCHEMA,
    version: `${VERSION}+${hash}`,
    command: BUILD_COMMAND,
    tagger: { version: VERSION, lexiconHash: hash, model: estimated ? model.version : null },
    role: 'assistant',
    note: 'Rates of the human helper role: the share of its turns (the first turn of each conversation excluded) that contain each act, with 95% Wilson intervals. Pooled sums the domains\u2019 turns.',
    domains,
    pooled: entryOf(pooled, {
      corpus: DOMAIN_SOURCES.map((s) => s.corpus).join('; '),
      files: DOMAIN_SOURCES.flatMap((s) => s.files),
      split: 'as per domain',
      role: 'helper role of each domain',
      licence: 'as per domain',
    }, model),
  };
}
