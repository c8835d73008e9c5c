/** `main(argv, io)` in-process: it returns the exit code, writes only to the injected io and never calls process.exit. */
import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ADAPTERS } from '../../src/ingest/index.js';
import { SummarySchema } from '../../src/measure/summary.js';
import { DIST_MAIN, ROOT, SAMPLES, distModulesLoadedBy, sample, tempDir, testIo } from '../helpers/cli.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const run = (io: ReturnType<typeof testIo>, ...args: string[]) => main(['node', 'grounding', ...args], io);

let exit: MockInstance<typeof process.exit>;
let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
let exitCode: typeof process.exitCode;

beforeEach(() => {
  exitCode = process.exitCode;
  exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`process.exit(${String(code)}) was called`);
  });
  log = vi.spyOn(console, 'log');
  error = vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(exit, 'main must never call process.exit').not.toHaveBeenCalled();
  expect(log, 'main must write to io.stdout, not the console').not.toHaveBeenCalled();
  expect(error, 'main must write to io.stderr, not the console').not.toHaveBeenCalled();
  expect(process.exitCode, 'main returns the code; bin/grounding.js sets process.exitCode').toBe(exitCode);
  vi.restoreAllMocks();
});

describe('main', () => {
  it('returns 0 for --help and writes the help to io.stdout', async () => {
    const io = testIo();
    await expect(run(io, '--help')).resolves.toBe(0);
    expect(io.stdout.text).toContain('grounding <command> [options]');
    expect(io.stdout.text).toContain('Commands:');
    expect(io.stderr.text).toBe('');
  });

  it('returns 0 for a command --help', async () => {
    const io = testIo();
    await expect(run(io, 'analyze', '--help')).resolves.toBe(0);
    expect(io.stdout.text).toContain('--baseline-domain');
  });

  it('returns 0 for --version and prints the package version', async () => {
    const io = testIo();
    await expect(run(io, '--version')).resolves.toBe(0);
    expect(io.stdout.text).toBe(`${PKG.version}\n`);
  });

  it('returns 0 for formats, listing every adapter', async () => {
    const io = testIo();
    await expect(run(io, 'formats')).resolves.toBe(0);
    for (const { id } of ADAPTERS) expect(io.stdout.text).toMatch(new RegExp(`^${id} `, 'm'));
  });

  it('returns 0 for explain', async () => {
    const io = testIo();
    await expect(run(io, 'explain', 'Got it.', '--prev', 'My train leaves at nine.')).resolves.toBe(0);
    expect(io.stdout.text).toMatch(/^tagged: acknowledgement \(acknowledgement\/[a-z-]+\)$/m);
  });

  it('explain says when a rule that fired leaves the decision to the model in a user’s turn of typed chat', async () => {
    const note = "understanding-check/echo tags on its own only in assistant turns of typed chat: in a user's turn the model decides";
    const explain = async (...args: string[]) => {
      const io = testIo();
      await expect(run(io, 'explain', 'Wordpad?', '--prev', 'We stored all of them in wordpad.', ...args)).resolves.toBe(0);
      return io.stdout.text;
    };
    expect(await explain('--role', 'user')).toContain(note);
    expect(await explain('--role', 'assistant')).not.toContain('tags on its own only');
    expect(await explain('--role', 'user', '--tagger', 'rules')).not.toContain('tags on its own only');
  });

  it.each([
    ['an unknown command', ['frobnicate'], 'Expected a command (analyze, tag, gate, init, '],
    ['an unknown option', ['formats', '--frobnicate'], 'Unknown argument: frobnicate'],
    ['no command', [], 'Name a command'],
    ['a bad choice', ['explain', 'Hi.', '--role', 'narrator'], 'Invalid values'],
    ['a missing required option', ['eval', 'somewhere'], 'Missing required argument: scheme'],
    // yargs reads `bar` as --foo's value and chooses analyze, which main had not loaded: it loads it and parses again.
    ['an unknown option with a value before the command', ['--foo', 'bar', 'analyze', 'x.jsonl'], 'Expected a command (analyze, tag, gate, init, merge, queue, worker, replay, explain, eval, baseline, formats), found `bar`'],
  ])('returns 2 for %s, with the message on io.stderr', async (_name, args, message) => {
    const io = testIo();
    await expect(run(io, ...args)).resolves.toBe(2);
    expect(io.stderr.text).toContain(`grounding: ${message}`);
    expect(io.stdout.text).toBe('');
  });

  it('returns 2 for an input error, naming file:line', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const io = testIo();
    const bad = join(dir, 'bad.jsonl');
    copyFileSync(sample('acme-support.jsonl'), bad);
    appendFileSync(bad, 'not json\n');
    await expect(run(io, 'analyze', bad)).resolves.toBe(2);
    expect(io.stderr.text).toContain(`${bad}:5: expected valid JSON`);
    expect(io.stdout.text).toBe('');
  });

  it('runs analyze with -o and --baseline paths', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    copyFileSync(join(ROOT, 'corpora', 'baselines', 'human.json'), join(dir, 'b.json'));
    const io = testIo();
    await expect(run(io, 'analyze', sample('acme-support.jsonl'), '--baseline', join(dir, 'b.json'), '-o', join(dir, 'summary.json'))).resolves.toBe(0);
    expect(io.stdout.text).toContain('assistant turns by model');
    expect(io.stdout.text).toContain(join(dir, 'b.json'));
    expect(io.stderr.text).toContain(`wrote ${join(dir, 'summary.json')}`);
    const summary = SummarySchema.parse(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    expect(summary.baseline?.path).toBe(join(dir, 'b.json'));
  });

  it('shows at most --rows groups per table, while -o holds them all; refuses a negative --rows', async ({ onTestFinished }) => {
    const dir = tempDir(onTestFinished);
    const io = testIo();
    await expect(run(io, 'analyze', sample('acme-support.jsonl'), '--by', 'conversation', '--rows', '1', '-o', join(dir, 'summary.json'))).resolves.toBe(0);
    const summary = SummarySchema.parse(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    const assistants = summary.groups.filter((g) => g.role === 'assistant').length;
    expect(assistants).toBeGreaterThan(1);
    expect(io.stdout.text).toContain(`… ${assistants - 1} more conversation${assistants === 2 ? '' : 's'} not shown: --rows 0 shows them all`);
    const refused = testIo();
    await expect(run(refused, 'analyze', sample('acme-support.jsonl'), '--rows', '-1')).resolves.toBe(2);
    expect(refused.stderr.text).toContain('Expected --rows to be a whole number of at least 0, found `-1`');
  });

  it('runs tag, writing the lines to io.stdout and the accounts to io.stderr', async () => {
    const io = testIo();
    await expect(run(io, 'tag', sample('sharegpt.json'))).resolves.toBe(0);
    const lines = io.stdout.text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ conversation_id: expect.stringMatching(/^share-/), model: 'acme-chat-2' });
    expect(io.stderr.text).toMatch(/^total: 1 file, 3 records, 3 analyzed, 0 skipped/m);
  });

  it('returns 2 for an internal error (here, an io.stdout that throws) and asks for a report', async () => {
    const io = testIo();
    const broken = new Writable({
      write() {
        throw new Error('stdout is gone');
      },
    });
    await expect(main(['node', 'grounding', 'formats'], { ...io, stdout: broken })).resolves.toBe(2);
    expect(io.stderr.text).toContain('grounding: internal error: stdout is gone');
    expect(io.stderr.text).toContain('Please report this');
  });

  it('never touches the real process streams when given an io', async () => {
    const io = testIo();
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    await run(io, 'frobnicate');
    await run(io, '--help');
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  });
});

