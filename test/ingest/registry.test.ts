import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_IDS } from '../../src/choices.js';
import { UsageError } from '../../src/errors.js';
import { ADAPTERS, detectFormat, getAdapter, listFormats, matchFormats } from '../../src/ingest/registry.js';
import { openInput } from '../../src/ingest/source.js';
import { fixture } from './helpers.js';

const IDS = ['chatgpt', 'claude', 'openai', 'sharegpt', 'wildchat', 'lmsys', 'convokit', 'transcript', 'esconv', 'persuasionforgood', 'mathdial', 'multiwoz'];
const matches = (head: string) => matchFormats({ path: 'x', head }).map((a) => a.id);

describe('registry', () => {
  it('has the twelve adapters, each id once and in a file of its own name, in the order --help names them', () => {
    expect(ADAPTERS.map((a) => a.id)).toEqual(IDS);
    expect(FORMAT_IDS).toEqual(IDS);
    for (const id of IDS) expect(existsSync(new URL(`../../src/ingest/${id}.ts`, import.meta.url)), id).toBe(true);
  });

  it('lists formats with descriptions and extensions for --help', () => {
    const formats = listFormats();
    expect(formats.map((f) => f.id)).toEqual(IDS);
    for (const f of formats) {
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.extensions.length).toBeGreaterThan(0);
    }
  });

  const FIXTURES: [string, string][] = [
    ['chatgpt', 'chatgpt/conversations.json'],
    ['claude', 'claude/conversations.json'],
    ['openai', 'openai/chat.jsonl'],
    ['openai', 'openai/chat-array.json'],
    ['sharegpt', 'sharegpt/sharegpt.json'],
    ['wildchat', 'wildchat/wildchat.jsonl'],
    ['lmsys', 'lmsys/lmsys.jsonl'],
    ['convokit', 'convokit/corpus/utterances.jsonl'],
    ['transcript', 'transcript/chat.txt'],
    ['esconv', 'esconv/sample.txt'],
    ['persuasionforgood', 'persuasionforgood/full_dialog.csv'],
    ['mathdial', 'mathdial/test.jsonl'],
    ['multiwoz', 'multiwoz/dialogues_001.json'],
  ];

  it.each(FIXTURES)('detects %s in %s, and nothing else', async (id, path) => {
    const { head } = await openInput(fixture(path));
    expect(matches(head)).toEqual([id]);
  });

  it('has a detection fixture for every adapter', () => {
    expect(new Set(FIXTURES.map(([id]) => id))).toEqual(new Set(IDS));
    expect(readdirSync(fixture()).length).toBeGreaterThan(0);
  });

  it('tells OpenAI, WildChat and LMSYS records apart by their keys', () => {
    const messages = '[{"role":"user","content":"hi"}]';
    expect(matches(`{"id":"1","model":"m","messages":${messages}}`)).toEqual(['openai']);
    expect(matches(`{"conversation_hash":"h","model":"m","conversation":${messages}}`)).toEqual(['wildchat']);
    expect(matches(`{"model":"m","conversation":${messages},"turn":1,"language":"English","toxic":false}`)).toEqual(['wildchat']);
    expect(matches(`{"conversation_id":"c","model":"m","conversation":${messages},"turn":1,"language":"English"}`)).toEqual(['lmsys']);
  });

  it('detects from the keys when the first record runs past the head', () => {
    expect(matches('[{"title":"t","create_time":1,"mapping":{"a":{"id":"a","message":{"content":{"parts":["very long')).toEqual(['chatgpt']);
    expect(matches('{"id":"x","messages":[{"role":"user","content":"cut off')).toEqual(['openai']);
  });

  it('does not take labelled headings or prose for a transcript', () => {
    expect(matches('Basic Labels:\nDialogue Act   Labels\nGeneral Labels:\n')).toEqual([]);
    expect(matches('See https://example.com for details.\nUser: hi\nAssistant: hello\n')).toEqual([]);
  });

  it('fails on no match or several with a UsageError listing the accepted ids and --format', () => {
    const none = () => detectFormat({ path: 'notes.json', head: '{"settings": {}}' });
    expect(none).toThrow(UsageError);
    expect(none).toThrow(`notes.json: expected a file in one of the formats ${IDS.join(', ')}, found none that matches. Pass --format NAME to choose one.`);
    expect(() => detectFormat({ path: 'x.json', head: '[{"mapping": {}, "chat_messages": []}]' })).toThrow(/found several that match \(chatgpt, claude\)\. Pass --format NAME/);
  });

  it('looks adapters up by id, and lists the ids for an unknown one', () => {
    expect(getAdapter('esconv').id).toBe('esconv');
    expect(() => getAdapter('csv')).toThrow(UsageError);
    expect(() => getAdapter('csv')).toThrow(`Expected --format auto or one of ${IDS.join(', ')}, found \`csv\`. Pass one of those names.`);
  });
});
