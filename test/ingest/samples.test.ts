import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const SAMPLES = fileURLToPath(new URL('../../corpora/samples/', import.meta.url));

describe('corpora/samples', () => {
  it('reads with --format auto into 12–20 conversations of 3–8 turns from acme-chat-1 and acme-chat-2', async () => {
    const { conversations, accounts } = await run([SAMPLES]);
    expect(conversations.length).toBeGreaterThanOrEqual(12);
    expect(conversations.length).toBeLessThanOrEqual(20);
    for (const c of conversations) {
      expect(c.turns.length, c.id).toBeGreaterThanOrEqual(3);
      expect(c.turns.length, c.id).toBeLessThanOrEqual(8);
    }
    expect(new Set(conversations.flatMap((c) => c.turns.map((t) => t.model)))).toEqual(new Set(['acme-chat-1', 'acme-chat-2']));
    expect(new Set(accounts.map((a) => a.format))).toEqual(new Set(['openai', 'chatgpt', 'sharegpt', 'transcript']));
    expect(accounts.every((a) => Object.keys(a.skipped).length === 0)).toBe(true);
  });

  it('matches the table in its README', async () => {
    const { accounts } = await run([SAMPLES]);
    const readme = readFileSync(`${SAMPLES}README.md`, 'utf8');
    const table = [...readme.matchAll(/^\| `([^`]+)` \| .* \| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(table).toEqual(accounts.map((a) => [basename(a.path), a.analyzed]));
  });
});
