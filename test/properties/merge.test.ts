/**
 * Property: summaries of shards, written out and merged, equal the summary of the whole run. The
 * conversations are split into any number of shards in any way; each shard is tallied and written
 * as summary JSON, read back, and the counts merged (in any order); the merged summary, built
 * again, equals the one built from all conversations at once, group by group and file by file.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSummaries } from '../../src/measure/merge.js';
import type { Calibration } from '../../src/measure/estimate.js';
import { ACT_IDS, type ActId, type Domain, type Role, type TaggedTurn, type TurnScores } from '../../src/model.js';
import { buildSummary, SummarySchema, tallyFromSummary, type BaselineChoice, type FileAccount, type RateBasis, type Summary } from '../../src/measure/summary.js';
import { GROUP_BY, mergeTally, tallyConversation, type GroupBy, type Tally } from '../../src/measure/tally.js';
import { formatJson } from '../../src/report/json.js';
import { tagConversation } from '../../src/tag/tagger.js';
import { tempDir } from '../helpers/cli.js';
import { baseline, fakeModel, fakeTagger } from '../helpers/tagged.js';
import { expectNoCrash, runCli } from '../hardening/helpers.js';
import { conversation as genConversation, WRITERS } from './arbitraries.js';

interface Item {
  tagged: TaggedTurn[];
  source: string;
}

/** A calibration with bootstrap refits, so merged estimates are checked with both parts of their interval. */
const CALIBRATION: Calibration = { alpha: 0.8, beta: -1, boot: [[0.7, -1.1], [0.9, -0.9], [0.8, -1.3], [0.75, -1]] };
const MODEL = fakeModel(CALIBRATION);

/** The learned tagger's scores for a turn, or none (the rules alone): any domain, any logits, and null for nothing read. */
const turnScores = fc.option(
  fc.record({
    domain: fc.constantFrom<Domain>('spoken', 'typed'),
    acts: fc.tuple(...ACT_IDS.map(() => fc.option(fc.double({ min: -30, max: 30, noNaN: true }), { nil: null }))),
    any: fc.option(fc.double({ min: -30, max: 30, noNaN: true }), { nil: null }),
  }).map((s): TurnScores => ({ domain: s.domain, acts: Object.fromEntries(ACT_IDS.map((a, i) => [a, s.acts[i]!])) as TurnScores['acts'], any: s.any })),
  { nil: undefined },
);

/** Tagged conversations built directly: any roles, acts, models, word counts and scores. */
const syntheticItem = (id: number) =>
  fc
    .record({
      source: fc.constantFrom('a.jsonl', 'b.json', 'c.txt'),
      turns: fc.array(
        fc.record({
          role: fc.constantFrom<Role>('user', 'assistant'),
          model: fc.option(fc.constantFrom('m1', 'm2', 'm3'), { nil: undefined }),
          acts: fc.subarray([...ACT_IDS] as ActId[]),
          repeat: fc.integer({ min: 1, max: 3 }),
          words: fc.integer({ min: 0, max: 300 }),
          scores: turnScores,
        }),
        { minLength: 1, maxLength: 8 },
      ),
    })
    .map(({ source, turns }): Item => {
      const cid = `c${id}`;
      const tagged = turns.map((t, index) => {
        const turnId = `${cid}:${index}`;
        const findings = t.acts.flatMap((act) => Array.from({ length: t.repeat }, () => ({ act, rule: `${act}/x`, turnId, sentence: 0, start: 0, end: 1, text: 'x', reason: 'test' })));
        return { turn: { id: turnId, conversationId: cid, index, role: t.role, speaker: t.role, ...(t.model && { model: t.model }), text: 'x', meta: {} }, findings, words: t.words, ...(t.scores && { scores: t.scores }) };
      });
      return { tagged, source };
    });

const items = fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => syntheticItem(i))));

/** A shard number per conversation, and the order the shards are merged in. */
const sharding = (n: number) => fc.integer({ min: 1, max: 6 }).chain((shards) => fc.tuple(fc.array(fc.integer({ min: 0, max: shards - 1 }), { minLength: n, maxLength: n }), fc.shuffledSubarray([...Array(shards).keys()], { minLength: shards, maxLength: shards })));

