/**
 * The real CLI, run as a child process from the built dist (`npm test` builds it first). These pin
 * the command-line contract of DESIGN.md: exit codes, outputs by extension, the `tag` line schema.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadLabelMap } from '../../src/eval/labelmap.js';
import { ADAPTERS } from '../../src/ingest/index.js';
import { SummarySchema, type Summary } from '../../src/measure/summary.js';
import { ACT_IDS, GATED_ACT_IDS, ROLES, type ActId } from '../../src/model.js';
import { CORPORA, cli, DIST_MAIN, ROOT, sample, tempDir } from '../helpers/cli.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const SHIPPED_BASELINE = JSON.parse(readFileSync(join(ROOT, 'corpora', 'baselines', 'human.json'), 'utf8')) as { version: string };
const SAMPLE_FILES = ['acme-support.jsonl', 'chatgpt-export.json', 'sharegpt.json', 'transcripts.txt'];

beforeAll(() => {
  if (!existsSync(DIST_MAIN)) {
    throw new Error(`${DIST_MAIN} is missing: the e2e tests run the built CLI. Run \`npm run build\` (\`npm test\` does it first).`);
  }
});

/** The first-column values of the table titled `title` (e.g. "assistant turns by model"). */
function tableKeys(stdout: string, title: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.indexOf(title);
  if (start < 0) throw new Error(`no table titled "${title}" in:\n${stdout}`);
  const keys: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('│') && !line.startsWith('┌') && !line.startsWith('├') && !line.startsWith('└')) break;
    if (!line.startsWith('│')) continue;
    const first = line.split('│')[1]!.trim();
    if (first) keys.push(first);
  }
  return keys.slice(1); // the header cell
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function readSummary(path: string): Summary {
  return SummarySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** A copy of the OpenAI sample with line 3 replaced by broken JSON: 4 records, one invalid. */
function brokenJsonl(dir: string): string {
  const lines = readFileSync(sample('acme-support.jsonl'), 'utf8').trimEnd().split('\n');
  lines.splice(2, 1, '{"id": "acme-broken", "messages": [');
  const path = join(dir, 'broken.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe.concurrent('grounding (help, version, usage errors)', () => {
  it('--help lists every command and the exit codes', async ({ expect }) => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['analyze', 'tag', 'explain', 'eval', 'baseline', 'formats']) expect(r.stdout).toContain(`grounding ${command}`);
    expect(r.stdout).toContain('Exit codes: 0 success, 1 a gate threshold missed, 2 usage or input error.');
    expect(r.stderr).toBe('');
  });

  it.for([
    ['analyze', ['--format', '--model', '--skip-invalid', '--progress', '--by', '--out', '--baseline', '--baseline-domain', '--color', '--rows']],
    ['tag', ['--format', '--model', '--skip-invalid', '--progress', '--out']],
    ['explain', ['--prev', '--role', '--json']],
    ['eval', ['--scheme', '--split', '--errors']],
    ['baseline', ['build', '--out']],
    ['formats', ['--help']],
  ] as const)('%s --help exits 0 and documents its options', async ([command, options], { expect }) => {
    const r = await cli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`grounding ${command}`);
    for (const option of options) expect(r.stdout).toContain(option);
    expect(r.stderr).toBe('');
  });

  it("--version prints package.json's version, on its own and after other options", async ({ expect }) => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${PKG.version}\n`);
    expect(r.stderr).toBe('');
    // Not the bin's fast path: yargs answers, after bin/grounding.js set its V8 heap flag (a V8 without it would complain here).
    const late = await cli(['--no-color', '--version']);
    expect(late.code).toBe(0);
    expect(late.stdout.trim()).toBe(PKG.version);
    expect(late.stderr).toBe('');
  });

  it.for([
    ['an unknown command', ['frobnicate'], /Expected a command \(analyze, .*\), found `frobnicate`/],
    ['an unknown option', ['analyze', sample('acme-support.jsonl'), '--frobnicate'], /Unknown argument: frobnicate/],
    ['no command', [], /Name a command; see grounding --help/],
    ['a command without its inputs', ['analyze'], /^grounding: /],
    ['an invalid choice', ['analyze', sample('acme-support.jsonl'), '--by', 'weekday'], /Invalid values/],
  ] as const)('%s exits 2 with a message on stderr', async ([, args, message], { expect }) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe.concurrent('grounding analyze', () => {
  it('prints one assistant row per model, the baseline line and the per-file accounts', async ({ expect }) => {
    const r = await cli(['analyze', 'corpora/samples']);
    expect(r.code, r.stderr).toBe(0);
    expect(tableKeys(r.stdout, 'assistant turns by model')).toEqual(['acme-chat-1', 'acme-chat-2']);
    expect(tableKeys(r.stdout, 'user turns by model')).toEqual(['acme-chat-1', 'acme-chat-2']);
    expect(r.stdout).toContain(`Human baseline ${SHIPPED_BASELINE.version}, domain pooled (the mean of its domains), from corpora/baselines/human.json`);

    const accounts = r.stderr.trim().split('\n');
    const records = SAMPLE_FILES.map((name) => {
      const line = accounts.find((l) => l.startsWith(`corpora/samples/${name} (`));
      expect(line, `an account line for ${name}`).toBeDefined();
      const m = /: (\d+) records, (\d+) analyzed, (\d+) skipped/.exec(line!);
      expect(m, line).not.toBeNull();
      expect(Number(m![2]) + Number(m![3])).toBe(Number(m![1]));
      return Number(m![1]);
    });
    const total = /^total: 4 files, (\d+) records, (\d+) analyzed, 0 skipped/m.exec(r.stderr);
    expect(total, r.stderr).not.toBeNull();
    expect(Number(total![1])).toBe(records.reduce((a, b) => a + b, 0));
    expect(Number(total![2])).toBe(Number(total![1]));
  });

  it('writes .json, .csv, .md and .html for repeated -o, and the JSON is a valid, balanced summary', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const r = await cli(['analyze', join(ROOT, 'corpora/samples'), '-o', 'x.json', '-o', 'x.csv', '-o', 'x.md', '-o', 'x.html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['x.csv', 'x.html', 'x.json', 'x.md']);
    for (const name of ['x.json', 'x.csv', 'x.md', 'x.html']) expect(r.stderr).toContain(`wrote ${name}`);

    const summary = readSummary(join(dir, 'x.json'));
    expect(summary.tool).toEqual({ name: 'grounding', version: PKG.version });
    expect(summary.groupBy).toBe('model');
    expect(summary.baseline).toMatchObject({ version: SHIPPED_BASELINE.version, domain: 'pooled' });
    expect(summary.input.files).toHaveLength(SAMPLE_FILES.length);
    for (const file of summary.input.files) expect(file.analyzed + sum(file.skipped), file.path).toBe(file.records);
    expect(summary.input.conversations).toBe(summary.input.files.reduce((n, f) => n + f.analyzed, 0));
    expect(summary.groups.filter((g) => g.role === 'assistant').map((g) => g.value)).toEqual(['acme-chat-1', 'acme-chat-2']);

    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toMatch(/^role,group,act,/);
    expect(readFileSync(join(dir, 'x.md'), 'utf8')).toContain('acme-chat-1');
    expect(readFileSync(join(dir, 'x.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('refuses -o out.txt with exit 2, naming the accepted extensions, and writes nothing', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const r = await cli(['analyze', join(ROOT, 'corpora/samples'), '-o', 'ok.json', '-o', 'out.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('out.txt');
    for (const ext of ['.json', '.csv', '.md', '.html']) expect(r.stderr).toContain(ext);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it.for([
    ['role', (s: Summary) => expect(s.groups.map((g) => g.value)).toEqual(['assistant', 'user'])],
    ['source', (s: Summary) => expect(new Set(s.groups.map((g) => g.value))).toEqual(new Set(SAMPLE_FILES.map((f) => `corpora/samples/${f}`)))],
    [
      'conversation',
      (s: Summary) => {
        const values = new Set(s.groups.map((g) => g.value));
        expect(values.size).toBe(s.input.conversations);
        for (const id of ['acme-1-timestamp', 'c0a1-trip', 'share-regex']) expect(values).toContain(id);
      },
    ],
  ] as const)('--by %s groups by that key', async ([by, check], { expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const r = await cli(['analyze', 'corpora/samples', '--by', by, '-o', join(dir, 's.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`assistant turns by ${by}`);
    expect(r.stdout).not.toContain('assistant turns by model');
    const summary = readSummary(join(dir, 's.json'));
    expect(summary.groupBy).toBe(by);
    check(summary);
  });

  it('exits 2 when --baseline names a missing file', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const r = await cli(['analyze', join(ROOT, 'corpora/samples'), '--baseline', 'missing.json', '-o', 's.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.json: expected a baseline JSON file, found no such file/);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 on an unknown --baseline-domain, listing the domains', async ({ expect }) => {
    const r = await cli(['analyze', 'corpora/samples', '--baseline-domain', 'mars']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pooled, support, persuasion, tutoring');
    expect(r.stderr).toContain('`mars`');
  });

  it('compares with nothing under --no-baseline', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const r = await cli(['analyze', 'corpora/samples', '--no-baseline', '-o', join(dir, 's.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('No human baseline was used.');
    expect(r.stdout).not.toContain('Human baseline');
    expect(r.stdout).not.toMatch(/\bvs \d/);
    const summary = readSummary(join(dir, 's.json'));
    expect(summary.baseline).toBeNull();
    for (const g of summary.groups) for (const a of ACT_IDS) expect(g.acts[a].baseline).toBeNull();
  });

  it('exits 2 with the file named when --format openai is forced on a ChatGPT export', async ({ expect }) => {
    const r = await cli(['analyze', 'corpora/samples/chatgpt-export.json', '--format', 'openai']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^grounding: corpora\/samples\/chatgpt-export\.json:\d+ .*OpenAI/m);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on an unknown --format, listing the adapter ids', async ({ expect }) => {
    const r = await cli(['analyze', 'corpora/samples/acme-support.jsonl', '--format', 'nope']);
    expect(r.code).toBe(2);
    for (const { id } of ADAPTERS) expect(r.stderr).toContain(id);
  });

  it('exits 2 on a line of invalid JSON, naming file:line, and counts it as skipped under --skip-invalid', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const broken = brokenJsonl(dir);
    const [strict, lenient] = await Promise.all([
      cli(['analyze', broken]),
      cli(['analyze', broken, '--skip-invalid', '-o', 'skip.json'], { cwd: dir }),
    ]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${broken}:3: expected valid JSON`);
    expect(strict.stderr).toContain('--skip-invalid');
    expect(strict.stdout).toBe('');

    expect(lenient.code, lenient.stderr).toBe(0);
    const [file] = readSummary(join(dir, 'skip.json')).input.files;
    expect(file).toMatchObject({ path: broken, format: 'openai', records: 4, analyzed: 3, skipped: { 'invalid JSON': 1 } });
    expect(lenient.stderr).toContain('4 records, 3 analyzed, 1 skipped (invalid JSON: 1)');
  });

  it('reads a gzipped log', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const gz = join(dir, 'acme-support.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(sample('acme-support.jsonl'))));
    const r = await cli(['analyze', gz, '-o', join(dir, 's.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(tableKeys(r.stdout, 'assistant turns by model')).toEqual(['acme-chat-1']);
    expect(readSummary(join(dir, 's.json')).input.files).toMatchObject([{ path: gz, format: 'openai', records: 4, analyzed: 4 }]);
  });

  it('reads a log piped to stdin as -', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const r = await cli(['analyze', '-', '-o', join(dir, 's.json')], { input: readFileSync(sample('acme-support.jsonl')) });
    expect(r.code, r.stderr).toBe(0);
    expect(tableKeys(r.stdout, 'assistant turns by model')).toEqual(['acme-chat-1']);
    expect(readSummary(join(dir, 's.json')).input.files).toMatchObject([{ path: '-', format: 'openai', records: 4, analyzed: 4 }]);
  });

  it('exits 2 before reading anything when an -o folder does not exist', async ({ expect }) => {
    const r = await cli(['analyze', sample('acme-support.jsonl'), '-o', '/nonexistent-grounding-dir/s.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Expected an existing folder for the output /nonexistent-grounding-dir/s.json');
    expect(r.stdout).toBe('');
  });
});

/** The `tag` line, exactly as DESIGN.md's command-line contract fixes it. */
const ActSchema = z
  .object({
    act: z.enum(ACT_IDS),
    // A cue or rule of the act, or `model` when the learned tagger found the act with none of its own.
    rule: z.string().regex(/^(?:[a-z-]+\/[a-z0-9-]+|model)$/),
    sentence: z.number().int().nonnegative(),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    text: z.string().min(1),
  })
  .strict();
const TagLineSchema = z
  .object({
    conversation_id: z.string().min(1),
    turn_id: z.string().min(1),
    role: z.enum(ROLES),
    speaker: z.string(),
    model: z.string().nullable(),
    acts: z.array(ActSchema),
  })
  .strict();
type TagLine = z.infer<typeof TagLineSchema>;
const LINE_KEYS = ['conversation_id', 'turn_id', 'role', 'speaker', 'model', 'acts'];
const ACT_KEYS = ['act', 'rule', 'sentence', 'start', 'end', 'text'];

function parseTagLines(stdout: string): TagLine[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const raw = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(raw)).toEqual(LINE_KEYS);
      for (const act of raw.acts as Array<Record<string, unknown>>) expect(Object.keys(act)).toEqual(ACT_KEYS);
      return TagLineSchema.parse(raw);
    });
}

