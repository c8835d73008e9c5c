/**
 * `replay` end to end in-process: a fixture of human conversations, a stub endpoint with scripted
 * replies, the records it writes, and the matched comparison `analyze` makes of them.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { matchedComparison, type MatchedTally } from '../../src/measure/matched.js';
import { ACT_IDS, type ActId, type Conversation } from '../../src/model.js';
import { tallyInputs } from '../../src/pipeline.js';
import { tallyReplay } from '../../src/replay/compare.js';
import { REFUSALS_BEFORE_STOP, replay, type ReplayOptions } from '../../src/replay/run.js';
import { helperPositions } from '../../src/replay/sample.js';
import { tagConversation } from '../../src/tag/tagger.js';
import { tempDir } from '../helpers/cli.js';
import { CORPORA } from '../helpers/cli.js';
import { EXPECTED_TABLES, MODEL_REPLIES, SUPPORT } from './fixture.js';
import { completion, lastUser, startStub, type Stub } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function run(options: Partial<ReplayOptions> & { cacheDir: string | null }) {
  stub ??= await startStub((r) => ({ body: completion(MODEL_REPLIES[lastUser(r)] ?? 'Tell me more about that.') }));
  const lines: string[] = [];
  const result = await replay({
    inputs: [SUPPORT],
    format: 'auto',
    skipInvalid: false,
    model: 'cand',
    params: { temperature: 0 },
    seed: 1,
    concurrency: 3,
    client: { endpoint: stub.url, timeoutMs: 5000, retries: 2, retryDelayMs: 1 },
    write: async (line) => {
      lines.push(line);
    },
    ...options,
  });
  return { result, lines, records: lines.map((l) => JSON.parse(l) as { id: string; model: string; messages: Array<{ role: string; content: string }>; replay: Record<string, unknown> & { human: { text: string } } }) };
}

async function analyzeLines(lines: readonly string[]) {
  const file = join(tempDir(), 'replay.jsonl');
  writeFileSync(file, lines.join(''));
  const matched: MatchedTally = new Map();
  const tallied = await tallyInputs([file], { format: 'auto', skipInvalid: false, by: 'model', onConversation: (c, tagged) => void tallyReplay(matched, c, tagged) });
  return { ...tallied, matched };
}

describe('replay', () => {
  it('asks for a reply at every helper position and writes it after the context, with provenance', async () => {
    const { result, records } = await run({ cacheDir: null });
    expect(result).toMatchObject({ conversations: 3, positions: 6, distinct: 6, cached: 0, requests: 6, empty: 1, truncated: 0 });
    expect(stub!.requests).toHaveLength(6);
    expect(records.map((r) => r.id).sort()).toEqual(['esconv/support.txt:1#1', 'esconv/support.txt:1#3', 'esconv/support.txt:1#5', 'esconv/support.txt:2#2', 'esconv/support.txt:2#4', 'esconv/support.txt:3#1']);
    const a3 = records.find((r) => r.id === 'esconv/support.txt:1#3')!;
    expect(a3.model).toBe('cand');
    expect(a3.messages.map((m) => `${m.role}: ${m.content}`)).toEqual([
      'user: My laptop will not start since yesterday.',
      'assistant: How long has this been going on?',
      'user: Two days now, and I have a report due.',
      'assistant: Here is a plan for your report.',
    ]);
    expect(a3.replay).toMatchObject({ schema: 'grounding.replay/v1', corpus: 'esconv', source: 'support.txt', conversation: 'support.txt:1', position: 3, human: { text: 'Got it, thanks.', model: 'human' }, model: 'cand', params: { temperature: 0 }, seed: 1, finishReason: 'stop' });
    // The request is what the model saw: the context only, no reply.
    const sent = stub!.requests.find((r) => lastUser(r) === 'Two days now, and I have a report due.')!;
    expect(sent.body.messages).toEqual(a3.messages.slice(0, 3).map(({ role, content }) => ({ role, content })));
  });

  it('writes the lines in sample order whatever order the replies arrive in', async () => {
    stub = await startStub((r) => ({ body: completion(MODEL_REPLIES[lastUser(r)] ?? 'x'), delayMs: 60 - 10 * r.n }));
    const first = await run({ cacheDir: null, concurrency: 6 });
    stub = (await stub.close(), undefined);
    const second = await run({ cacheDir: null, concurrency: 1 });
    expect(first.lines).toEqual(second.lines);
  });

  it('costs nothing the second time: every reply comes from the cache, and the output is the same', async () => {
    const cacheDir = tempDir();
    const first = await run({ cacheDir });
    const before = stub!.requests.length;
    const second = await run({ cacheDir });
    expect(stub!.requests.length).toBe(before);
    expect(second.result).toMatchObject({ cached: 6, requests: 0 });
    expect(second.lines).toEqual(first.lines);
    // Another parameter is another request.
    await run({ cacheDir, params: { temperature: 0.7 } });
    expect(stub!.requests.length).toBe(before + 6);
  });

  it('asks once for contexts that two conversations share', async () => {
    const file = join(tempDir(), 'twice.txt');
    const line = '{"emotion_type":"x","problem_type":"y","situation":"z","dialog":[{"text":"I feel alone.","speaker":"usr"},{"text":"I am sorry to hear that.","speaker":"sys"}]}\n';
    writeFileSync(file, line + line);
    const { result, records } = await run({ cacheDir: null, inputs: [file] });
    expect(result).toMatchObject({ positions: 2, distinct: 1, requests: 1 });
    expect(stub!.requests).toHaveLength(1);
    expect(records).toHaveLength(2);
  });

  it('leaves out and counts a position the endpoint refuses (a context too long), and goes on', async () => {
    stub = await startStub((r) =>
      lastUser(r) === 'What should I do?'
        ? { status: 400, body: { error: { message: "This model's maximum context length is 8 tokens." } } }
        : { body: completion(MODEL_REPLIES[lastUser(r)] ?? 'Tell me more about that.') },
    );
    const { result, records } = await run({ cacheDir: null });
    expect(result).toMatchObject({ positions: 6, requests: 6, refused: 1 });
    expect(result.refusedExamples).toEqual(["esconv/support.txt:1#5: HTTP 400 (This model's maximum context length is 8 tokens.)"]);
    expect(records.map((r) => r.id)).not.toContain('esconv/support.txt:1#5');
    expect(records).toHaveLength(5);
  });

  it('stops when the endpoint refuses every request: the request itself is wrong, not one context', async () => {
    const many = join(tempDir(), 'many.txt');
    const record = (i: number) => JSON.stringify({ emotion_type: 'x', problem_type: 'y', situation: 'z', dialog: [{ text: `Problem ${i}.`, speaker: 'usr' }, { text: 'I see.', speaker: 'sys' }] });
    writeFileSync(many, `${Array.from({ length: 40 }, (_, i) => record(i)).join('\n')}\n`);
    stub = await startStub(() => ({ status: 400, body: { error: { message: 'Unrecognized request argument: top_k' } } }));
    await expect(run({ cacheDir: null, inputs: [many] })).rejects.toThrow(/HTTP 400 from \S+ \(Unrecognized request argument: top_k\).*Check --model and the generation parameters/);
    // It stops after REFUSALS_BEFORE_STOP refusals, give or take the requests already in flight.
    expect(stub.requests.length).toBeGreaterThanOrEqual(REFUSALS_BEFORE_STOP);
    expect(stub.requests.length).toBeLessThan(REFUSALS_BEFORE_STOP + 3);
  });

  it('samples --limit conversations by seed, and only counts in a dry run', async () => {
    const { result, lines } = await run({ cacheDir: null, limit: 2, client: undefined });
    expect(result.conversations).toBe(2);
    expect(lines).toEqual([]);
    expect(stub!.requests).toHaveLength(0);
    expect(result.promptChars).toBeGreaterThan(0);
  });
});

describe('the matched comparison of replayed records', () => {
  it('measures only the replies (never the human context), each against the human reply at its position: the known answer', async () => {
    const { lines } = await run({ cacheDir: null });
    const { tally, matched, files } = await analyzeLines(lines);
    expect([...tally.keys()]).toEqual(['assistant:cand']);
    const cand = tally.get('assistant:cand')!;
    // Six records, one empty reply left out at ingest.
    expect(cand.turns).toBe(5);
    expect(files[0]!.turnsSkipped).toEqual({ empty: 1 });
    const [group, ...others] = matchedComparison(matched);
    expect(others).toEqual([]);
    expect(group).toMatchObject({ model: 'cand', reference: 'human', positions: 5, unpaired: 1 });
    for (const act of [...ACT_IDS, 'any'] as const) {
      const r = act === 'any' ? group!.any : group!.acts[act];
      expect([r.both, r.modelOnly, r.humanOnly, r.neither], act).toEqual(EXPECTED_TABLES[act]);
    }
    expect(group!.acts.followup.kappa).toBe(1);
    expect(group!.acts.clarification.kappa).toBeCloseTo(-0.25, 12);
    expect(group!.acts.repair.kappa).toBeNull();
    expect(group!.any.kappa).toBeCloseTo(-2 / 3, 12);
    expect(group!.any.mcnemar).toEqual({ b: 2, c: 2, statistic: 0.25, p: 1 });
    // The model's absolute rates are the matched ones: the same five replies.
    expect(cand.acts.followup.turns).toBe(1);
    expect(cand.any.turns).toBe(3);
  });

  it('does not depend on the order the records are read in', async () => {
    const { lines } = await run({ cacheDir: null });
    const forward = (await analyzeLines(lines)).matched;
    const backward = (await analyzeLines([...lines].reverse())).matched;
    expect(matchedComparison(backward)).toEqual(matchedComparison(forward));
  });

  const humanCorpora = join(CORPORA, 'human');
  it.skipIf(!existsSync(humanCorpora))(
    `tags each human reply as the tagger does in its own conversation, on the real corpora (${existsSync(humanCorpora) ? 'present' : `skipped: ${humanCorpora} is absent`})`,
    async () => {
      const sources = [['esconv', 'esconv/test.txt'], ['persuasionforgood', 'persuasionforgood/full_dialog.csv'], ['mathdial', 'mathdial/test.jsonl']] as const;
      for (const [format, file] of sources) {
        const path = join(humanCorpora, file);
        const { lines } = await run({ cacheDir: null, inputs: [path], format, limit: 8 });
        const { matched } = await analyzeLines(lines);
        // The same human turns, tagged in their own conversations.
        const wanted = new Set(lines.map((l) => (JSON.parse(l) as { replay: { conversation: string } }).replay.conversation));
        const counts = Object.fromEntries(ACT_IDS.map((a) => [a, 0])) as Record<ActId, number>;
        let positions = 0;
        const { conversations } = await ingest([path], { format, skipInvalid: false });
        for await (const c of conversations as AsyncIterable<Conversation>) {
          if (!wanted.has(c.id)) continue;
          const tagged = tagConversation(c);
          for (const i of helperPositions(c)) {
            positions += 1;
            for (const act of new Set(tagged[i]!.findings.map((f) => f.act))) counts[act] += 1;
          }
        }
        const group = matchedComparison(matched)[0]!;
        expect(group.positions + group.unpaired, format).toBe(positions);
        expect(group.unpaired, format).toBe(0);
        for (const act of ACT_IDS) expect(group.acts[act].both + group.acts[act].humanOnly, `${format} ${act}`).toBe(counts[act]);
      }
    },
  );
});