function accountOf(path: string, items: readonly Item[]): FileAccount {
  return { path, format: 'openai', records: items.length, analyzed: items.length, skipped: {}, turnsSkipped: {} };
}

function summarize(list: readonly Item[], by: GroupBy, choice: BaselineChoice | null, files: FileAccount[], rates: RateBasis = 'tagged'): Summary {
  const tally: Tally = new Map();
  for (const { tagged, source } of list) tallyConversation(tally, tagged, source, by);
  return buildSummary({ version: 'test', groupBy: by, tally, files, conversations: list.length, baseline: choice, tagger: fakeTagger(CALIBRATION), rates });
}

/** Shard, write each shard's summary as JSON, read them back and merge: what `merge` over shard outputs does. */
function shardedThenMerged(list: readonly Item[], by: GroupBy, choice: BaselineChoice | null, assign: number[], order: number[]): Summary {
  const merged: Tally = new Map();
  const files: FileAccount[] = [];
  let conversations = 0;
  for (const shard of order) {
    const part = list.filter((_, i) => assign[i] === shard);
    const written = formatJson(summarize(part, by, choice, [accountOf(`shard-${shard}`, part)]));
    const read = SummarySchema.parse(JSON.parse(written));
    mergeTally(merged, tallyFromSummary(read).values());
    files.push(...read.input.files);
    conversations += read.input.conversations;
  }
  return buildSummary({ version: 'test', groupBy: by, tally: merged, files, conversations, baseline: choice, tagger: fakeTagger(CALIBRATION) });
}

const CHOICE: BaselineChoice = { baseline: baseline(), domain: 'pooled', path: 'test.json' };

