/**
 * The candidate filter never changes a tag: tagConversation with the filter (the default) and
 * without it (every sentence read by every act) give the same findings, sentence numbers and word
 * counts, on the fixtures and samples, on hand-made seams and on generated turns (and, in
 * test/corpora/, on the shared real corpora). And it is a filter: most blocks are never split.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Conversation, Role } from '../../src/model.js';
import { blockMayHoldAct, opening, opensAny, overBlock, possibleCues, RULE_NEEDS, sentenceMayHoldAct, sentenceStarts } from '../../src/tag/candidates.js';
import { normalize } from '../../src/segment/normalize.js';
import { ACTS } from '../../src/tag/registry.js';
import { lazyViewOf, tagConversation } from '../../src/tag/tagger.js';
import { expectSameTags, read, tags } from '../helpers/candidates.js';
import { SAMPLES } from '../helpers/cli.js';
import { FIXTURES } from '../ingest/helpers.js';

function conversation(id: string, turns: Array<[Role, string]>): Conversation {
  return {
    id,
    source: 'test',
    format: 'test',
    meta: {},
    turns: turns.map(([role, text], index) => ({ id: `${id}-${index}`, conversationId: id, index, role, speaker: role, text, meta: {} })),
  };
}

describe('the candidate filter', () => {
  it('lists what every code rule needs, so none is filtered blind', () => {
    const rules = ACTS.flatMap((act) => act.rules.map((r) => `${act.id}/${r.id}`)).sort();
    expect(Object.keys(RULE_NEEDS).sort()).toEqual(rules);
  });

  it('changes no tag on the test fixtures and the bundled samples', async () => {
    const n = expectSameTags(await read([FIXTURES, SAMPLES]));
    expect(n).toBeGreaterThan(20);
  });

  it('runs only the cue patterns that could match a sentence, and every act decides as when it runs them all', async () => {
    const cuePatterns = ACTS.flatMap((act) => act.entries.filter((e) => e.kind === 'cue').flatMap((e) => e.patterns.map((p) => p.regex)));
    let sentences = 0;
    let skipped = 0;
    for (const c of await read([FIXTURES, SAMPLES])) {
      let prev: ReturnType<typeof lazyViewOf> | null = null;
      for (const turn of c.turns) {
        const view = lazyViewOf(turn.role, turn.text);
        for (const sentence of view.sentences) {
          const possible = possibleCues(sentence.norm);
          const ctx = { sentence, turn: view, prev };
          for (const act of ACTS) expect(act.detect(ctx, false, possible), `${act.id} on ${JSON.stringify(sentence.text)}`).toEqual(act.detect(ctx, false));
          sentences += 1;
          skipped += cuePatterns.filter((r) => !possible.has(r)).length / cuePatterns.length;
        }
        prev = view;
      }
    }
    expect(sentences).toBeGreaterThan(200);
    // Most cue patterns are left unrun on a typical sentence.
    expect(skipped / sentences).toBeGreaterThan(0.8);
  });

  it('changes no tag at the seams it has to get right', () => {
    const seams = [
      // A letter: its salutation and sign-off leave the middle out, wherever the blocks fall.
      conversation('letter', [
        ['user', 'Write an email to my landlord about the heating.'],
        ['assistant', 'Sure! Here it is:\n\nDear Ms. Cheng,\n\nI see the heating is off again. Could you share when it will be fixed?\n\nBest regards,\nSam\n\nDoes that make sense?'],
        ['user', 'Hi there, thanks. Got it.'],
      ]),
      // An artefact: a long reply to a request for a story reads only its first and last lines.
      conversation('story', [
        ['user', 'Write a story about a lost dog and its owner.'],
        ['assistant', `Here is the story:\n\n${'The dog ran far away from home. '.repeat(12)}\n"Do you mean me?" asked the dog.\nI see, said the owner. What have you tried so far?\n\nDoes that make sense?`],
      ]),
      // Questions without a question mark, read by compromise; echoes and restatements.
      conversation('typed', [
        ['assistant', 'We stored all of them in wordpad.'],
        ['user', 'Wordpad?'],
        ['assistant', 'The nightly job fails only on Mondays.'],
        ['user', 'so the job fails only on mondays?'],
        ['assistant', 'I tried the old config.'],
        ['user', 'what did you try with the old config'],
      ]),
      // Abbreviations, quotes and brackets at sentence ends; odd spaces wink-nlp does not reproduce.
      conversation('shapes', [
        ['user', 'Dr. Smith left at 3 p.m. (after lunch.) Okay. Uh-huh.'],
        ['assistant', 'I see.\u3000Got it.\u00a0Does that make sense?\n"Really?" he said. Really?'],
        ['user', 'No, I meant the other file…  Is that right?'],
        ['assistant', '# Heading?\n- item one? yes\n1. Which version are you using\n| a | b? |\n> quoted? yes\n```\nDo you mean x?\n```\nSorry, what?'],
      ]),
      // Role-play: an assistant in character holds no acts.
      conversation('fiction', [
        ['user', "Let's play a game: you are the narrator of a text adventure."],
        ['assistant', 'You stand in a dark room. Do you mean to go north?'],
      ]),
    ];
    expect(expectSameTags(seams)).toBe(seams.length);
    // The seams are not trivial: the filtered run tags something in each of them.
    for (const c of seams.slice(0, 4)) expect(tagConversation(c).some((t) => t.findings.length > 0), c.id).toBe(true);
  });

  it('changes no tag on generated turns of cue phrases, prose, markdown and punctuation', () => {
    const pieces = [
      ...ACTS.flatMap((a) => [...a.entries.map((e) => e.example), ...a.entries.flatMap((e) => (e.counterexample ? [e.counterexample] : []))]),
      ...ACTS.flatMap((a) => a.rules.flatMap((r) => [r.example.text, r.example.prev ?? '', r.counterexample.text])),
      'The report covers the 2019 and the 2021 editions.', 'e.g.', 'Dr.', 'U.S.', '3.14', '…', '?!', '!', '.', ',', ':', '"', '(', ')',
      '\n', '\n\n', '\n- ', '\n1. ', '\n# ', '\n> ', '`code?`', '\u3000', '\u00a0', '\t', 'Dear Sam,', 'Best regards,', 'Hi,', 'so', 'you', 'what',
      'write a story', 'rewrite this', 'pretend you are a pirate', 'Привет, как дела?', '你好吗？', 'https://x.com/a?b=c',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(' '));
    const role = fc.constantFrom<Role>('user', 'assistant');
    fc.assert(
      fc.property(fc.array(fc.tuple(role, text), { minLength: 1, maxLength: 4 }), (turns) => {
        const c = conversation('generated', turns);
        expect(tags(tagConversation(c))).toEqual(tags(tagConversation(c, { filter: false })));
      }),
      { numRuns: 300 },
    );
  });

  it('tries a pattern that must open a sentence only where one opens, with the same answer as over the whole block', () => {
    const patterns = ACTS.flatMap((a) => a.entries.filter((e) => e.kind === 'cue').flatMap((e) => e.patterns.map((p) => p.regex)));
    const openers = patterns.map((r) => overBlock(r)).flatMap((block) => {
      const sticky = opening(block);
      return sticky ? [{ block, sticky }] : [];
    });
    expect(openers.length).toBeGreaterThan(50);
    const sentences = ACTS.flatMap((a) => a.entries.flatMap((e) => [e.example, ...(e.counterexample ? [e.counterexample] : [])]));
    const around = ['', 'Okay.', 'Hmm, so.', 'Thanks!', 'Wait?', 'so', '3.5 is it.'];
    const block = fc.array(fc.constantFrom(...sentences, ...around), { minLength: 1, maxLength: 4 }).map((parts) => normalize(parts.join(' ')));
    let matched = 0;
    fc.assert(
      fc.property(block, (norm) => {
        const starts = sentenceStarts(norm);
        for (const { block: whole, sticky } of openers) {
          const expected = whole.test(norm);
          if (expected) matched += 1;
          expect(opensAny(sticky, norm, starts), `${whole.source} on "${norm}"`).toBe(expected);
        }
      }),
      { numRuns: 400, seed: 11 },
    );
    // The blocks are not trivial: patterns matched some of them.
    expect(matched).toBeGreaterThan(100);
  });

  it('leaves most blocks of an expository reply unsplit, and picks the one that asks', () => {
    const reply = [
      'Photosynthesis turns light into chemical energy.',
      'It happens in the chloroplasts of plant cells, mostly in the leaves.',
      '- Light reactions make ATP and NADPH.',
      '- The Calvin cycle fixes carbon dioxide into sugars.',
      'Do you mean the light reactions or the Calvin cycle?',
    ].join('\n');
    const view = lazyViewOf('assistant', reply);
    const picked = view.segments.blocks.map((_, i) => blockMayHoldAct(view, i, true));
    expect(picked).toEqual([false, false, false, false, true]);
    const sentences = view.segments.sentencesOf(4);
    expect(sentences.map((s) => sentenceMayHoldAct(view, s, true))).toEqual([true]);
  });
});
