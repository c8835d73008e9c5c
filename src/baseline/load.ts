/** Load the human baseline: the shipped file by default, or one named with --baseline; validated with zod. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseData, UsageError } from '../errors.js';
import type { BaselineChoice } from '../measure/summary.js';
import { BaselineSchema, type Baseline } from './schema.js';

export function defaultBaselinePath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpora', 'baselines', 'human.json');
}

/** How the user named the baseline, for errors: the options of `analyze`, or the keys of a gate config. */
export interface BaselineNames {
  /** What to do about a missing or unreadable file. */
  fix: string;
  /** What names the domain. */
  domain: string;
}

const OPTION_NAMES: BaselineNames = { fix: 'Pass --baseline FILE, or run `grounding baseline build`.', domain: '--baseline-domain' };

export function loadBaseline(path = defaultBaselinePath(), fix = OPTION_NAMES.fix): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const found = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `unreadable JSON (${(error as Error).message})`;
    throw new UsageError(`${path}: expected a baseline JSON file, found ${found}. ${fix}`);
  }
  return parseData(BaselineSchema, raw, path, 'Rebuild it with `grounding baseline build`.');
}

/** The baseline and domain to compare with; `domain` is `pooled` or one of the file's domains. */
export function chooseBaseline(path: string | undefined, domain: string, names: BaselineNames = OPTION_NAMES): BaselineChoice {
  const file = path ?? defaultBaselinePath();
  const baseline = loadBaseline(file, names.fix);
  if (domain !== 'pooled' && !baseline.domains[domain]) {
    throw new UsageError(`Expected ${names.domain} to be one of pooled, ${Object.keys(baseline.domains).join(', ')}; found \`${domain}\`.`);
  }
  return { baseline, domain, path: path ?? 'corpora/baselines/human.json' };
}
