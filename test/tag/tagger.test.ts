/**
 * Whole conversations through tagConversation: the seams between turns (each read against the
 * one before, the first against nothing), artefacts written on request, role-play, determinism
 * and the positions findings carry.
 */
import { describe, expect, it } from 'vitest';
import { FindingSchema, type Conversation, type Role, type TaggedTurn } from '../../src/model.js';
import { segment } from '../../src/segment/sentences.js';
import { ingest } from '../../src/ingest/index.js';
import { tagConversation as tagWith, tagLastTurn as tagLastWith, tagView as viewWith, viewOf, type TagOptions, type ViewOptions } from '../../src/tag/tagger.js';
import { SAMPLES } from '../helpers/cli.js';
import { FIXTURES } from '../ingest/helpers.js';

// The seams below are pinned on the lexicons and rules, which the learned tagger reads as
// features; the learned tagger's own seams are checked at the end.
const tagConversation = (c: Conversation, options: TagOptions = {}) => tagWith(c, { tagger: 'rules', ...options });
const tagLastTurn = (c: Conversation, options: TagOptions = {}) => tagLastWith(c, { tagger: 'rules', ...options });
const tagView = (view: Parameters<typeof viewWith>[0], prev: Parameters<typeof viewWith>[1], id: string, trace = false, options: ViewOptions = {}) => viewWith(view, prev, id, trace, { tagger: 'rules', ...options });

/** A conversation from [role, text] pairs, as an adapter would build it. */
function conversation(id: string, turns: Array<[Role, string]>): Conversation {
  return {
    id,
    source: 'test.jsonl',
    format: 'test',
    meta: {},
    turns: turns.map(([role, text], index) => ({ id: `${id}-t${index}`, conversationId: id, index, role, speaker: role, text, meta: {} })),
  };
}

/** `act (rule) @sentence` for each finding of each turn. */
function summary(tagged: TaggedTurn[]): string[][] {
  return tagged.map((t) => t.findings.map((f) => `${f.rule} @${f.sentence}`));
}

function expectWellFormed(tagged: TaggedTurn[], conv: Conversation): void {
  expect(tagged.map((t) => t.turn)).toEqual(conv.turns);
  for (const { turn, findings, words } of tagged) {
    expect(words).toBe(segment(turn.text).words);
    const sentences = segment(turn.text).sentences;
    for (const f of findings) {
      expect(FindingSchema.parse(f)).toEqual(f);
      expect(f.turnId).toBe(turn.id);
      expect(turn.text.slice(f.start, f.end)).toBe(f.text);
      expect(sentences[f.sentence]).toMatchObject({ start: f.start, end: f.end, text: f.text });
      expect(f.rule.startsWith(`${f.act}/`)).toBe(true);
      expect(f.reason).not.toBe('');
    }
    // One tag per act per sentence.
    const keys = findings.map((f) => `${f.act}@${f.sentence}`);
    expect(new Set(keys).size).toBe(keys.length);
  }
}

const SUPPORT = conversation('support', [
  ['user', 'My laptop keeps overheating during video calls.'],
  ['assistant', 'That sounds really frustrating. What have you tried so far?'],
  ['user', 'I cleaned the fan and it still happens.'],
  ['assistant', 'Got it. Which operating system are you using?'],
  ['user', 'Windows 11.'],
  ['assistant', 'Thanks for clarifying. Try lowering the camera resolution first.\n\n```\nDo you mean the red one?\n```\nDoes that make sense?'],
  ['user', "That's not what I asked, I meant the fan noise."],
  ['assistant', 'Sorry, I misread your question. You want the fan to be quieter, right?'],
]);

