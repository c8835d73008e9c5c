/**
 * The typed-chat reader on a hand-written fixture (test/fixtures/eval/typed-chat/, written for
 * these tests in the corpus's schema, not taken from it): each item a two-turn dialogue, only the
 * second turn scored, weighted by strata.json.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { readLabelled } from '../../../src/eval/read/index.js';
import { readTypedChat } from '../../../src/eval/read/typed-chat.js';
import { tempDir } from '../../helpers/cli.js';

const DIR = fileURLToPath(new URL('../../fixtures/eval/typed-chat/', import.meta.url));

/** A folder holding the fixture's strata.json and a dev.jsonl of the given lines. */
function withDev(lines: readonly string[]): string {
  const dir = tempDir();
  copyFileSync(join(DIR, 'strata.json'), join(dir, 'strata.json'));
  writeFileSync(join(dir, 'dev.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

const GOOD = JSON.stringify({ item: 'x1', source: 'sharegpt', stratum: 'asst-plain', prev_role: 'user', prev_text: 'Hi.', role: 'assistant', text: 'Hello!', acts: [] });

describe('typed-chat reader', () => {
  it('reads each dev item as two turns, the second scored with its acts, role and stratum weight', () => {
    const dialogues = readLabelled('typed-chat', DIR, 'dev');
    expect(dialogues.map((d) => d.id)).toEqual(['tc-d01', 'tc-d02', 'tc-d03', 'tc-d04', 'tc-d05', 'tc-d06', 'tc-d07']);
    expect(dialogues[2]).toEqual({
      id: 'tc-d03',
      // Items of one conversation share a group: training's folds keep them together.
      group: 'sharegpt/conv-tc-d03',
      turns: [
        { speaker: 'assistant', role: 'assistant', units: [{ text: 'Here is the JavaScript code you asked for.', labels: [], scored: false }] },
        { speaker: 'user', role: 'user', units: [{ text: "No, that's not what I asked. I wanted the Python version.", labels: ['repair'], scored: true, role: 'user', weight: 1 }] },
      ],
    });
    // sharegpt/asst-plain weighs 18 in the fixture's strata.json.
    expect(dialogues[5]!.turns[1]!.units[0]!.weight).toBe(18);
  });

  it('reads val as dev, train alone, and train then dev for all', () => {
    expect(readLabelled('typed-chat', DIR, 'val').map((d) => d.id)).toEqual(readLabelled('typed-chat', DIR, 'dev').map((d) => d.id));
    expect(readLabelled('typed-chat', DIR, 'train').map((d) => d.id)).toEqual(['tc-t01', 'tc-t02']);
    expect(readLabelled('typed-chat', DIR, 'all')).toHaveLength(9);
  });

  it('reads one file, with the weights of the strata.json beside it, and without weights when there is none', () => {
    expect(readLabelled('typed-chat', join(DIR, 'train.jsonl'), 'dev')[1]!.turns[1]!.units[0]).toMatchObject({ labels: ['followup'], weight: 4 });
    const bare = join(tempDir(), 'dev.jsonl');
    writeFileSync(bare, `${GOOD}\n`);
    expect(readLabelled('typed-chat', bare, 'dev')[0]!.turns[1]!.units[0]).not.toHaveProperty('weight');
  });

  it('refuses a split it has no file for', () => {
    expect(() => readLabelled('typed-chat', DIR, 'test')).toThrow(UsageError);
    expect(() => readLabelled('typed-chat', DIR, 'test')).toThrow('expected the typed-chat file test.jsonl for --split test, found none');
  });

  it.each([
    ['an act that is not an act id', GOOD.replace('"acts":[]', '"acts":["backchannel"]'), '(field `acts[0]`): expected one of "clarification", "understanding-check", "acknowledgement", "followup", "repair" in a typed-chat item, found the string "backchannel".'],
    ['a missing field', GOOD.replace('"text":"Hello!",', ''), '(field `text`): expected a string in a typed-chat item, found nothing.'],
    ['a role that is neither user nor assistant', GOOD.replace('"prev_role":"user"', '"prev_role":"system"'), '(field `prev_role`): expected one of "user", "assistant" in a typed-chat item'],
    ['a stratum strata.json does not weigh', GOOD.replace('asst-plain', 'asst-other'), '(field `stratum`): expected a stratum that strata.json weighs'],
    ['a line that is not JSON', '{"item": "x2", ', ': expected a typed-chat item as one JSON object a line, found invalid JSON.'],
  ])('refuses %s, naming file:line and the field', (_name, bad, message) => {
    const dir = withDev([GOOD, bad]);
    const file = join(dir, 'dev.jsonl');
    expect(() => readLabelled('typed-chat', dir, 'dev')).toThrow(InputError);
    expect(() => readLabelled('typed-chat', dir, 'dev')).toThrow(`${file}:2`);
    expect(() => readLabelled('typed-chat', dir, 'dev')).toThrow(message);
  });

  it('takes weights from the caller when reading a file directly', () => {
    const file = join(tempDir(), 'dev.jsonl');
    writeFileSync(file, `${GOOD}\n`);
    expect(readTypedChat(file, { 'sharegpt/asst-plain': 3 })[0]!.turns[1]!.units[0]!.weight).toBe(3);
    expect(readTypedChat(file, null)[0]!.turns[1]!.units[0]).toMatchObject({ labels: [], scored: true, role: 'assistant' });
  });
});
