/** The human baseline: the shipped file validates, bad files are refused by field, and it is not stale. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildBaseline, DOMAIN_SOURCES } from '../../src/baseline/build.js';
import { checkBaseline, chooseBaseline, defaultBaselinePath, loadBaseline, readBaseline, SCHEMA_MODULES } from '../../src/baseline/load.js';
import { BASELINE_SCHEMA, BaselineSchema } from '../../src/baseline/schema.js';
import { UsageError } from '../../src/errors.js';
import { ACT_IDS } from '../../src/model.js';
import { ROOT } from '../helpers/cli.js';

const SHIPPED = fileURLToPath(new URL('../../corpora/baselines/human.json', import.meta.url));
const HUMAN = fileURLToPath(new URL('../../../shared/corpora/human', import.meta.url));
const NO_HUMAN = !existsSync(HUMAN);
const DOMAINS = DOMAIN_SOURCES.map((s) => s.domain);

/** The baseline file as plain JSON, for tests that break it on purpose. */
type Raw = Record<string, any>;
const shipped = () => JSON.parse(readFileSync(SHIPPED, 'utf8')) as Raw;

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grounding-baseline-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Load `value` written as a baseline file; return the UsageError it raises. */
function loadError(value: unknown, raw?: string): { error: UsageError; file: string } {
  const file = join(scratch(), 'baseline.json');
  writeFileSync(file, raw ?? JSON.stringify(value));
  try {
    loadBaseline(file);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { error: error as UsageError, file };
  }
  throw new Error(`expected ${file} to be refused`);
}

describe('the build\u2019s check of the shipped baseline', () => {
  /** A check of the shipped file, written where a test can change it. */
  function checked(): string {
    const file = join(scratch(), 'baseline-checked.json');
    writeFileSync(file, checkBaseline(SHIPPED));
    return file;
  }

  it('reads the shipped file from a check of its bytes, as validating it reads it', () => {
    const read = readBaseline(SHIPPED, undefined, checked());
    expect(read.from).toBe('checked');
    expect(read.baseline).toEqual(readBaseline(SHIPPED, undefined, null).baseline);
    expect(read.baseline).toEqual(BaselineSchema.parse(shipped()));
  });

  it('validates a file of other bytes, and still refuses a bad one', () => {
    const check = checked();
    const same = join(scratch(), 'human.json');
    writeFileSync(same, `${readFileSync(SHIPPED, 'utf8')}\n`);
    expect(readBaseline(same, undefined, check).from).toBe('json');
    const bad = shipped();
    bad.pooled.acts.clarification.rate = 2;
    const file = join(scratch(), 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    expect(() => readBaseline(file, undefined, check)).toThrow(/field `pooled\.acts\.clarification\.rate`/);
  });

  it('ignores a check made from other schemas, and an absent or unreadable one', () => {
    const check = checked();
    const data = JSON.parse(readFileSync(check, 'utf8')) as Raw;
    writeFileSync(check, JSON.stringify({ ...data, key: `${data.key.slice(1)}0` }));
    expect(readBaseline(SHIPPED, undefined, check).from).toBe('json');
    expect(readBaseline(SHIPPED, undefined, join(scratch(), 'none.json')).from).toBe('json');
    writeFileSync(check, '{"key":');
    expect(readBaseline(SHIPPED, undefined, check).from).toBe('json');
  });

  it('keys the check on every project module the schema reads schemas from', () => {
    const schema = readFileSync(fileURLToPath(new URL('../../src/baseline/schema.ts', import.meta.url)), 'utf8');
    const read = [...schema.matchAll(/^import \{[^}]*\} from '(\.\.?\/[^']+)\.js';$/gm)].map((m) => m[1]!);
    expect([...SCHEMA_MODULES].sort()).toEqual(['schema', ...read].sort());
  });

  it('was written by the build, and the built modules read the shipped baseline from it', async () => {
    const built = (await import(pathToFileURL(join(ROOT, 'dist', 'baseline', 'load.js')).href)) as typeof import('../../src/baseline/load.js');
    expect(existsSync(built.checkedBaselineFile())).toBe(true);
    const read = built.readBaseline(built.defaultBaselinePath());
    expect(read.from).toBe('checked');
    expect(read.baseline).toEqual(loadBaseline());
  });
});