describe('tagConversation', () => {
  it('tags each turn against the one before it', () => {
    const tagged = tagConversation(SUPPORT);
    expectWellFormed(tagged, SUPPORT);
    expect(summary(tagged)).toEqual([
      [],
      ['acknowledgement/empathy @0', 'followup/what-have-you-tried @1'],
      [],
      ['acknowledgement/understood @0', 'clarification/which-one @1'],
      [],
      ['acknowledgement/thanks-for-telling @0', 'understanding-check/does-that-make-sense @2'],
      ['repair/not-what-i-asked @0'],
      ['repair/i-misunderstood @0', 'understanding-check/tag-check @1'],
    ]);
  });

  it('reads the first turn against nothing', () => {
    // "Okay." acknowledges a statement before it; opening a conversation, there is none.
    const opening = tagConversation(conversation('opening', [['user', 'Okay.'], ['assistant', 'Wordpad?']]));
    expect(summary(opening)).toEqual([[], []]);
    const after = tagConversation(conversation('after', [['assistant', 'We keep them in wordpad.'], ['user', 'Okay.'], ['assistant', 'We stored all of them in wordpad.'], ['user', 'Wordpad?']]));
    expect(summary(after)).toEqual([[], ['acknowledgement/receipt @0'], [], ['understanding-check/echo @0']]);
    // The same as tagView with no previous turn.
    expect(tagView(viewOf('user', 'Okay.'), null, 'x').findings).toEqual([]);
  });

  it('reads a turn against the one just before, not an earlier one', () => {
    // "Okay." after a question is an answer, even when a statement came two turns back.
    const tagged = tagConversation(conversation('answer', [['user', 'The upload fails on big files.'], ['assistant', 'Is the file over 2 MB?'], ['user', 'Okay.']]));
    expect(summary(tagged)[2]).toEqual([]);
  });

  // A story of more than 80 words, with lines in the middle that would be acts if the speaker said them.
  const STORY = [
    'Sure! Here is a short story about a lighthouse keeper.',
    '',
    'Mara had kept the light on Gull Rock for twenty winters, and she knew every sound the tower made in a storm.',
    'Do you mean the old lamp or the new one? the inspector asked her on his first visit, and she only laughed.',
    'I see. Got it. Does that make sense? He said all of it too quickly, writing in his little book while the wind rose.',
    'That night the new lamp failed, and the old one, cleaned and filled by her own hands, carried the fishing fleet home.',
    '',
    'Would you like a different ending? Does that make sense as a story?',
  ].join('\n');

  it('reads only the first and last lines of a long reply to a request for a story', () => {
    expect(segment(STORY).words).toBeGreaterThanOrEqual(80);
    const tagged = tagConversation(conversation('story', [['user', 'Write a short story about a lighthouse keeper.'], ['assistant', STORY]]));
    expectWellFormed(tagged, conversation('story', [['user', 'Write a short story about a lighthouse keeper.'], ['assistant', STORY]]));
    const findings = tagged[1]!.findings;
    const lastLine = segment(STORY).sentences.at(-1)!.blockIndex;
    const firstLine = segment(STORY).sentences[0]!.blockIndex;
    for (const f of findings) expect([firstLine, lastLine]).toContain(segment(STORY).sentences[f.sentence]!.blockIndex);
    expect(findings.map((f) => f.text)).toEqual(['Does that make sense as a story?']);
  });

  it('reads every line of the same reply when nothing was asked for', () => {
    const tagged = tagConversation(conversation('chat', [['user', 'I used to visit a lighthouse as a kid.'], ['assistant', STORY]]));
    const texts = tagged[1]!.findings.map((f) => f.text);
    expect(texts).toContain('I see.');
    expect(texts).toContain('Does that make sense as a story?');
  });

  it('reads every line of a short reply to a request for a story', () => {
    const short = 'Sure! Do you mean a story for children or for adults?';
    const tagged = tagConversation(conversation('short', [['user', 'Write a story about a lighthouse keeper.'], ['assistant', short]]));
    expect(summary(tagged)[1]).toEqual(['clarification/do-you-mean @1']);
  });

  it('does not read a drafted letter, only what stands outside it', () => {
    const reply = 'Here is a draft:\n\nDear Ms. Cheng,\n\nAre you free for a call this week? Could you share the schedule?\n\nBest regards,\nSam\n\nDoes that make sense?';
    const tagged = tagConversation(conversation('letter', [['user', 'I moved the review to Friday.'], ['assistant', reply]]));
    expect(summary(tagged)[1]).toEqual([`understanding-check/does-that-make-sense @${segment(reply).sentences.length - 1}`]);
  });

  it('takes "Hi, how are you?" for a greeting, not the opening of a letter', () => {
    const tagged = tagConversation(conversation('greeting', [['user', 'I lost my job last week.'], ['assistant', "Hi, I'm sorry to hear that.\nHow are you coping with it?"]]));
    expect(summary(tagged)[1]!.length).toBeGreaterThan(0);
  });

  it('reads a long quiz only at its edges', () => {
    const quiz = [
      'Here is a quiz on the French Revolution.',
      ...Array.from({ length: 8 }, (_, i) => `${i + 1}. Which year do you think event number ${i + 1} on the timeline happened in history?`),
      'Does that make sense?',
    ].join('\n');
    expect(segment(quiz).words).toBeGreaterThanOrEqual(80);
    const tagged = tagConversation(conversation('quiz', [['user', 'Create a quiz about the French Revolution.'], ['assistant', quiz]]));
    expect(summary(tagged)[1]).toEqual([`understanding-check/does-that-make-sense @${segment(quiz).sentences.length - 1}`]);
  });

  it('gives assistant turns no acts in a role-play, and still tags the user', () => {
    const conv = conversation('play', [
      ['user', "Let's play a game: you are a pirate captain and I am a new sailor."],
      ['assistant', 'Arr, I see. Do you mean to sail with us, lad?'],
      ['user', 'No, I meant the other ship.'],
      ['assistant', 'Got it. Which one?'],
    ]);
    const tagged = tagConversation(conv);
    expectWellFormed(tagged, conv);
    expect(summary(tagged)).toEqual([[], [], ['repair/no-i-meant @0'], []]);
    // The same assistant words outside a role-play are tagged.
    const plain = tagConversation(conversation('plain', [['user', 'I need help with the ship.'], ['assistant', 'Got it. Which one?']]));
    expect(summary(plain)[1]).toEqual(['acknowledgement/understood @0', 'clarification/which-one @1']);
  });

  it('counts the words of every turn, outside masked spans', () => {
    const tagged = tagConversation(conversation('words', [['user', 'Run `rm -rf /tmp/x` for me.'], ['assistant', '```\nrm -rf /tmp/x\n```\nDone.']]));
    expect(tagged.map((t) => t.words)).toEqual([3, 1]);
  });

  it('is deterministic', () => {
    const first = tagConversation(SUPPORT);
    const second = tagConversation(SUPPORT);
    expect(second).toEqual(first);
    expect(JSON.stringify(tagConversation(SUPPORT))).toBe(JSON.stringify(first));
  });

  it('gives an empty conversation no turns', () => {
    expect(tagConversation(conversation('empty', []))).toEqual([]);
  });

  it('gives turns of code or quotes only no findings', () => {
    const tagged = tagConversation(conversation('code', [['user', 'Fix this.'], ['assistant', '```\nDo you mean x?\n```'], ['user', '> That is not what I asked.']]));
    expect(summary(tagged)).toEqual([[], [], []]);
    expect(tagged.map((t) => t.words)).toEqual([2, 0, 0]);
  });
});

