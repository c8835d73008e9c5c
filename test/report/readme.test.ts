import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBaseline } from '../../src/baseline/load.js';
// The generator reads the built code (dist/), as `npm run docs` does; npm test builds first.
import { demoOutput, replaceSection, withGeneratedSections } from '../../scripts/readme.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('opens with the two quick-start lines', () => {
    const lines = readme.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(lines[0]).toContain('`npm install && npm start`');
    expect(lines[1]).toContain('`npm test`');
  });

  it('has current generated sections (cues, baseline, demo); run `npm run docs` if this fails', async () => {
    const regenerated = withGeneratedSections(readme, loadBaseline(), await demoOutput(root));
    expect(readme).toBe(regenerated);
  });

  it('documents every act and every rule of the lexicons', () => {
    for (const act of ['clarification', 'understanding-check', 'acknowledgement', 'followup', 'repair']) {
      expect(readme).toContain(`| \`${act}\` |`);
    }
  });

  it('replaceSection refuses a README without the markers', () => {
    expect(() => replaceSection('no markers here', 'acts', 'x')).toThrow(/markers/);
  });
});