describe.concurrent('grounding tag', () => {
  it('writes one contract-shaped JSON line per turn, with offsets into the turn text', async ({ expect }) => {
    const r = await cli(['tag', 'corpora/samples']);
    expect(r.code, r.stderr).toBe(0);
    const lines = parseTagLines(r.stdout);
    expect(new Set(lines.map((l) => l.model))).toEqual(new Set(['acme-chat-1', 'acme-chat-2']));
    expect(lines.some((l) => l.acts.length > 0)).toBe(true);
    for (const l of lines) for (const a of l.acts) expect(a.end).toBeGreaterThan(a.start);
    expect(r.stderr).toMatch(/^total: 4 files, /m);

    // OpenAI records have no message ids: turns are `<conversation>:<index>` over the kept (non-system) messages.
    const records = readFileSync(sample('acme-support.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; messages: Array<{ role: string; content: string }> });
    for (const record of records) {
      const kept = record.messages.filter((m) => m.role !== 'system');
      const turns = lines.filter((l) => l.conversation_id === record.id);
      expect(turns.map((t) => t.turn_id)).toEqual(kept.map((_, i) => `${record.id}:${i}`));
      turns.forEach((t, i) => {
        expect(t.role).toBe(kept[i]!.role);
        for (const a of t.acts) expect(kept[i]!.content.slice(a.start, a.end)).toBe(a.text);
      });
    }
  });

  it('--explain adds each act’s probability and, per line, every act’s probability, threshold and weightiest features', async ({ expect }) => {
    const r = await cli(['tag', sample('acme-support.jsonl'), '--explain']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { conversation_id: string; acts: Array<{ p?: number }>; explain: Array<{ act: string; p: number; threshold: number; tagged: boolean; unit: { text: string } | null; features: Array<{ feature: string; weight: number; means: string }> }> });
    expect(lines.length).toBeGreaterThan(5);
    for (const [i, line] of lines.entries()) {
      // Every act answers the turn before: the model reads nothing in a turn that opens its conversation.
      const opens = i === 0 || lines[i - 1]!.conversation_id !== line.conversation_id;
      expect(line.explain.map((e) => e.act)).toEqual(opens ? [] : [...ACT_IDS]);
      for (const e of line.explain) {
        expect(e.p).toBeGreaterThanOrEqual(0);
        expect(e.p).toBeLessThanOrEqual(1);
        // The model tags an act past its threshold; a gated one (reassurance) only where its gate opens too.
        if (GATED_ACT_IDS.has(e.act as ActId)) expect(!e.tagged || e.p >= e.threshold).toBe(true);
        else expect(e.tagged).toBe(e.p >= e.threshold);
        for (const f of e.features) expect(f.means).not.toBe('');
      }
      for (const a of line.acts) expect(a.p).toBeGreaterThan(0);
    }
    expect(lines.some((l) => l.explain.some((e) => e.features.some((f) => f.feature.startsWith('rule:'))))).toBe(true);
  });

  it('--explain with the rules alone is a usage error: they have no probabilities', async ({ expect }) => {
    const r = await cli(['tag', sample('acme-support.jsonl'), '--explain', '--tagger', 'rules']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--explain with the learned tagger, found --tagger rules/);
  });

  it('uses the ChatGPT node ids of the active branch as turn_id', async ({ expect }) => {
    const r = await cli(['tag', 'corpora/samples/chatgpt-export.json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = parseTagLines(r.stdout);
    const exported = JSON.parse(readFileSync(sample('chatgpt-export.json'), 'utf8')) as Array<{
      id: string;
      mapping: Record<string, { message: { author: { role: string } } | null }>;
    }>;
    for (const l of lines) {
      const conversation = exported.find((c) => c.id === l.conversation_id);
      expect(conversation, l.conversation_id).toBeDefined();
      expect(conversation!.mapping[l.turn_id]?.message?.author.role, l.turn_id).toBe(l.role);
    }
    expect(lines.map((l) => l.turn_id)).toEqual([
      'trip-u1', 'trip-a1', 'trip-u2', 'trip-a2', 'trip-u3', 'trip-a3',
      'sql-u1', 'sql-a1', 'sql-u2', 'sql-a2', 'sql-u3',
      'mail-u1', 'mail-a1', 'mail-u2', 'mail-a2', 'mail-u3',
    ]);
  });

  it('--out writes the same lines to the file, and leaves no temp file', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const [toStdout, toFile] = await Promise.all([cli(['tag', 'corpora/samples']), cli(['tag', join(ROOT, 'corpora/samples'), '--out', 'f.jsonl'], { cwd: dir })]);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['f.jsonl']);
    const strip = (lines: TagLine[]) => lines.map((l) => JSON.stringify(l));
    expect(strip(parseTagLines(readFileSync(join(dir, 'f.jsonl'), 'utf8')))).toEqual(strip(parseTagLines(toStdout.stdout)));
  });

  it('exits 2 on invalid input, naming file:line', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const broken = brokenJsonl(dir);
    const r = await cli(['tag', broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${broken}:3: expected valid JSON`);
  });

  it('with --out, exits 2 on invalid input and leaves neither the file nor a temp file', async ({ expect, onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const broken = brokenJsonl(dir);
    const r = await cli(['tag', broken, '--out', join(dir, 't.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${broken}:3: expected valid JSON`);
    expect(readdirSync(dir).filter((f) => f.includes('t.jsonl'))).toEqual([]);
  });
});

describe.concurrent('grounding explain and formats', () => {
  const ARGS = ['explain', 'Do you mean the 2019 or the 2021 edition?', '--prev', 'I need the report.'];

  it('names the rule that tags a clarification', async ({ expect }) => {
    const r = await cli(ARGS);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('clarification/do-you-mean');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('tagged: clarification (clarification/do-you-mean)');
  });

  it('--json prints parseable findings and sentence traces', async ({ expect }) => {
    const r = await cli([...ARGS, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const parsed = JSON.parse(r.stdout) as { findings: Array<{ act: string; rule: string; start: number; end: number }>; sentences: Array<{ text: string; decisions: unknown[] }> };
    expect(parsed.findings).toMatchObject([{ act: 'clarification', rule: 'clarification/do-you-mean', start: 0, end: 41 }]);
    expect(parsed.sentences).toHaveLength(1);
    expect(parsed.sentences[0]!.decisions.length).toBeGreaterThan(0);
  });

  it('formats lists every adapter id', async ({ expect }) => {
    const r = await cli(['formats']);
    expect(r.code, r.stderr).toBe(0);
    const ids = r.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual(ADAPTERS.map((a) => a.id));
  });
});

describe.concurrent('grounding eval (fixtures)', () => {
  it('scores the hand-written MRDA fixture', async ({ expect }) => {
    const r = await cli(['eval', 'test/fixtures/eval/mrda', '--scheme', 'mrda']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('mrda val (test/fixtures/eval/mrda): 1 dialogues, 15 scored units');
  });

  it('exits 2 on a missing corpus path', async ({ expect }) => {
    const r = await cli(['eval', 'some/missing/path', '--scheme', 'mrda']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('some/missing/path');
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a split the corpus does not have', async ({ expect }) => {
    const r = await cli(['eval', 'test/fixtures/eval/mrda', '--scheme', 'mrda', '--split', 'test']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a `test` folder for --split test/);
  });
});

const MRDA_VAL = join(CORPORA, 'labeled', 'mrda', 'val');
const NO_MRDA = !existsSync(MRDA_VAL);
if (NO_MRDA) console.warn(`skipped the MRDA eval e2e test: ${MRDA_VAL} is absent (the shared corpora are never committed; see ../shared/corpora/README.md)`);

describe.skipIf(NO_MRDA)('grounding eval (shared MRDA corpus)', () => {
  it('prints precision, recall and F1 for every mapped act', async () => {
    const r = await cli(['eval', MRDA_VAL, '--scheme', 'mrda'], { timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/│ act\s+│ precision │ recall │\s+F1 │ support │ tagged │/);
    const mapped = Object.keys(loadLabelMap('mrda').acts);
    expect(mapped.length).toBeGreaterThan(0);
    for (const act of mapped) {
      const row = r.stdout.split('\n').find((l) => l.startsWith(`│ ${act} `));
      expect(row, `a row for ${act}`).toBeDefined();
      const cells = row!.split('│').slice(1, -1).map((c) => c.trim());
      expect(cells).toHaveLength(6);
      for (const cell of cells.slice(1, 4)) expect(cell, `${act}: ${row}`).toMatch(/^(\d\.\d{3}|—)$/);
      expect(Number(cells[4])).toBeGreaterThan(0); // support
    }
  });
});
