/** `grounding gate` end to end: the real CLI as a child process, on logs with known act rates. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleConfig } from '../../src/gate/config.js';
import { SummarySchema } from '../../src/measure/summary.js';
import { baselineWithEstimates, baselineWithoutEstimates } from '../helpers/baseline.js';
import { cli, tempDir } from '../helpers/cli.js';

const ASK = 'Can you help me with the report?';
const CLARIFY = 'Do you mean the 2019 or the 2021 edition?';
const ANSWER = 'Here is the code you asked for.';

/** `n` one-exchange conversations from `model`; the first `k` replies ask a clarification question. */
function log(model: string, n: number, k: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({ id: `${model}-${i}`, model, messages: [{ role: 'user', content: ASK }, { role: 'assistant', content: i < k ? CLARIFY : ANSWER }] }),
  ).join('\n');
}

function setup(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GATE = 'thresholds:\n  clarification: { min_rate: 0.3 }\n';

describe('grounding gate', () => {
  it('exits 0 when every threshold holds, with a line per model and threshold', async () => {
    const dir = setup({ 'grounding.yaml': GATE, 'log.jsonl': log('cand', 40, 20) });
    const r = await cli(['gate', 'log.jsonl'], { cwd: dir });
    expect(r.stderr).toContain(`config: ${join(dir, 'grounding.yaml')}`);
    expect(r.stdout).toMatch(/^pass {2}cand {2}clarification min_rate ≥ 30\.0% {2}50\.0% \[35\.2–64\.8\] n=40 {2}50\.0% is at or above the 30\.0% floor$/m);
    expect(r.stdout).toContain('PASSED: 1 threshold check on 1 model held.');
    expect(r.code).toBe(0);
  });

  it('exits 1 when a threshold is missed, and writes JUnit and a summary usable as compare_to', async () => {
    const dir = setup({ 'grounding.yaml': GATE, 'log.jsonl': `${log('cand', 40, 4)}\n${log('other', 40, 30)}` });
    const r = await cli(['gate', 'log.jsonl', '-o', 'results.junit.xml', '-o', 'summary.json'], { cwd: dir });
    expect(r.stdout).toMatch(/^FAIL {2}cand {3}clarification min_rate ≥ 30\.0% {2}10\.0% \[4\.0–23\.1\] n=40 +10\.0% is below the 30\.0% floor$/m);
    expect(r.stdout).toMatch(/^pass {2}other {2}clarification/m);
    expect(r.stdout).toContain('FAILED: 1 of 2 threshold checks on 2 models missed.');
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'results.junit.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="cand" tests="1" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<failure message="10.0% is below the 30.0% floor" type="min_rate"/>');
    expect(xml).toContain('<testsuite name="other" tests="1" failures="0" errors="0" skipped="0">');
    const summary = SummarySchema.parse(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    expect(summary.groups.find((g) => g.key === 'assistant:cand')?.acts.clarification).toMatchObject({ count: 4, n: 40 });
  });

  it('fails a significant regression against compare_to, and only warns on an uncertain one', async () => {
    const dir = setup({
      'prev.jsonl': log('cand', 200, 100),
      'worse.jsonl': log('cand', 200, 40),
      'fewer.jsonl': log('cand', 40, 15),
      'grounding.yaml': 'compare_to: out/prev.summary.json\nthresholds:\n  clarification: { max_regression: 0.2 }\n',
      'first.yaml': 'thresholds:\n  clarification: { max_regression: 0.2 }\n',
    });
    const missing = await cli(['gate', 'prev.jsonl'], { cwd: dir });
    expect(missing.stderr).toContain(`${join(dir, 'out', 'prev.summary.json')}: expected a summary JSON`);
    expect(missing.code).toBe(2);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'out'));
    // The previous release's summary, written by gate itself (analyze writes the same schema).
    const first = await cli(['gate', 'prev.jsonl', '-o', 'out/prev.summary.json', '-c', 'first.yaml'], { cwd: dir });
    expect(first.stdout).toContain('no compare_to summary in the config to compare with');
    expect(first.code).toBe(0);
    const worse = await cli(['gate', 'worse.jsonl'], { cwd: dir });
    expect(worse.stdout).toMatch(/^FAIL .*dropped 60\.0% from 50\.0% \(n=200\) to 20\.0%, more than 20\.0%; significant \(one-sided p < 0\.001 < 0\.05\)$/m);
    expect(worse.code).toBe(1);
    const fewer = await cli(['gate', 'fewer.jsonl'], { cwd: dir });
    expect(fewer.stdout).toMatch(/^warn .*dropped 25\.0% from 50\.0% \(n=200\) to 37\.5%, more than 20\.0%, but not significant \(one-sided p = 0\.0\d\d ≥ 0\.05\), so it does not fail$/m);
    expect(fewer.code).toBe(0);
  });

  it('reports insufficient data, failing only when the config says so', async () => {
    const dir = setup({ 'log.jsonl': log('cand', 10, 0), 'warn.yaml': GATE, 'fail.yaml': `insufficient: fail\n${GATE}` });
    const warn = await cli(['gate', 'log.jsonl', '-c', 'warn.yaml'], { cwd: dir });
    expect(warn.stdout).toMatch(/^n\/a {3}cand .*insufficient data: 10 counted turns, fewer than min_turns 30$/m);
    expect(warn.code).toBe(0);
    const fail = await cli(['gate', 'log.jsonl', '-c', 'fail.yaml'], { cwd: dir });
    expect(fail.stdout).toMatch(/^FAIL {2}cand .*insufficient data/m);
    expect(fail.code).toBe(1);
  });

  it('emits GitHub annotations and appends the job summary with --format github', async () => {
    const models = Array.from({ length: 12 }, (_, i) => log(`m${String(i).padStart(2, '0')}`, 40, i)).join('\n');
    const dir = setup({ 'grounding.yaml': GATE, 'log.jsonl': models, 'step.md': '# earlier step\n' });
    const stepSummary = join(dir, 'step.md');
    const r = await cli(['gate', 'log.jsonl', '--format', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: stepSummary } });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    // At most 10 in all: the 9 worst, then a notice of the rest.
    expect(annotations).toHaveLength(10);
    expect(annotations.filter((l) => l.startsWith('::error '))).toHaveLength(9);
    expect(annotations[0]).toMatch(/^::error title=grounding gate%3A m00 clarification min_rate ≥ 30\.0%25::m00: .*0\.0%25 is below the 30\.0%25 floor$/);
    expect(annotations[9]).toBe('::notice title=grounding gate::3 more checks need attention; see the job summary.');
    const md = readFileSync(stepSummary, 'utf8');
    expect(md.startsWith('# earlier step\n## grounding gate: failed\n')).toBe(true);
    expect(md).toContain('| ❌ fail | m00 | clarification min_rate ≥ 30.0% |');
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
  });

  it('works from `grounding init`, finding the config in the working folder', async () => {
    const dir = setup({ 'log.jsonl': log('cand', 40, 20) });
    const init = await cli(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(readFileSync(join(dir, 'grounding.yaml'), 'utf8')).toBe(exampleConfig());
    expect((await cli(['init'], { cwd: dir })).code).toBe(2);
    // It writes YAML, so only a YAML name will do.
    const json = await cli(['init', 'grounding.json'], { cwd: dir });
    expect(json.stderr).toMatch(/Expected a \.yaml or \.yml file to write the config to, found `grounding\.json`/);
    expect(json.code).toBe(2);
    expect(existsSync(join(dir, 'grounding.json'))).toBe(false);
    const r = await cli(['gate', 'log.jsonl'], { cwd: dir });
    // The example asks for understanding checks, which these replies never make.
    expect(r.stdout).toMatch(/^FAIL {2}cand {2}understanding-check min_rate ≥ 1\.0% .*0\.0% is below the 1\.0% floor$/m);
    expect(r.stdout).toMatch(/^pass {2}cand {2}clarification max_gap ≥ −50% /m);
    expect(r.stdout).toMatch(/^n\/a {3}cand {2}clarification max_regression ≤ 20\.0% .*no compare_to summary/m);
    expect(r.code).toBe(1);
  });

  it('gates replayed records on the gap to the human replies at the same positions', async () => {
    // 40 positions: the human asked a clarification question at 20 of them, the candidate at 4.
    const records = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        id: `esconv/support.txt:${i}#1`,
        model: 'cand',
        messages: [{ role: 'user', content: ASK }, { role: 'assistant', content: i < 4 ? CLARIFY : ANSWER }],
        replay: {
          schema: 'grounding.replay/v1', corpus: 'esconv', source: 'support.txt', conversation: `support.txt:${i}`, position: 1, turnId: `support.txt:${i}:1`,
          human: { text: i < 20 ? CLARIFY : ANSWER, model: 'human' }, model: 'cand', params: {}, seed: 1, finishReason: 'stop', usage: null,
        },
      }),
    ).join('\n');
    const dir = setup({ 'replay.jsonl': records, 'grounding.yaml': 'thresholds:\n  clarification: { min_rate: 0.05, max_matched_gap: -0.5 }\n' });
    const r = await cli(['gate', 'replay.jsonl', '-o', 'summary.json'], { cwd: dir });
    expect(r.stdout).toMatch(/^pass {2}cand {2}clarification min_rate ≥ 5\.0% +10\.0% \[4\.0–23\.1\] n=40 /m);
    // a=4 b=0 c=16 d=20: κ = 2·80 / (4·20 + 20·36) = 0.20; McNemar p = 2/2¹⁶.
    expect(r.stdout).toMatch(/^FAIL {2}cand {2}clarification max_matched_gap ≥ −50% +10\.0% \[4\.0–23\.1\] n=40 +−80% vs the human replies at the same 40 positions \(10\.0% vs 50\.0%; κ 0\.20; McNemar p < 0\.001\), beyond the −50% limit$/m);
    expect(r.code).toBe(1);
    const summary = SummarySchema.parse(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    expect(summary.matched?.[0]?.acts.clarification).toMatchObject({ n: 40, both: 4, modelOnly: 0, humanOnly: 16, neither: 20 });
  });

  it('with rates: estimated, gates the estimated rates and says so in every output', async () => {
    const dir = setup({ 'log.jsonl': log('cand', 40, 20) });
    baselineWithEstimates(dir, 'human.json');
    // Any estimate is at least 0 and below 1: the verdicts do not depend on the model's numbers.
    writeFileSync(join(dir, 'grounding.yaml'), 'baseline: human.json\nrates: estimated\nmin_turns: 10\nthresholds:\n  clarification: { min_rate: 0 }\n  any: { min_rate: 1 }\n');
    const r = await cli(['gate', 'log.jsonl', '-o', 'results.junit.xml', '-o', 'summary.json'], { cwd: dir });
    expect(r.stdout).toMatch(/^pass {2}cand {2}clarification min_rate ≥ 0\.0% +est \d+\.\d% \[\d+\.\d–\d+\.\d\] n=40 +est \d+\.\d% is at or above the 0\.0% floor$/m);
    expect(r.stdout).toMatch(/^FAIL {2}cand {2}any min_rate ≥ 100\.0% +est /m);
    expect(r.stdout).toContain('Rates: estimated (min_rate, max_gap and max_regression read the rate corrected');
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'results.junit.xml'), 'utf8')).toContain('<property name="rates" value="estimated"/>');
    expect(SummarySchema.parse(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).rates).toBe('estimated');
    // The same summaries, written with tagged gaps, gated again with --summaries on the config's basis.
    expect((await cli(['analyze', 'log.jsonl', '--baseline', 'human.json', '-o', 'tagged.json'], { cwd: dir })).code).toBe(0);
    const again = await cli(['gate', '--summaries', 'tagged.json'], { cwd: dir });
    expect(again.stdout).toMatch(/^FAIL {2}cand {2}any min_rate ≥ 100\.0% +est /m);
    expect(again.code).toBe(1);
  });

  describe('exit 2', () => {
    it('with rates: estimated and a baseline without estimates, with a JUnit <error>', async () => {
      const dir = setup({ 'log.jsonl': log('cand', 40, 20) });
      baselineWithoutEstimates(dir, 'old.json');
      writeFileSync(join(dir, 'grounding.yaml'), `baseline: old.json\nrates: estimated\n${GATE}`);
      const r = await cli(['gate', 'log.jsonl', '-o', 'results.junit.xml'], { cwd: dir });
      expect(r.stderr).toContain(`${join(dir, 'old.json')}: expected a human baseline with estimated rates for --rates estimated, found one without`);
      expect(r.code).toBe(2);
      expect(readFileSync(join(dir, 'results.junit.xml'), 'utf8')).toContain('errors="1"');
    });

    it('on a config error, naming the key, with a JUnit <error>', async () => {
      const dir = setup({ 'grounding.yaml': 'thresholds:\n  clarification: { min_rate: 3 }\n', 'log.jsonl': log('cand', 40, 20) });
      const r = await cli(['gate', 'log.jsonl', '-o', 'results.junit.xml'], { cwd: dir });
      expect(r.stderr).toMatch(/grounding\.yaml: key `thresholds\.clarification\.min_rate`: .*0\.05 means 5%/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(2);
      expect(readFileSync(join(dir, 'results.junit.xml'), 'utf8')).toMatch(/<error message=".*min_rate.*" type="input"\/>/);
    });

    it('on unreadable input, naming file and line, with a JUnit <error>', async () => {
      const dir = setup({ 'grounding.yaml': GATE, 'log.jsonl': `${log('cand', 3, 1)}\n{"model": "cand", "messages": [\n` });
      const r = await cli(['gate', 'log.jsonl', '-o', 'results.junit.xml', '-o', 'summary.json'], { cwd: dir });
      expect(r.stderr).toMatch(/log\.jsonl:4: expected/);
      expect(r.code).toBe(2);
      expect(readFileSync(join(dir, 'results.junit.xml'), 'utf8')).toContain('errors="1"');
      expect(existsSync(join(dir, 'summary.json'))).toBe(false);
    });

    it('when the config names a baseline, a domain or a compare_to that cannot serve, naming the key', async () => {
      const dir = setup({ 'log.jsonl': log('cand', 40, 20), 'byrole.yaml': `compare_to: byrole.json\n${GATE}`, 'nobase.yaml': `baseline: nobase.json\n${GATE}`, 'domain.yaml': `baseline_domain: medical\n${GATE}` });
      expect((await cli(['analyze', 'log.jsonl', '--by', 'role', '-o', 'byrole.json'], { cwd: dir })).code).toBe(0);
      const byRole = await cli(['gate', 'log.jsonl', '-c', 'byrole.yaml', '-o', 'results.junit.xml'], { cwd: dir });
      expect(byRole.stderr).toMatch(/byrole\.json: expected a summary grouped by model .*found one grouped by role\. Fix compare_to/);
      expect(byRole.code).toBe(2);
      expect(readFileSync(join(dir, 'results.junit.xml'), 'utf8')).toContain('errors="1"');
      const noBase = await cli(['gate', 'log.jsonl', '-c', 'nobase.yaml'], { cwd: dir });
      expect(noBase.stderr).toMatch(/nobase\.json: expected a baseline JSON file, found no such file\. Fix the key `baseline` in .*nobase\.yaml/);
      expect(noBase.stderr).not.toContain('--baseline');
      expect(noBase.code).toBe(2);
      const domain = await cli(['gate', 'log.jsonl', '-c', 'domain.yaml'], { cwd: dir });
      expect(domain.stderr).toMatch(/Expected the key `baseline_domain` in .*domain\.yaml to be one of pooled, .*found `medical`/);
      expect(domain.code).toBe(2);
    });

    it('on an -o file it cannot write, with a JUnit <error> for the ones it can', async () => {
      const dir = setup({ 'grounding.yaml': GATE, 'log.jsonl': log('cand', 40, 20) });
      const r = await cli(['gate', 'log.jsonl', '-o', 'results.junit.xml', '-o', 'report.pdf'], { cwd: dir });
      expect(r.stderr).toMatch(/Expected an output file ending in \.xml, \.json, .*found `report\.pdf`/);
      expect(r.code).toBe(2);
      expect(readFileSync(join(dir, 'results.junit.xml'), 'utf8')).toContain('errors="1"');
    });

    it('when no config is found, when no model matches, and on a bad --format', async () => {
      const dir = setup({ 'log.jsonl': log('cand', 40, 20), 'other.yaml': `models: ["gpt-*"]\n${GATE}` });
      const none = await cli(['gate', 'log.jsonl'], { cwd: dir });
      expect(none.stderr).toMatch(/found none\. Run `grounding init`/);
      expect(none.code).toBe(2);
      const nomatch = await cli(['gate', 'log.jsonl', '-c', 'other.yaml'], { cwd: dir });
      expect(nomatch.stderr).toContain('Expected assistant turns from a model matching `gpt-*`, found only `cand`.');
      expect(nomatch.code).toBe(2);
      const format = await cli(['gate', 'log.jsonl', '-c', 'other.yaml', '--format', 'openai'], { cwd: dir });
      expect(format.stderr).toMatch(/Invalid values:[\s\S]*format/);
      expect(format.code).toBe(2);
    });
  });
});