describe('loadBaseline', () => {
  it('loads and validates the shipped corpora/baselines/human.json by default', () => {
    expect(defaultBaselinePath()).toBe(SHIPPED);
    const baseline = loadBaseline();
    expect(BaselineSchema.parse(shipped())).toEqual(baseline);
    expect(baseline.schema).toBe(BASELINE_SCHEMA);
    expect(baseline.role).toBe('assistant');
    expect(Object.keys(baseline.domains)).toEqual(DOMAINS);
    for (const entry of [...Object.values(baseline.domains), baseline.pooled]) {
      expect(Object.keys(entry.acts)).toEqual([...ACT_IDS]);
      expect(entry.turns).toBeGreaterThan(0);
    }
    for (const entry of Object.values(baseline.domains)) for (const act of ACT_IDS) expect(entry.acts[act].n).toBe(entry.turns);
    // Pooled weighs the domains the same: the mean of their rates, on the effective n of that mean.
    const domains = Object.values(baseline.domains);
    expect(baseline.pooled.turns).toBe(domains.reduce((n, d) => n + d.turns, 0));
    for (const act of ACT_IDS) {
      expect(baseline.pooled.acts[act].rate).toBeCloseTo(domains.reduce((s, d) => s + d.acts[act].rate!, 0) / domains.length, 12);
      expect(baseline.pooled.acts[act].n).toBeGreaterThan(0);
      expect(baseline.pooled.acts[act].scores).toEqual({});
    }
  });

  it('loads a file written before estimates, with every estimate null', () => {
    const old = shipped();
    delete old.tagger.model;
    for (const entry of [...Object.values(old.domains as Record<string, Raw>), old.pooled]) {
      for (const rate of [...ACT_IDS.map((a) => entry.acts[a]), entry.any]) {
        delete rate.estimate;
        delete rate.scores;
      }
    }
    const file = join(scratch(), 'old.json');
    writeFileSync(file, JSON.stringify(old));
    const baseline = loadBaseline(file);
    expect(baseline.tagger.model).toBeNull();
    expect(baseline.pooled.acts.clarification).toMatchObject({ count: old.pooled.acts.clarification.count, estimate: null, scores: {} });
    expect(baseline.domains.support!.any.estimate).toBeNull();
  });

  it('refuses an estimate outside [0, 1] and a score band that is not one', () => {
    const value = shipped();
    value.pooled.acts.repair.estimate = { rate: 1.5, ci: [1, 2] };
    expect(loadError(value).error.message).toContain('field `pooled.acts.repair.estimate.rate`:');
    const bands = shipped();
    bands.pooled.any.scores = { typed: { '0.5': 3 } };
    expect(loadError(bands).error.message).toContain('field `pooled.any.scores.typed.0.5`:');
  });

  it.each([
    ['a rate above 1', (b: Raw) => void (b.pooled.acts.clarification.rate = 2), 'pooled.acts.clarification.rate'],
    ['a negative turn count', (b: Raw) => void (b.domains.support.turns = -1), 'domains.support.turns'],
    ['a missing act', (b: Raw) => void delete b.domains.tutoring.acts.repair, 'domains.tutoring.acts.repair'],
    ['a missing tagger', (b: Raw) => void delete b.tagger, 'tagger'],
    ['another schema version', (b: Raw) => void (b.schema = 'grounding.baseline/v0'), 'schema'],
  ])('refuses %s with a UsageError naming the field', (_name, mutate, field) => {
    const value = shipped();
    mutate(value);
    const { error, file } = loadError(value);
    expect(error.message).toContain(`${file}: field \`${field}\`:`);
    expect(error.message).toContain('grounding baseline build');
  });

  it('refuses unreadable JSON and a missing file, saying what to do', () => {
    const { error, file } = loadError(null, '{"schema": ');
    expect(error.message).toMatch(new RegExp(`^${file}: expected a baseline JSON file, found unreadable JSON`));
    const missing = join(scratch(), 'nope.json');
    expect(() => loadBaseline(missing)).toThrow(new UsageError(`${missing}: expected a baseline JSON file, found no such file. Pass --baseline FILE, or run \`grounding baseline build\`.`));
  });
});