describe('what a command loads', () => {
  /** The project's modules (under dist/) the built CLI loads to run `args`; `relaunching`: as the process that hands a long run to a child (its stand-in exits 0). */
  function loadedBy(args: string[], { relaunching = false } = {}): string[] {
    return distModulesLoadedBy(
      `
      const { Writable } = await import('node:stream');
      const { main } = await import(${JSON.stringify(pathToFileURL(DIST_MAIN).href)});
      const none = new Writable({ write: (_c, _e, done) => done() });
      await main(['node', 'grounding', ...${JSON.stringify(args)}], { stdin: process.stdin, stdout: none, stderr: none, interactive: false${relaunching ? ', relaunch: async () => 0' : ''} });`,
      relaunching ? { GROUNDING_RELAUNCH: '1' } : {},
    );
  }
  // What a command's options need: the command line's own modules and the choices it offers.
  const OPTIONS = ['choices.js', 'cli/io.js', 'cli/main.js', 'cli/options.js', 'errors.js', 'version.js'];

  it('--help loads no command and no stage', () => {
    expect(loadedBy(['--help']).sort()).toEqual(['cli/io.js', 'cli/main.js', 'errors.js', 'version.js']);
  });

  it('a command\u2019s --help loads its options, and no stage', () => {
    for (const command of ['analyze', 'tag', 'gate']) {
      expect(loadedBy([command, '--help']).sort(), command).toEqual([...OPTIONS, `cli/${command}.js`].sort());
    }
  });

  it('a run handed to a child loads no stage here, only the relaunch', () => {
    for (const command of ['analyze', 'tag', 'gate']) {
      expect(loadedBy([command, SAMPLES, '--jobs', '1'], { relaunching: true }).sort(), command).toEqual([...OPTIONS, `cli/${command}.js`, 'cli/relaunch.js'].sort());
    }
  });

  it('a command loads its own modules and what they use, not the other commands', () => {
    const loaded = loadedBy(['analyze', SAMPLES, '--no-progress']);
    expect(loaded).toContain('cli/run/analyze.js');
    expect(loaded).toContain('pipeline.js');
    expect(loaded.filter((m) => m.startsWith('cli/') && !['cli/main.js', 'cli/io.js', 'cli/options.js', 'cli/progress.js', 'cli/relaunch.js'].includes(m)).sort()).toEqual(['cli/analyze.js', 'cli/run/analyze.js']);
    expect(loaded.filter((m) => /^(eval|gate|replay\/(run|client|sample)|train|queue\/(run|worker|redis))/.test(m))).toEqual([]);
  });
});
