// What `npm run bench` and `npm run bench:against` time with: the floor, a command run in a process
// of its own, and medians.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';

/** The floor: what reading and parsing alone costs, in a process of its own like the analyzer (`node -e FLOOR file`). */
export const FLOOR = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
(async () => {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) if (line) { JSON.parse(line); n += 1; }
  process.stdout.write(String(n));
})();`;

export const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Run a command to completion: its wall seconds, and, when /usr/bin/time can tell, its peak RSS in
 * MB and its CPU seconds (user + system; else null).
 */
export async function measure(command, commandArgs, { cwd, env = {} }) {
  const argv = TIME ? ['-f', 'maxrss_kb=%M cpu=%U+%S', command, ...commandArgs] : commandArgs;
  const started = process.hrtime.bigint();
  const child = spawn(TIME ?? command, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const [code] = await once(child, 'close');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${command} ${commandArgs.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`);
  const rss = /maxrss_kb=(\d+)/.exec(stderr);
  const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : null, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