describe('sharded-then-merged summaries equal the whole run', () => {
  it('for any conversations, any split into shards, any merge order, any grouping, with and without a baseline', () => {
    fc.assert(
      fc.property(
        items.chain((list) => fc.tuple(fc.constant(list), sharding(list.length), fc.constantFrom(...GROUP_BY), fc.boolean())),
        ([list, [assign, order], by, withBaseline]) => {
          const choice = withBaseline ? CHOICE : null;
          const merged = shardedThenMerged(list, by, choice, assign, order);
          const whole = summarize(list, by, choice, []);
          expect(merged.groups).toEqual(whole.groups);
          expect(merged.input.conversations).toBe(whole.input.conversations);
          expect(merged.input.files.reduce((n, f) => n + f.records, 0)).toBe(list.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('mergeSummaries over the shards written as JSON gives the whole run, byte for byte', () => {
    fc.assert(
      fc.property(items.chain((list) => fc.tuple(fc.constant(list), sharding(list.length), fc.constantFrom(...GROUP_BY), fc.boolean())), ([list, [assign, order], by, withBaseline]) => {
        const choice = withBaseline ? CHOICE : null;
        const file = (part: readonly Item[]) => [accountOf('in.jsonl', part)];
        const shards = order.map((shard) => {
          const part = list.filter((_, i) => assign[i] === shard);
          return { path: `shard-${shard}.json`, summary: SummarySchema.parse(JSON.parse(formatJson(summarize(part, by, choice, file(part))))) };
        });
        expect(formatJson(mergeSummaries(shards, { model: MODEL }))).toBe(formatJson(summarize(list, by, choice, file(list))));
      }),
      { numRuns: 150 },
    );
  });

  it('with rates: estimated, mergeSummaries of scored shards gives the whole run, estimates and gaps included', () => {
    const HUMAN = { rate: 0.3, ci: [0.25, 0.35] as [number, number] };
    const choice: BaselineChoice = { baseline: baseline(20, HUMAN), domain: 'pooled', path: 'test.json' };
    // Every turn scored: with the estimated basis, a group without scores is refused.
    const scored = items.map((list) => list.map((item) => ({ ...item, tagged: item.tagged.map((t, i) => ({ ...t, scores: t.scores ?? { domain: 'typed' as const, acts: Object.fromEntries(ACT_IDS.map((a) => [a, i - 2])) as TurnScores['acts'], any: null } })) })));
    fc.assert(
      fc.property(scored.chain((list) => fc.tuple(fc.constant(list), sharding(list.length), fc.constantFrom(...GROUP_BY))), ([list, [assign, order], by]) => {
        const file = (part: readonly Item[]) => [accountOf('in.jsonl', part)];
        const shards = order.map((shard) => {
          const part = list.filter((_, i) => assign[i] === shard);
          return { path: `shard-${shard}.json`, summary: SummarySchema.parse(JSON.parse(formatJson(summarize(part, by, choice, file(part), 'estimated')))) };
        });
        const whole = summarize(list, by, choice, file(list), 'estimated');
        expect(mergeSummaries(shards, { model: MODEL })).toEqual(SummarySchema.parse(JSON.parse(formatJson(whole))));
        // The same shards written with tagged gaps, merged onto the estimated basis (what gate --summaries does).
        const tagged = order.map((shard) => {
          const part = list.filter((_, i) => assign[i] === shard);
          return { path: `t-${shard}.json`, summary: SummarySchema.parse(JSON.parse(formatJson(summarize(part, by, choice, file(part))))) };
        });
        expect(formatJson(mergeSummaries(tagged, { model: MODEL, rates: 'estimated' }))).toBe(formatJson(whole));
      }),
      { numRuns: 100 },
    );
  });

  it('through the CLI: analyze --shard i/n of generated input with broken records, then merge, equals analyze', async () => {
    const dir = tempDir();
    for (const seed of [1, 2, 3]) {
      const [conversations, n] = fc.sample(fc.tuple(fc.array(genConversation(), { minLength: 5, maxLength: 30 }), fc.integer({ min: 2, max: 5 })), { seed, numRuns: 1 })[0]!;
      const lines = WRITERS.openai!.write(conversations).split('\n');
      // Broken records among the good ones: each must be counted once, in exactly one shard.
      lines.splice(seed, 0, '{"messages": [', 'not json', '{"messages": 5}');
      const input = join(dir, `gen-${seed}.jsonl`);
      writeFileSync(input, lines.join('\n'));
      const out = (name: string) => join(dir, `${seed}-${name}.json`);
      const whole = await runCli(['analyze', input, '--skip-invalid', '--no-progress', '-o', out('whole')], dir);
      expectNoCrash(whole);
      expect(whole.code, whole.stderr).toBe(0);
      for (let i = 1; i <= n; i++) {
        const shard = await runCli(['analyze', input, '--skip-invalid', '--no-progress', '--shard', `${i}/${n}`, '-o', out(`shard-${i}`)], dir);
        expect(shard.code, shard.stderr).toBe(0);
      }
      const shards = Array.from({ length: n }, (_, i) => out(`shard-${i + 1}`)).reverse();
      const merged = await runCli(['merge', ...shards, '-o', out('merged')], dir);
      expect(merged.code, merged.stderr).toBe(0);
      // Equal as data; merged in another order, skip reasons may be listed in another order.
      expect(JSON.parse(readFileSync(out('merged'), 'utf8'))).toEqual(JSON.parse(readFileSync(out('whole'), 'utf8')));
    }
  });

  it('for conversations tagged by the real tagger', () => {
    const real = fc.array(genConversation(), { maxLength: 10 }).map((cs) =>
      cs.map((c, i): Item => {
        const id = `r${i}`;
        const turns = c.messages
          .filter((m) => m.role !== 'system' && m.text.trim())
          .map((m, index) => ({ id: `${id}:${index}`, conversationId: id, index, role: m.role as Role, speaker: m.role, ...(c.model && { model: c.model }), text: m.text, meta: {} }));
        return { tagged: tagConversation({ id, source: `${i % 2}.jsonl`, format: 'openai', turns, meta: {} }), source: `${i % 2}.jsonl` };
      }),
    );
    fc.assert(
      fc.property(real.chain((list) => fc.tuple(fc.constant(list), sharding(list.length), fc.constantFrom(...GROUP_BY))), ([list, [assign, order], by]) => {
        expect(shardedThenMerged(list, by, CHOICE, assign, order).groups).toEqual(summarize(list, by, CHOICE, []).groups);
      }),
      { numRuns: 30 },
    );
  });
});
