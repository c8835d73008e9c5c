/**
 * Load the human baseline: the shipped file by default, or one named with --baseline; validated
 * with zod. The build checks the shipped file once (`dist/baseline-checked.json`, by
 * scripts/compile-baseline.mjs), and a file of exactly those bytes is read from that check: zod's
 * first parse of the baseline's schemas took 25–35 ms of every start-up. The check is used only
 * while its schema modules are the ones it was made with, as the compiled lexicons and model are.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledKey, sha256 } from '../compiled.js';
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
  return readBaseline(path, fix).baseline;
}

/** The baseline in `path`, and whether it came from the build's check (`checked`) or was parsed and validated (`json`). */
export function readBaseline(path: string, fix = OPTION_NAMES.fix, checked: string | null = checkedBaselineFile()): { baseline: Baseline; from: 'json' | 'checked' } {
  let bytes: Buffer;
  let raw: unknown;
  try {
    bytes = readFileSync(path);
    const copy = checked === null ? null : readChecked(checked, bytes);
    if (copy) return { baseline: copy, from: 'checked' };
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const found = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `unreadable JSON (${(error as Error).message})`;
    throw new UsageError(`${path}: expected a baseline JSON file, found ${found}. ${fix}`);
  }
  return { baseline: parseData(BaselineSchema, raw, path, 'Rebuild it with `grounding baseline build`.'), from: 'json' };
}

/** Where the build writes the shipped baseline checked: dist/baseline-checked.json beside dist/baseline/ (none beside src/baseline/). */
export function checkedBaselineFile(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'baseline-checked.json');
}

/** The modules whose schemas check a baseline file, from this folder: schema.ts and the project modules it reads schemas from (a test checks the list). */
export const SCHEMA_MODULES = ['schema', '../model', '../measure/curiosity', '../measure/trajectory', '../measure/coordination', '../measure/estimate'];

/** What a check was made from: the file's bytes, and the schema modules as this build has them. */
const checkedKey = (bytes: Uint8Array) => compiledKey(sha256(bytes), import.meta.url, SCHEMA_MODULES);

interface CheckedBaseline {
  key: string;
  baseline: Baseline;
}

/** The baseline file at `path` checked, as JSON (scripts/compile-baseline.mjs writes it at build): a bad file fails the build with loadBaseline's error. */
export function checkBaseline(path = defaultBaselinePath()): string {
  const data: CheckedBaseline = { key: checkedKey(readFileSync(path)), baseline: readBaseline(path, OPTION_NAMES.fix, null).baseline };
  return `${JSON.stringify(data)}\n`;
}

/** The checked baseline in `file`, if it was checked from exactly these bytes with these schemas; null otherwise. */
function readChecked(file: string, bytes: Uint8Array): Baseline | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CheckedBaseline;
    return data.key === checkedKey(bytes) ? data.baseline : null;
  } catch {
    // Absent (a source checkout before a build) or unreadable: the file itself is validated.
    return null;
  }
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