describe('tagView', () => {
  it('records a trace for every sentence read, and only with trace', () => {
    const view = viewOf('assistant', 'Got it. Which language are you using?');
    const prev = viewOf('user', 'Help me write a parser.');
    const traced = tagView(view, prev, 't1', true);
    expect(traced.traces?.map((t) => t.sentence.index)).toEqual([0, 1]);
    expect(traced.traces?.[1]?.decisions.map((d) => d.act)).toEqual(['repair', 'clarification', 'understanding-check', 'acknowledgement', 'followup', 'reassurance']);
    const plain = tagView(view, prev, 't1');
    expect(plain.traces).toBeUndefined();
    expect(plain.findings).toEqual(traced.findings);
  });

  it('records a yield when a later act is beaten to the sentence', () => {
    const traced = tagView(viewOf('assistant', 'Which language are you using?'), viewOf('user', 'Help me write a parser.'), 't', true);
    const followup = traced.traces![0]!.decisions.find((d) => d.act === 'followup')!;
    expect(followup.fired?.rule).toBe('followup/personal-question');
    expect(followup.yieldedTo).toBe('clarification');
    expect(traced.findings.map((f) => f.act)).toEqual(['clarification']);
  });

  // The tag stage on long hostile turns (the pattern and segmenter checks are in pattern.test.ts).
  // A 100 KB sentence that starts like a question and has no final mark is slow in compromise
  // ('do you mean '.repeat(8500)); that is reported and left out here.
  it('tags hostile 100 KB turns within a generous budget', () => {
    const prev = viewOf('user', 'I have a question about my report.');
    const started = performance.now();
    for (const text of ['a '.repeat(50_000), 'you '.repeat(25_000) + '!', 'i see . '.repeat(12_500), 'Got it. '.repeat(12_500), '- Which one?\n'.repeat(7_500), 'do you mean '.repeat(8_500), 'what have you '.repeat(7_000)]) {
      const { findings } = tagView(viewOf('assistant', text), prev, 'hostile');
      for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    }
    const ms = performance.now() - started;
    expect(ms, `took ${Math.round(ms)} ms`).toBeLessThan(5_000);
  });
});

