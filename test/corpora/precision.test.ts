/**
 * The README's table of precision on real chat turns is what `npm run precision` measures with the
 * shipped tagger, so a change that moves a tag on the audited turns cannot leave it stale.
 * Corpus-wide (it tags both chat-log samples), so it runs with `npm run test:corpora`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceSection } from '../../scripts/readme.mjs';
import { CORPORA, ROOT } from '../helpers/cli.js';

const SAMPLES = [`${CORPORA}llm/wildchat-sample`, `${CORPORA}llm/sharegpt-sample`];
const NO_CORPORA = !SAMPLES.every(existsSync);
if (NO_CORPORA) console.warn(`skipped: the precision on real chat turns needs ../shared/corpora (never committed), not found at ${CORPORA}`);

describe.skipIf(NO_CORPORA)('precision on real chat turns', () => {
  it('is in the README as npm run precision measures it now', () => {
    const measured = execFileSync(process.execPath, [join(ROOT, 'scripts', 'precision.mjs')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GROUNDING_CORPORA: CORPORA }, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
    expect(measured).toContain('| assistant | repair |');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(replaceSection(readme, 'precision', measured.trim())).toBe(readme);
  }, 180_000);
});
