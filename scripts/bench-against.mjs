// `analyze --jobs 1` against an earlier build, on the benchmark's input: `npm run bench:against -- REF`
// (builds first). REF is a commit, e.g. the build before the learned tagger (2e93a34), whose
// throughput the tagger issue asks this build to keep 80% of, as a ratio to the floor measured in
// the same run. On this shared machine a single run of each varies by 20–40%, so runs alternate:
// each round times the floor, this build and REF one after the other, and the figures are medians
// over the rounds, with each round's ratio printed too. CPU seconds (user + system) are printed
// beside wall seconds: they vary less with what else the machine runs.
//
// REF is checked out into a temporary git worktree, linked to this project's node_modules and built
// there with its own `npm run build`; the worktree and the input are removed afterwards.
//   --runs N   rounds (default 3)     --mb N   input size in MB (default 100)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOOR, measure, median, TIME } from './timing.mjs';
import { buildLog, SAMPLE } from './wildchat-log.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const ref = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const RUNS = value('--runs', 3);
const MB = value('--mb', 100);

const fail = (message) => {
  console.error(`bench:against: ${message}`);
  process.exit(2);
};
if (!ref) fail('expected the commit to compare with, e.g. `npm run bench:against -- 2e93a34`.');
if (!existsSync(SAMPLE)) fail(`expected the shared WildChat sample at ${SAMPLE}, found none. The benchmark needs ../shared/corpora next to the project.`);
if (!TIME) fail("expected /usr/bin/time (Debian's `time` package) to measure CPU time, found none.");
const commit = spawnSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' });
if (commit.status !== 0) fail(`\`${ref}\` is no commit of this repository (git rev-parse: ${commit.stderr.trim()}).`);
const sha = commit.stdout.trim();

/** Wall and CPU seconds of a node command run to completion. */
const measureNode = async (commandArgs, cwd) => {
  const { seconds, cpu } = await measure(process.execPath, commandArgs, { cwd });
  return { wall: seconds, cpu };
};

const dir = mkdtempSync(join(tmpdir(), 'grounding-against-'));
const tree = join(dir, 'ref');
try {
  console.error(`bench:against: checking out ${sha.slice(0, 10)} into ${tree} and building it …`);
  const add = spawnSync('git', ['worktree', 'add', '--detach', tree, sha], { cwd: ROOT, encoding: 'utf8' });
  if (add.status !== 0) fail(`git worktree add failed: ${add.stderr.trim()}`);
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: tree, encoding: 'utf8' });
  if (build.status !== 0) fail(`\`npm run build\` of ${sha.slice(0, 10)} failed:\n${(build.stdout + build.stderr).slice(-2000)}`);

  const log = join(dir, `wildchat-${MB}mb.jsonl`);
  console.error(`bench:against: writing ${log} …`);
  await buildLog(log, MB * 1024 * 1024);
  const analyze = (root) => [join(root, 'bin', 'grounding.js'), 'analyze', log, '--jobs', '1', '--no-progress', '--no-color'];

  const rounds = [];
  for (let r = 1; r <= RUNS; r += 1) {
    console.error(`bench:against: round ${r} of ${RUNS} …`);
    const floor = await measureNode(['-e', FLOOR, log], ROOT);
    const here = await measureNode(analyze(ROOT), ROOT);
    const then = await measureNode(analyze(tree), tree);
    rounds.push({ floor, here, then });
  }

  const s = (x) => `${x.toFixed(2)} s`;
  const pct = (x) => `${(100 * x).toFixed(0)}%`;
  const head = spawnSync('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
  const lines = [
    `\`analyze --jobs 1\` on ${MB} MB of the WildChat sample repeated, ${RUNS} alternating rounds, ${new Date().toISOString().slice(0, 10)}:`,
    '',
    '| build | wall (median) | CPU (median) | wall, round by round |',
    '|---|--:|--:|---|',
    `| floor: read + \`JSON.parse\` per line | ${s(median(rounds.map((x) => x.floor.wall)))} | ${s(median(rounds.map((x) => x.floor.cpu)))} | ${rounds.map((x) => x.floor.wall.toFixed(2)).join(', ')} |`,
    `| ${sha.slice(0, 10)} | ${s(median(rounds.map((x) => x.then.wall)))} | ${s(median(rounds.map((x) => x.then.cpu)))} | ${rounds.map((x) => x.then.wall.toFixed(2)).join(', ')} |`,
    `| this build (${head}${dirty ? ', with uncommitted changes' : ''}) | ${s(median(rounds.map((x) => x.here.wall)))} | ${s(median(rounds.map((x) => x.here.cpu)))} | ${rounds.map((x) => x.here.wall.toFixed(2)).join(', ')} |`,
    '',
    // Throughput as a ratio to the floor of the same round, this build's over REF's: the floor cancels out.
    `This build's throughput as a share of ${sha.slice(0, 10)}'s (each against the floor of its round): median ${pct(median(rounds.map((x) => x.then.wall / x.here.wall)))} (rounds ${rounds.map((x) => pct(x.then.wall / x.here.wall)).join(', ')}); in CPU seconds, ${pct(median(rounds.map((x) => x.then.cpu / x.here.cpu)))}.`,
  ];
  console.log(lines.join('\n'));
} finally {
  spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT });
  rmSync(dir, { recursive: true, force: true });
}
