// Where `grounding analyze --jobs 1` spends its time: `npm run profile` (builds first).
//
// Builds an input like the benchmark's (the shared WildChat sample repeated in OpenAI `messages`
// form, 20 MB by default, `--mb N`) in a temporary folder, runs `analyze --jobs 1` on it under
// `node --cpu-prof` (from 64 MB on, with the larger young generation a relaunch would give it,
// src/cli/relaunch.ts), writes the profile to .bench/profile/ (open it in Chrome DevTools or
// speedscope), and prints the functions with the most self time, the garbage collector's share
// and the share of each source folder. The next person to work on speed starts here.
//
// `-- --stages` profiles nothing: it times the floor (reading and parsing, in a process of its own
// as in `npm run bench`), then each stage of `analyze` in one process (scripts/stages.mjs): the
// read into the corpus model, tagging with the learned tagger and with the rules alone, and the
// counting, each also as a multiple of the floor. `--jobs 1` at 0.20× the floor (the benchmark's
// target) is five floors for all of them together.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLog, SAMPLE } from './wildchat-log.mjs';
import { LONG_RUN_BYTES, YOUNG_GENERATION_FLAG } from '../dist/cli/relaunch.js';
import { FLOOR, measure } from './timing.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, '.bench', 'profile');
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const MB = value('--mb', 20);
const TOP = value('--top', 25);
const STAGES = args.includes('--stages');

if (!existsSync(SAMPLE)) {
  console.error(`profile: expected the shared WildChat sample at ${SAMPLE}, found none. The profile needs ../shared/corpora next to the project.`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'grounding-profile-'));
try {
  const log = join(dir, `wildchat-${MB}mb.jsonl`);
  await buildLog(log, MB * 1024 * 1024);
  if (STAGES) await printStages(log);
  else await printProfile(log);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** `analyze --jobs 1` on the input under --cpu-prof, and where its time went. */
async function printProfile(log) {
  mkdirSync(OUT, { recursive: true });
  const before = new Set(readdirSync(OUT));
  console.error(`profile: analyze --jobs 1 on ${(statSync(log).size / 1024 / 1024).toFixed(0)} MB under --cpu-prof …`);
  const started = process.hrtime.bigint();
  // An input this large runs with the larger young generation a relaunch would give it (src/cli/relaunch.ts), given here so the work stays in the profiled process.
  const young = statSync(log).size >= LONG_RUN_BYTES ? [YOUNG_GENERATION_FLAG] : [];
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', OUT, ...young, join(ROOT, 'bin', 'grounding.js'), 'analyze', log, '--jobs', '1', '--no-progress', '--no-color'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`profile: analyze exited with ${code}`);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const file = readdirSync(OUT).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (!file) throw new Error(`profile: no .cpuprofile appeared in ${OUT}`);
  const profile = JSON.parse(readFileSync(join(OUT, file), 'utf8'));

  // Self time per node: the samples that landed in it, each weighed by its time delta.
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  const byFolder = new Map();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.startsWith('file://') ? relative(ROOT, fileURLToPath(url)) : url || '(native)';
    const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const folder = where.startsWith('dist/') ? where.split('/').slice(0, 2).join('/') : where.startsWith('node_modules/') ? where.split('/').slice(0, 2).join('/') : functionName.startsWith('(') ? functionName : 'node internals';
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const rows = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${pct(us)}  ${(us / 1e6).toFixed(2).padStart(6)} s  ${k}`);
  console.log(`analyze --jobs 1: ${wall.toFixed(2)} s wall, ${(total / 1e6).toFixed(2)} s sampled on the main thread; profile ${relative(ROOT, join(OUT, file))}\n`);
  console.log(`Top ${TOP} functions by self time:`);
  console.log(rows(byFunction, TOP).join('\n'));
  console.log('\nBy source folder (dist/<stage>, node_modules/<package>, the collector and idle):');
  console.log(rows(byFolder, 15).join('\n'));
}

/** The floor, then each stage in one process with the young generation `analyze` would run with. */
async function printStages(log) {
  const size = statSync(log).size;
  console.error(`profile: the floor and each stage of analyze on ${(size / 1024 / 1024).toFixed(0)} MB …`);
  const floor = (await measure(process.execPath, ['-e', FLOOR, log], { cwd: ROOT })).seconds;
  const young = size >= LONG_RUN_BYTES ? [YOUNG_GENERATION_FLAG] : [];
  const child = spawn(process.execPath, [...young, join(ROOT, 'scripts', 'stages.mjs'), log], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`profile: scripts/stages.mjs exited with ${code}`);
  const { conversations, characters, seconds } = JSON.parse(out);
  const total = seconds.ingest + seconds.learned + seconds.count;
  const row = (name, s) => `| ${name} | ${s.toFixed(2)} s | ${(s / floor).toFixed(1)}× | ${((100 * s) / total).toFixed(0)}% |`;
  console.log(`${conversations} conversations, ${(characters / 1e6).toFixed(1)} M characters of turns; each stage timed alone, in one process, after the read.\n`);
  console.log('| stage | seconds | floors | share of the three |');
  console.log('|---|--:|--:|--:|');
  console.log(`| floor (read and JSON.parse, a process of its own) | ${floor.toFixed(2)} s | 1.0× | |`);
  console.log(row('read into the corpus model (ingest)', seconds.ingest));
  console.log(row('tag, learned tagger', seconds.learned));
  console.log(`| tag, rules alone (not in the sum) | ${seconds.rules.toFixed(2)} s | ${(seconds.rules / floor).toFixed(1)}× | |`);
  console.log(row('count (tallies, coordination, trajectory, matched pairs)', seconds.count));
  console.log(`| **the three** | **${total.toFixed(2)} s** | **${(total / floor).toFixed(1)}×** | |`);
  console.log(`\n\`analyze --jobs 1\` at 0.20× the floor would take ${(5 * floor).toFixed(2)} s for all of it, start-up included.`);
}
