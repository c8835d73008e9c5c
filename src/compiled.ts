/**
 * The key of a form the build compiles from a data file (the lexicons, the tagger model, the
 * baseline's check): what it was made from, and the code that makes and reads it, as this install
 * has it. A run uses the compiled form only while its key is the one it would make now, so a
 * changed data file or a rebuilt module falls back to reading the data file itself.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `source`: a hash of the data; `from`: the calling module's `import.meta.url`; `modules`: the
 * modules that make and read the form, by name relative to the caller's folder (`'pattern'`,
 * `'../model'`), with the caller's own extension (.ts in tests, .js in dist); `extra`: anything
 * else the form depends on.
 */
export function compiledKey(source: string, from: string, modules: readonly string[], extra?: string): string {
  const here = fileURLToPath(from);
  const extension = here.slice(here.lastIndexOf('.'));
  const hash = createHash('sha256').update(source);
  for (const module of modules) hash.update('\0').update(readFileSync(join(dirname(here), `${module}${extension}`)));
  if (extra !== undefined) hash.update('\0').update(extra);
  return hash.digest('hex');
}

/** The sha-256 of some bytes, as hex. */
export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
