/**
 * MRDA and SWDA as the held-out check feeds them to `grounding tag --format convokit`: one turn per
 * utterance, roles as the ConvoKit adapter assigns them. Checked against that adapter itself: the
 * fixture written out as ConvoKit utterances and ingested gives the same turns, roles and tags.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toConversation } from '../../../src/eval/conversation.js';
import { evaluate } from '../../../src/eval/evaluate.js';
import { loadLabelMap } from '../../../src/eval/labelmap.js';
import { readLabelled } from '../../../src/eval/read/index.js';
import type { EvalDialogue } from '../../../src/eval/read/types.js';
import { ingest } from '../../../src/ingest/index.js';
import type { ActId, Conversation } from '../../../src/model.js';
import { tagConversation } from '../../../src/tag/tagger.js';
import { tempDir } from '../../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/eval/', import.meta.url));

/** The dialogue as ConvoKit utterances, ingested by the ConvoKit adapter as `grounding tag --format convokit` would. */
async function viaConvokit(dialogue: EvalDialogue): Promise<Conversation> {
  const file = join(tempDir(), 'utterances.jsonl');
  const lines = dialogue.turns.map((t, i) => JSON.stringify({ id: `u${i}`, speaker: t.speaker, conversation_id: dialogue.id, 'reply-to': i ? `u${i - 1}` : null, text: t.units[0]!.text, meta: {} }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { conversations } = await ingest([file], { format: 'convokit', skipInvalid: false });
  const out: Conversation[] = [];
  for await (const c of conversations) out.push(c);
  expect(out).toHaveLength(1);
  return out[0]!;
}

const shape = (c: Conversation) => c.turns.map((t) => [t.speaker, t.role, t.text]);

describe('readPipeDialogue', () => {
  it('makes every MRDA utterance its own turn, the first speaker the user and the others assistants', () => {
    const [dialogue] = readLabelled('mrda', join(FIXTURES, 'mrda', 'val'), 'val');
    expect(dialogue!.format).toBe('convokit');
    expect(dialogue!.turns).toHaveLength(15);
    expect(dialogue!.turns.every((t) => t.units.length === 1)).toBe(true);
    // "okay." and the "do you mean …?" after it: one speaker, two turns.
    expect(dialogue!.turns.slice(1, 3).map((t) => [t.speaker, t.role, t.units[0]!.labels])).toEqual([
      ['me002', 'assistant', ['b']],
      ['me002', 'assistant', ['br']],
    ]);
    expect(new Set(dialogue!.turns.filter((t) => t.speaker === 'me001').map((t) => t.role))).toEqual(new Set(['user']));
  });

  it.each([
    ['MRDA', 'mrda', join(FIXTURES, 'mrda', 'val')],
    ['SWDA', 'swda', join(FIXTURES, 'swda', 'tiny.txt')],
  ] as const)('gives the turns, roles and tags of the ConvoKit adapter on %s', async (_name, scheme, path) => {
    const [dialogue] = readLabelled(scheme, path, 'val');
    const fed = await viaConvokit(dialogue!);
    const { conversation } = toConversation(dialogue!);
    expect(shape(conversation)).toEqual(shape(fed));
    // What eval counts per unit is what `grounding tag` finds per turn.
    const tagged = tagConversation(fed, { tagger: 'rules' }).map((t) => [...new Set(t.findings.map((f) => f.act))].sort());
    const seen: ActId[][] = [];
    evaluate([dialogue!], loadLabelMap(scheme), { tagger: 'rules', onUnit: (_unit, _gold, findings) => seen.push([...new Set(findings.map((f) => f.act))].sort()) });
    expect(seen).toEqual(tagged);
  });

  it('keeps a well-known speaker name in its role, as the ConvoKit adapter does', async () => {
    const file = join(tempDir(), 'Named001.txt');
    writeFileSync(file, 'B|what do you mean by cheap?|br\nagent|under ten dollars.|sd\nA|i see.|bk\n');
    const [dialogue] = readLabelled('swda', file, 'val');
    expect(dialogue!.turns.map((t) => [t.speaker, t.role])).toEqual([
      ['B', 'user'],
      ['agent', 'assistant'],
      ['A', 'assistant'],
    ]);
    expect(shape(toConversation(dialogue!).conversation)).toEqual(shape(await viaConvokit(dialogue!)));
  });
});
