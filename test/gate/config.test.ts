import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exampleConfig, loadConfig, parseConfig } from '../../src/gate/config.js';
import { tempDir } from '../helpers/cli.js';

describe('the example config', () => {
  it('is the shape the gate documents, and valid', () => {
    const config = parseConfig(parse(exampleConfig()), 'templates/grounding.yaml');
    expect(config).toMatchObject({ baseline: 'default', models: ['*'], role: 'assistant', min_turns: 30, alpha: 0.05, insufficient: 'warn', rates: 'tagged' });
    expect(exampleConfig()).toMatch(/^rates: tagged {2,}# tagged: /m);
    expect(config.thresholds).toEqual({
      clarification: { min_rate: 0.03, max_gap: -0.5, max_regression: 0.2, warn_only: false },
      'understanding-check': { min_rate: 0.01, warn_only: false },
      acknowledgement: { max_gap: -0.8, warn_only: true },
      any: { min_rate: 0.1, warn_only: false },
      coordination: { max_below_human: 0.02, warn_only: true },
      curiosity_share: { max_gap: -0.5, warn_only: true },
      trajectory: { max_worsened: 0.25, warn_only: true },
    });
  });
});

describe('parseConfig', () => {
  const bad = (raw: unknown) => () => parseConfig(raw, 'ci/grounding.yaml');
  it.each([
    [{ thresholds: { any: { min_rate: 0.1 } }, treshold: 1 }, /ci\/grounding\.yaml: the top level: Unrecognized key: "treshold"\. Keys are baseline, .*grounding init/],
    [{ thresholds: { clarifcation: { min_rate: 0.1 } } }, /key `thresholds`: Unrecognized key: "clarifcation"\. Name an act or coordination: clarification, understanding-check, acknowledgement, followup, repair, any, coordination, curiosity, comfort, curiosity_share, trajectory\./],
    [{ thresholds: { coordination: { min_rate: 0.1 } } }, /key `thresholds\.coordination`: Unrecognized key: "min_rate"\. A coordination threshold takes min_score, max_below_human and warn_only\./],
    [{ thresholds: { trajectory: { min_rate: 0.1 } } }, /key `thresholds\.trajectory`: Unrecognized key: "min_rate"\. A trajectory threshold takes min_change, max_worsened and warn_only\./],
    [{ thresholds: { comfort: { max_score: 0.1 } } }, /key `thresholds\.comfort`: Unrecognized key: "max_score"\. A curiosity or comfort threshold takes min_rate, max_rate, max_gap and warn_only\./],
    [{ thresholds: { reassurance: { min_rate: 0.1 } } }, /key `thresholds`: Unrecognized key: "reassurance"\. Name an act or coordination/],
    [{ thresholds: { coordination: { warn_only: true } } }, /a coordination threshold needs min_score or max_below_human/],
    [{ thresholds: { coordination: { max_below_human: -0.1 } } }, /key `thresholds\.coordination\.max_below_human`: .*how far below the human coordination score/],
    [{ thresholds: { clarification: { max_gap: 0.5 } } }, /key `thresholds\.clarification\.max_gap`: .*max_gap is a relative gap between -1 and 0/],
    [{ thresholds: { clarification: { min_rate: 5 } } }, /key `thresholds\.clarification\.min_rate`: .*0\.05 means 5%/],
    [{ thresholds: { clarification: { minrate: 0.1 } } }, /key `thresholds\.clarification`: Unrecognized key: "minrate"\. A threshold takes min_rate, max_gap, max_regression, max_matched_gap and warn_only\./],
    [{ thresholds: { clarification: { warn_only: true } } }, /a threshold needs at least one of min_rate, max_gap, max_regression, max_matched_gap/],
    [{ thresholds: {}, min_turns: 0 }, /key `min_turns`/],
    [{ thresholds: {}, insufficient: 'maybe' }, /key `insufficient`/],
    [{ thresholds: {}, rates: 'guessed' }, /key `rates`: .*rates is tagged \(the share of turns the tagger tagged\) or estimated/],
    [{ thresholds: {}, models: [] }, /key `models`/],
    [{}, /key `thresholds`/],
  ])('names the key and the fix: %j', (raw, message) => {
    expect(bad(raw)).toThrow(message);
  });
});

describe('loadConfig', () => {
  it('finds grounding.yaml in a folder above and resolves its paths against its own folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'grounding.yaml'), 'baseline: baselines/mine.json\ncompare_to: ../prev.json\nthresholds: { any: { min_rate: 0.1 } }\n');
    const loaded = await loadConfig(undefined, join(root, 'a', 'b'));
    expect(loaded.path).toBe(join(root, 'grounding.yaml'));
    expect(loaded.baselinePath).toBe(join(root, 'baselines', 'mine.json'));
    expect(loaded.comparePath).toBe(join(root, '..', 'prev.json'));
  });

  it('reads JSON config named with --config, relative to the working folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'ci'));
    writeFileSync(join(root, 'ci', 'gate.json'), JSON.stringify({ thresholds: { repair: { max_gap: -0.9 } } }));
    const loaded = await loadConfig('ci/gate.json', root);
    expect(loaded.config.thresholds.repair).toEqual({ max_gap: -0.9, warn_only: false });
    expect(loaded.baselinePath).toBeUndefined();
  });

  it('never executes code: a .js or .mjs config is refused', async () => {
    const root = tempDir();
    const marker = join(root, 'ran');
    writeFileSync(join(root, 'grounding.config.mjs'), `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`);
    await expect(loadConfig('grounding.config.mjs', root)).rejects.toThrow(/Expected a \.yaml, \.yml or \.json config file.*never executed/);
    // Discovery only looks for data files.
    await expect(loadConfig(undefined, root)).rejects.toThrow(/found none\. Run `grounding init`/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a config that checks nothing, and max_gap for a role the baseline does not measure', () => {
    expect(() => parseConfig({ thresholds: {} }, 'g.yaml')).toThrow(/g\.yaml: key `thresholds`: no threshold is set, so the gate would check nothing\. Set at least one of clarification, .*, coordination/);
    expect(() => parseConfig({ role: 'user', thresholds: { clarification: { min_rate: 0.1, max_gap: -0.5 } } }, 'g.yaml')).toThrow(
      /g\.yaml: key `thresholds\.clarification\.max_gap`: the human baseline has rates for the assistant \(helper\) role only, not for role user\. Remove max_gap/,
    );
    expect(parseConfig({ role: 'user', thresholds: { clarification: { min_rate: 0.1 } } }, 'g.yaml').role).toBe('user');
  });

  it('says where a YAML syntax error is', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'grounding.yaml'), 'thresholds: { any: { min_rate: 0.1 }\n');
    await expect(loadConfig(undefined, root)).rejects.toThrow(/grounding\.yaml: expected YAML, found a syntax error at line 2, column 1: /);
  });

  it('refuses a YAML tag, naming its line, instead of reading it as a string', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'grounding.yaml'), 'baseline: default\nmodels: !!js/function "function () { return [\'*\'] }"\n');
    await expect(loadConfig(undefined, root)).rejects.toThrow(/grounding\.yaml: expected plain YAML data, found a tag at line 2, column 9 \(tag:yaml\.org,2002:js\/function\)\. .*remove the tag/);
  });

  it('says when the named file is missing', async () => {
    await expect(loadConfig('nope.yaml', tempDir())).rejects.toThrow(/Expected a config file at nope\.yaml, found no such file/);
  });
});
