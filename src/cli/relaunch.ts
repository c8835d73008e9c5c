/**
 * A long run in this thread alone (`--jobs 1`, or one core) goes to a child process whose young
 * generation is larger than V8's default: 64 MB semi-spaces instead of 16. What a conversation
 * allocates while it is tagged then dies young instead of being copied and promoted, and the
 * collector's share falls. On the benchmark's 100 MB, given to node directly, it took 6% of the
 * wall time and 10% of the CPU time off `--jobs 1` (medians of five alternating rounds; README,
 * Performance), for about 100 MB more peak RSS (320 MB against 222 MB). V8 sizes the young
 * generation when a process starts, so a process cannot grow its own; hence the child. It costs
 * one more start-up, which is why only inputs of LONG_RUN_BYTES or more are relaunched. Workers
 * (`--jobs` 2 and up) keep their own small young generation (parallel/pool.ts), which bounds their
 * memory.
 *
 * GROUNDING_RELAUNCH=0 never relaunches, =1 always does (tests); a `--max-semi-space-size` of the
 * caller's own (in NODE_OPTIONS or node's arguments) is kept as it is.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const YOUNG_SEMI_SPACE_MB = 64;
/**
 * The child starts the command line again: about 0.5 s (analyze on one conversation, 1.16 s
 * relaunched against 0.63 s, medians of eight alternating runs). At about 0.28 s a megabyte on
 * one thread, the larger young generation saves some 0.02 s a megabyte, so from 64 MB on it
 * saves more than twice what the child costs.
 */
export const LONG_RUN_BYTES = 64 * 1024 * 1024;
/** Set in the child, which must not relaunch again. */
const RELAUNCHED = 'GROUNDING_RELAUNCHED';
const SEMI_SPACE_FLAG = '--max-semi-space-size';
/** node's flag for the child's young generation (scripts/profile.mjs gives it too). */
export const YOUNG_GENERATION_FLAG = `${SEMI_SPACE_FLAG}=${YOUNG_SEMI_SPACE_MB}`;

/**
 * The bytes of the files the inputs name: files, and the files in folders (globs and stdin count
 * nothing). Counting stops once it reaches `enough`: ingest walks the folders again, so a large
 * tree is not read through twice only to learn that it is large.
 */
export function inputBytes(inputs: readonly string[], enough = Infinity): number {
  let bytes = 0;
  for (const input of inputs) {
    if (bytes >= enough) break;
    try {
      const stat = statSync(input);
      if (stat.isFile()) bytes += stat.size;
      else if (stat.isDirectory()) {
        for (const entry of readdirSync(input, { recursive: true, withFileTypes: true })) {
          if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
          if (bytes >= enough) break;
        }
      }
    } catch {
      // A glob, `-`, or a path that ingest will report as missing.
    }
  }
  return bytes;
}

export interface RelaunchContext {
  env: NodeJS.ProcessEnv;
  /** node's own arguments (process.execArgv). */
  execArgv: readonly string[];
}

/** Whether a run with `jobs` over `inputs` should go to a child with the larger young generation. */
export function wantsRelaunch(jobs: number, inputs: readonly string[], { env, execArgv }: RelaunchContext): boolean {
  if (env[RELAUNCHED] !== undefined || env.GROUNDING_RELAUNCH === '0' || jobs !== 1) return false;
  if (execArgv.some((a) => a.startsWith(SEMI_SPACE_FLAG)) || (env.NODE_OPTIONS ?? '').includes(SEMI_SPACE_FLAG)) return false;
  return env.GROUNDING_RELAUNCH === '1' || inputBytes(inputs, LONG_RUN_BYTES) >= LONG_RUN_BYTES;
}

/**
 * Run `script` with `args` again in a child node with the larger young generation, sharing this
 * process's terminal, and give its exit code. Ctrl-C reaches both; this process waits for the
 * child, and passes on a SIGTERM sent to it alone.
 */
export async function relaunch(script: string, args: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, YOUNG_GENERATION_FLAG, script, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  const onInterrupt = () => {
    // The child has it too (same process group) and decides; this process waits for its exit code.
  };
  const onTerminate = () => child.kill('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 2)));
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
  }
}
