// The input of `npm run bench` and `npm run profile`: the shared WildChat sample (../shared/corpora,
// never committed) repeated under new ids in OpenAI `messages` form, one conversation a line.
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE = join(fileURLToPath(new URL('..', import.meta.url)), '..', 'shared', 'corpora', 'llm', 'wildchat-sample', 'wildchat_sample_normalized.json');

/** Write the sample repeated to `path` until the file reaches `bytes`. */
export async function buildLog(path, bytes) {
  const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  const out = createWriteStream(path);
  let written = 0;
  for (let copy = 0; written < bytes; copy += 1) {
    for (const c of sample) {
      const line = `${JSON.stringify({ id: `${c.id}#${copy}`, model: c.model, messages: c.messages })}\n`;
      written += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
      if (written >= bytes) break;
    }
  }
  out.end();
  await once(out, 'finish');
  return { lines: sample.length, bytes: statSync(path).size };
}
