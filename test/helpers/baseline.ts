/** The shipped baseline rewritten for CLI tests: without estimates (as files written before them), or with one on every figure. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultBaselinePath } from '../../src/baseline/load.js';
import { ACT_IDS } from '../../src/model.js';

type Raw = Record<string, any>;

function rewrite(dir: string, name: string, edit: (rate: Raw, baseline: Raw) => void): string {
  const baseline = JSON.parse(readFileSync(defaultBaselinePath(), 'utf8')) as Raw;
  for (const entry of [...Object.values(baseline.domains as Record<string, Raw>), baseline.pooled]) {
    for (const rate of [...ACT_IDS.map((a) => entry.acts[a] as Raw), entry.any as Raw]) edit(rate, baseline);
  }
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(baseline));
  return path;
}

/** A baseline file as written before estimates: no `estimate`, `scores` or `tagger.model`. */
export function baselineWithoutEstimates(dir: string, name = 'old-human.json'): string {
  return rewrite(dir, name, (rate, baseline) => {
    delete rate.estimate;
    delete rate.scores;
    delete baseline.tagger.model;
  });
}

/** A baseline file whose every figure has an estimate equal to its tagged rate (the numbers do not matter here, only that there is one). */
export function baselineWithEstimates(dir: string, name = 'est-human.json'): string {
  return rewrite(dir, name, (rate) => {
    rate.estimate = { rate: rate.rate, ci: rate.ci };
  });
}