describe('chooseBaseline', () => {
  it('picks pooled or a domain of the shipped file', () => {
    expect(chooseBaseline(undefined, 'pooled')).toMatchObject({ domain: 'pooled', path: 'corpora/baselines/human.json' });
    for (const domain of DOMAINS) expect(chooseBaseline(undefined, domain).domain).toBe(domain);
    expect(chooseBaseline(SHIPPED, 'support').path).toBe(SHIPPED);
  });

  it('refuses an unknown domain with a UsageError listing the domains', () => {
    expect(() => chooseBaseline(undefined, 'mars')).toThrow(UsageError);
    expect(() => chooseBaseline(undefined, 'mars')).toThrow(`Expected --baseline-domain to be one of pooled, ${DOMAINS.join(', ')}; found \`mars\`.`);
  });
});

describe('buildBaseline', () => {
  it('refuses a folder without the corpora, naming the missing file', async () => {
    const dir = scratch();
    await expect(buildBaseline(dir)).rejects.toThrow(UsageError);
    await expect(buildBaseline(dir)).rejects.toThrow(join(dir, DOMAIN_SOURCES[0]!.files[0]!));
  });
});

if (NO_HUMAN) console.warn(`skipped the baseline staleness check: ${HUMAN} is absent (the shared corpora are never committed; see ../shared/corpora/README.md)`);

describe.skipIf(NO_HUMAN)('the shipped baseline (staleness check on ../shared/corpora/human)', () => {
  // One build for both checks: it tags some 30,000 turns.
  let built: Promise<Awaited<ReturnType<typeof buildBaseline>>> | undefined;
  const build = () => (built ??= buildBaseline(HUMAN));

  it('pools the domains with equal weights: the mean of their rates and estimates, whatever their sizes', { timeout: 120_000 }, async () => {
    const fresh = await build();
    const domains = Object.values(fresh.domains);
    expect(Object.keys(fresh.domains)).toEqual(['support', 'persuasion', 'tutoring', 'task']);
    for (const act of ACT_IDS) {
      const rates = domains.map((d) => d.acts[act]);
      const pooled = fresh.pooled.acts[act];
      expect(pooled.rate).toBeCloseTo(rates.reduce((s, r) => s + r.rate!, 0) / rates.length, 12);
      // The effective n: the rate's binomial variance over that of the mean of four domains.
      const variance = rates.reduce((s, r) => s + (r.rate! * (1 - r.rate!)) / r.n, 0) / 16;
      if (variance > 0) expect(pooled.n).toBe(Math.max(1, Math.round((pooled.rate! * (1 - pooled.rate!)) / variance)));
      if (pooled.estimate) expect(pooled.estimate.rate).toBeCloseTo(rates.reduce((s, r) => s + r.estimate!.rate, 0) / rates.length, 12);
    }
    expect(fresh.domains.task!.turns).toBe(7374);
    expect(fresh.pooled.turns).toBe(domains.reduce((s, d) => s + d.turns, 0));
  });

  it('equals a fresh build from the human corpora with the current tagger', { timeout: 120_000 }, async () => {
    const fresh = JSON.parse(JSON.stringify(await build())) as unknown;
    expect(
      fresh,
      'the shipped baseline is stale; run `npm run build && node bin/grounding.js baseline build ../shared/corpora/human -o corpora/baselines/human.json`',
    ).toEqual(shipped());
  });
});
