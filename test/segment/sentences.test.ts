/** Sentence units with offsets: every sentence slices back out of its turn, in order. */
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Model } from 'wink-nlp';
import { normalize } from '../../src/segment/normalize.js';
import { decodeCore, FreshWink, PristineCore, segment, type Sentence } from '../../src/segment/sentences.js';
import { affectOf } from '../../src/tag/affect.js';

// Words, shapes, prefixes and suffixes the model has never met, so every growing feature grows.
const UNSEEN = Array.from({ length: 400 }, (_, i) => `Zq${i}xv wqk${i}-Rr ${'ÿ'.repeat((i % 7) + 1)}${i}. Über${i}ßß? ${i}.${i}e${i}`).join('\n');

const TURNS = [
  'Hello there. How are you?',
  'Hello there. How are you?\r\nI am fine.\r\n',
  '😀 Great job! 🎉 Does that make sense?',
  '👩‍👩‍👧 Family photo! Does it load? ✅ Yes.',
  'Café — naïve façade. Ok?',
  'Non\u00a0breaking\u00a0space. Next one.',
  'Tabs\there. And\tthere?',
  '\tTabbed line.\tMore? Yes.',
  'Line one  \r\nLine two.\r\n\r\nPara three? Yes!',
  'He said \u201Chi\u201D and left. OK?',
  'Don\u2019t worry. It\u2019s fine.',
  'It\u2019s Bob\u2019s. \u2018Single quoted?\u2019 ok',
  'Wait...what? Really?!',
  'Dr. Smith arrived at 3 p.m. today. He left.',
  'e.g. this one. i.e. that one.',
  'A sentence with no end',
  '  Indented line. Second.',
  '# Title\nFirst line\n- item one\n- item two\n1. Step one\n2) Step two',
  'Use this:\n```\nDo you mean x?\n```\nDone.',
  'Run `ls -la?` first. Ok?',
  'See https://x.com/a?b=c now. Ok.',
  'Fill {{question}} and {name} and [Your question here?] and <insert question>.',
  '> quoted? yes\nNot quoted.',
  '| a | b? |\n|---|---|\nAfter table.',
  'Bob: Do you mean it?\nJust to confirm: you need UTC?',
  '**Note:** check this. Ok?',
  'Multiple   spaces   between.    Words here?',
  '',
  '   \n\t\n',
  '???',
  '...',
  'Ok',
];

function check(text: string, sentences: Sentence[]): void {
  let last = -1;
  sentences.forEach((s, i) => {
    expect(s.index).toBe(i);
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.start).toBeGreaterThan(last);
    expect(s.end).toBeGreaterThan(s.start);
    last = s.end - 1;
    expect(s.norm.startsWith(' ') && s.norm.endsWith(' ')).toBe(true);
    expect(s.norm.trim()).not.toBe('');
    // A sentence never runs across a line break.
    expect(s.text).not.toMatch(/[\r\n]/);
  });
}