describe('tagLastTurn', () => {
  it('tags the last turn exactly as tagConversation does, for every prefix of the fixtures and samples and of a role-play', async () => {
    const { conversations } = await ingest([FIXTURES, SAMPLES], { format: 'auto', skipInvalid: true });
    const all: Conversation[] = [
      // A role-play, whose assistant turns hold no acts: the first turn decides that.
      conversation('play', [
        ['user', "Let's play a game: you are a pirate captain and I am a new sailor."],
        ['assistant', 'Arr, I see. Do you mean to sail with us, lad?'],
        ['user', 'No, I meant the other ship.'],
        ['assistant', 'Got it. Which one?'],
      ]),
    ];
    for await (const c of conversations) all.push(c);
    let checked = 0;
    for (const c of all) {
      for (let k = 1; k <= c.turns.length; k++) {
        const prefix = { ...c, turns: c.turns.slice(0, k) };
        expect(JSON.stringify(tagLastTurn(prefix)), `${c.id} turn ${k}`).toBe(JSON.stringify(tagConversation(prefix)[k - 1]));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(tagLastTurn(all[0]!)!.findings).toEqual([]);
    expect(tagLastTurn({ ...all[0]!, turns: [] })).toBeUndefined();
  });
});

describe('the learned tagger at the same seams', () => {
  it('tags the last turn exactly as tagConversation does, findings and scores, for every prefix of the fixtures and samples', async () => {
    const { conversations } = await ingest([FIXTURES, SAMPLES], { format: 'auto', skipInvalid: true });
    let checked = 0;
    for await (const c of conversations) {
      for (let k = 1; k <= c.turns.length; k++) {
        const prefix = { ...c, turns: c.turns.slice(0, k) };
        expect(JSON.stringify(tagLastWith(prefix)), `${c.id} turn ${k}`).toBe(JSON.stringify(tagWith(prefix)[k - 1]));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives well-formed findings: a sentence of the turn, a probability, and a rule of the act or `model`', async () => {
    const { conversations } = await ingest([FIXTURES, SAMPLES], { format: 'auto', skipInvalid: true });
    let findings = 0;
    for await (const c of conversations) {
      const tagged = tagWith(c);
      tagged.forEach(({ turn, findings: found, scores }, i) => {
        const sentences = segment(turn.text).sentences;
        expect(scores, `${c.id} turn ${i}`).toBeDefined();
        for (const f of found) {
          findings += 1;
          expect(FindingSchema.parse(f)).toEqual(f);
          expect(sentences[f.sentence]).toMatchObject({ start: f.start, end: f.end, text: f.text });
          expect(f.rule === 'model' || f.rule.startsWith(`${f.act}/`), f.rule).toBe(true);
          expect(f.confidence).toBeGreaterThan(0);
          // Past the threshold, the model's reason; in typed chat, a rule's own tag below it says so.
          if (f.rule === 'model' || /^p \d\.\d\d ≥/.test(f.reason)) expect(f.reason).toMatch(/^p \d\.\d\d ≥ \d\.\d\d: /);
          // (Reassurance, which the rules alone decide, may be past it: its reason says so.)
          else expect(f.reason).toMatch(/\(rule fired; model p \d\.\d\d (< \d\.\d\d|≥ \d\.\d\d, and the rules alone decide this act)\)$/);
        }
      });
    }
    expect(findings).toBeGreaterThan(10);
  });

  it('reads nothing the rules do not read: the middle of a story written on request, a role-play’s assistant turns', () => {
    const story = `Here is the story:\n\n${'The keeper climbed the stairs. '.repeat(12)}\n"Do you mean me?" asked the keeper. I see, said the gull. What have you tried so far?\n\nWant another?`;
    const [, reply] = tagWith(conversation('story', [['user', 'Write a story about a lighthouse keeper.'], ['assistant', story]]));
    const middle = story.indexOf('The keeper');
    expect(reply!.findings.filter((f) => f.start >= middle && f.end <= story.lastIndexOf('\n\n'))).toEqual([]);
    const play = tagWith(conversation('play', [['user', "Let's play a game: you are a pirate captain."], ['assistant', 'Arr. Do you mean to sail with us?']]));
    expect(play[1]!.findings).toEqual([]);
    expect(play[1]!.scores!.any).toBeNull();
  });

  it('finds the acts the lexicons name, where the rules alone find them too', () => {
    const cases: Array<[Role, string, string, string]> = [
      ['assistant', 'Do you mean the 2019 or the 2021 edition?', 'I need the annual report.', 'clarification'],
      ['assistant', 'My apologies, I must have misunderstood your request. Here is the corrected query.', 'That is not what I asked for.', 'repair'],
      ['user', "No, that's not what I asked. I meant the other file.", 'Here is the summary of report.pdf.', 'repair'],
      ['assistant', 'Got it. I will use UTC from now on.', 'All times must be in UTC.', 'acknowledgement'],
    ];
    for (const [role, text, prev, act] of cases) {
      const found = viewWith(viewOf(role, text), viewOf(role === 'user' ? 'assistant' : 'user', prev), 'x').findings.map((f) => f.act);
      expect(found, text).toContain(act);
    }
  });
});
