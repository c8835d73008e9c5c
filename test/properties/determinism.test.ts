/**
 * Property: tagging is deterministic. A conversation's tags depend on it alone: not on what was
 * tagged before it, not on how often it was tagged, not on the order of the input, not on the process.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Conversation, Role } from '../../src/model.js';
import { tagConversation } from '../../src/tag/tagger.js';
import { tempDir } from '../helpers/cli.js';
import { runCli } from '../hardening/helpers.js';
import { conversation, type GenConversation } from './arbitraries.js';

let made = 0;
function toConversation(c: GenConversation): Conversation {
  const id = `c${(made += 1)}`;
  const turns = c.messages
    .filter((m) => m.role !== 'system')
    .map((m, index) => ({ id: `${id}:${index}`, conversationId: id, index, role: m.role as Role, speaker: m.role, ...(c.model && { model: c.model }), text: m.text, meta: {} }));
  return { id, source: 'gen.jsonl', format: 'openai', turns, meta: {} };
}

const tags = (c: Conversation) => JSON.stringify(tagConversation(c).map((t) => ({ turn: t.turn.id, words: t.words, findings: t.findings })));

describe('tagging is deterministic', () => {
  it('the same conversation gets the same tags, whatever was tagged before it and however often', () => {
    fc.assert(
      fc.property(conversation(), fc.array(conversation(), { maxLength: 6 }), (subject, others) => {
        const target = toConversation(subject);
        const first = tags(target);
        for (const other of others) tagConversation(toConversation(other));
        expect(tags(target)).toBe(first);
        expect(tags(structuredClone(target))).toBe(first);
      }),
      { numRuns: 60 },
    );
  });

  it('the CLI tags a file the same in a fresh process, and in any record order', async () => {
    const dir = tempDir();
    const conversations = fc.sample(fc.array(conversation(), { minLength: 150, maxLength: 150 }), { seed: 7, numRuns: 1 })[0]!;
    const records = conversations.map((c, i) => JSON.stringify({ id: `c${i}`, model: c.model ?? 'm', messages: c.messages.map((m) => ({ role: m.role, content: m.text })) }));
    writeFileSync(join(dir, 'forward.jsonl'), records.join('\n'));
    writeFileSync(join(dir, 'backward.jsonl'), [...records].reverse().join('\n'));
    const byTurn = (stdout: string) => new Map(stdout.trim().split('\n').map((l) => [JSON.parse(l).turn_id as string, l]));
    const [a, b, c] = await Promise.all([
      runCli(['tag', join(dir, 'forward.jsonl'), '--no-progress'], dir),
      runCli(['tag', join(dir, 'forward.jsonl'), '--no-progress'], dir),
      runCli(['tag', join(dir, 'backward.jsonl'), '--no-progress'], dir),
    ]);
    for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const forward = byTurn(a.stdout);
    expect(forward.size).toBeGreaterThan(300);
    expect([...forward.values()].some((l) => l.includes('"act"'))).toBe(true);
    expect(byTurn(c.stdout)).toEqual(forward);
  });
});