describe('segment', () => {
  for (const text of TURNS) {
    it(`slices every sentence back out of ${JSON.stringify(text)}`, () => {
      check(text, segment(text).sentences);
    });
  }

  it('trims spaces from the edges of a sentence', () => {
    for (const text of ['  Indented line. Second.', 'Multiple   spaces   between.    Words here?', 'Line one  \r\nLine two.']) {
      for (const s of segment(text).sentences) expect(s.text).toBe(s.text.trim());
    }
  });

  it('splits sentences within a line', () => {
    expect(segment('Hello there. How are you? I am fine!').sentences.map((s) => s.text)).toEqual(['Hello there.', 'How are you?', 'I am fine!']);
  });

  it('keeps abbreviations inside their sentence', () => {
    expect(segment('Dr. Smith arrived at 3 p.m. today. He left.').sentences.map((s) => s.text)).toEqual(['Dr. Smith arrived at 3 p.m. today.', 'He left.']);
  });

  it('never glues list items, headings or lines into one sentence', () => {
    const text = '# Options\nSome choices\n- the red one\n- the blue one\n1. first\n2. second\nno final mark here\nnor here';
    const { sentences } = segment(text);
    expect(sentences.map((s) => s.text)).toEqual(['Options', 'Some choices', 'the red one', 'the blue one', 'first', 'second', 'no final mark here', 'nor here']);
    expect(sentences.map((s) => s.block)).toEqual(['heading', 'line', 'list-item', 'list-item', 'list-item', 'list-item', 'line', 'line']);
    expect(sentences.map((s) => s.blockIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('numbers blocks, not sentences, in blockIndex', () => {
    const { sentences } = segment('One. Two.\nThree.');
    expect(sentences.map((s) => [s.index, s.blockIndex])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
    ]);
  });

  it('norms the masked text: what is hidden does not reach the rules', () => {
    const { sentences } = segment('Run `which python?` now. You wrote "what do you mean?" there.');
    expect(sentences.map((s) => s.norm)).toEqual([' run now . ', ' you wrote there . ']);
    expect(sentences[0]!.text).toBe('Run `which python?` now.');
  });

  it('gives the norm of the plain sentence when nothing is masked', () => {
    for (const s of segment('So you want it in UTC, right? Don\u2019t worry!').sentences) expect(s.norm).toBe(normalize(s.text));
  });

  it('leaves no sentence in a turn of code, quotes and tables only', () => {
    const text = '```\nWhich one?\n```\n> Which one?\n| Which one? |\n"Which one?"\nBob: Which one?';
    expect(segment(text)).toEqual({ blocks: [], sentences: [], words: 0 });
  });

  it('gives nothing for an empty or blank turn', () => {
    expect(segment('')).toEqual({ blocks: [], sentences: [], words: 0 });
    expect(segment(' \n\t\r\n ')).toEqual({ blocks: [], sentences: [], words: 0 });
  });
});

describe('segment: words', () => {
  it('counts the words of prose', () => {
    expect(segment('Hello there. How are you?').words).toBe(5);
    expect(segment("Don't worry, it's uh-huh fine.").words).toBe(5);
  });

  const MASKED: Array<[string, string, number]> = [
    ['inline code', 'Run `ls -la /tmp` now.', 2],
    ['fenced code', 'Try:\n```\nconst a = b + c;\nfoo(bar);\n```\nDone.', 2],
    ['an unclosed fence', 'Try:\n```\nconst a = b + c;', 1],
    ['a block quote', '> one two three four\nMine here.', 2],
    ['a table', '| one | two |\n|---|---|\n| three | four |\nMine here.', 2],
    ['a script line', 'Bob: one two three four\nMine here.', 2],
    ['quoted text', 'She said "one two three four" then left.', 4],
    ['a URL', 'See https://example.com/one/two/three now.', 2],
    ['placeholders', 'Dear {name}, see {{one two}} and [three four] and <five six>.', 4],
    ['list markers and heading marks', '# Title\n- one\n2. two', 3],
  ];
  for (const [what, text, n] of MASKED) {
    it(`leaves ${what} out of the word count`, () => {
      expect(segment(text).words).toBe(n);
    });
  }
});

describe('decodeCore', () => {
  it('decodes the core exactly as the model\u2019s own loader does, however much was read before', () => {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: Model, pipe?: string[]) => { readDoc: (text: string) => { sentences: () => { length: () => number } } };
    const model = require('wink-eng-lite-web-model') as Model;
    expect((require('wink-eng-lite-web-model/package.json') as { version: string }).version, 'decodeCore decodes this version itself').toBe('1.8.1');
    const theirs = (model as unknown as { core: () => unknown }).core();
    const ours = decodeCore();
    expect(isDeepStrictEqual(ours, theirs)).toBe(true);
    // Reading through a decoded core leaves nothing behind for the next decode.
    const nlp = winkNLP({ ...model, core: () => ours } as unknown as Model, ['sbd']);
    expect(nlp.readDoc(UNSEEN).sentences().length()).toBeGreaterThan(400);
    expect(isDeepStrictEqual(decodeCore(), theirs)).toBe(true);
  });
});

describe('PristineCore', () => {

  it('puts the core back exactly as decoded, after an instance has read unseen text', () => {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: Model, pipe?: string[]) => { readDoc: (text: string) => { sentences: () => { length: () => number } } };
    const model = require('wink-eng-lite-web-model') as Model;
    const pristine = new PristineCore();
    const core = pristine.reset();
    const grown = () => Object.values(core.features).reduce((n, f) => n + (f?.list?.length ?? 0), 0);
    const before = grown();
    const nlp = winkNLP({ ...model, core: () => core } as unknown as Model, ['sbd']);
    expect(nlp.readDoc(UNSEEN).sentences().length()).toBeGreaterThan(400);
    // The text reached the features, or the reset would have nothing to undo.
    expect(grown()).toBeGreaterThan(before + 1000);
    pristine.reset();
    expect(isDeepStrictEqual(core, decodeCore())).toBe(true);
  });
});

describe('FreshWink', () => {
  // Unseen words of every shape, in both instances' texts, so that both add words while the other has some.
  const unseen = (i: number) => `Zq${i}xv wqk${i}-Rr Blorf${i}'s ZZ${i}top`;
  const TEXTS = Array.from({ length: 40 }, (_, i) => `${unseen(i)} said so. When I do 20/100 I then… ${unseen(i + 100)}? Yes.\nMr. Qux${i} left at 5 p.m. today`);
  const MOODS = Array.from({ length: 40 }, (_, i) => `I feel terrible about ${unseen(i + 200)}. Not bad Grimb${i}! Very happy with Zorp${i} :)`);

  it('reads a text alike whatever another instance of the thread read before it (they share one core)', () => {
    const interleaved = TEXTS.map((text, i) => [segment(text), affectOf(MOODS[i]!)] as const);
    const moods = [...MOODS].reverse().map((mood) => affectOf(mood)).reverse();
    const texts = [...TEXTS].reverse().map((text) => segment(text)).reverse();
    expect(interleaved.map(([segmented]) => segmented)).toEqual(texts);
    expect(interleaved.map(([, mood]) => mood)).toEqual(moods);
  });

  it('extracts of a new word only the features its pipes read, and reads every text as with all of them', () => {
    // The core every instance of the thread shares, and how many shapes it knows.
    const probe = new FreshWink(['sbd']);
    const shapes = () => (probe as unknown as { pristine: PristineCore }).pristine.core.features.shape!.list!.length;
    const grownBy = (reader: FreshWink) => {
      const before = shapes();
      return reader.read(UNSEEN, () => shapes()) - before;
    };
    // New shapes ("Xxdxx", "ÿÿÿd") are added only where every feature is extracted: the two paths differ.
    expect(grownBy(probe)).toBe(0);
    expect(grownBy(new FreshWink(['sbd'], { allFeatures: true }))).toBeGreaterThan(10);
    const texts = [...TURNS, UNSEEN, ...TEXTS, ...MOODS, 'I am NOT happy with Dr. Grimble at ACME Corp. :( Really?! e.g. U.S. data 3.5 v1.2 :-)', 'We met q.z. Smith today. It is w.r.t. the x.q.v. Zorp unit. Fine.'];
    for (const pipe of [['sbd'], ['sbd', 'negation', 'sentiment']]) {
      const cheap = new FreshWink(pipe);
      const full = new FreshWink(pipe, { allFeatures: true });
      const reading = (reader: FreshWink, text: string) =>
        reader.read(text, (doc, its) => [doc.sentences().out(its.span), doc.sentences().out(its.negationFlag), doc.sentences().out(its.sentiment), doc.tokens().out(its.normal)]);
      for (const text of texts) expect(reading(cheap, text), text).toEqual(reading(full, text));
    }
  });

  it('reads as a fresh wink-nlp over a core of its own and the whole packaged model would, sentences and sentiment', () => {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: Model, pipe?: string[]) => { readDoc: (text: string) => { sentences: () => { out: (f?: unknown) => unknown[] } }; its: { sentiment: unknown } };
    // The package's index, all parts loaded (FreshWink loads only those its pipes read).
    const model = require('wink-eng-lite-web-model') as Model;
    // The model's CER loader re-serializes its data on every call (see loadWink): called once.
    const metaCER = (model as unknown as { metaCER: () => unknown }).metaCER();
    const reference = new PristineCore();
    const shared = new FreshWink(['sbd']);
    const other = new FreshWink(['sbd', 'negation', 'sentiment']);
    for (const [i, text] of TEXTS.entries()) {
      const mood = other.read(MOODS[i]!, (doc, its) => doc.sentences().out(its.sentiment));
      // A core put back as decoded is a freshly decoded one (the PristineCore test above).
      const moodCore = reference.reset();
      const freshMood = winkNLP({ ...model, metaCER: () => metaCER, core: () => moodCore } as unknown as Model, ['sbd', 'negation', 'sentiment']);
      expect(mood).toEqual(freshMood.readDoc(MOODS[i]!).sentences().out(freshMood.its.sentiment));
      expect(mood.some((score) => score !== 0)).toBe(true);
      const core = reference.reset();
      const fresh = winkNLP({ ...model, metaCER: () => metaCER, core: () => core } as unknown as Model, ['sbd']);
      expect(shared.read(text, (doc) => doc.sentences().out())).toEqual(fresh.readDoc(text).sentences().out());
    }
  });
});
