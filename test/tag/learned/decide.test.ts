/**
 * The learned tagger's decision, with a small model written by hand so that every probability is
 * known: which units it reads, how a turn's score and probability come about, where a finding
 * lands and what it names, yields between acts, and the explanation.
 */
import { describe, expect, it } from 'vitest';
import { ACT_IDS, type ActId, type Conversation, type Role } from '../../../src/model.js';
import { modelFrom, SEGMENTS, TARGETS, type ModelFile, type StoredCalibration } from '../../../src/tag/learned/model.js';
import { domainOf } from '../../../src/tag/learned/decide.js';
import { tagConversation, tagView, viewOf } from '../../../src/tag/tagger.js';

const IDENTITY: StoredCalibration = { alpha: 1, beta: 0, threshold: 0.5, boot: [], turns: 0, positives: 0, source: 'test' };

/** A model whose only weights are `weights[act][feature]`, every bias −3, identity calibrations with threshold 0.5 (score ≥ 0). */
function handModel(weights: Partial<Record<ActId, Record<string, number>>>, roles = false): ReturnType<typeof modelFrom> {
  const vocabulary = [...new Set(Object.values(weights).flatMap((w) => Object.keys(w!)))].sort();
  const domainModel = {
    acts: [...ACT_IDS],
    features: { roles, chars: false },
    vocabulary,
    weights: Object.fromEntries(ACT_IDS.map((a) => [a, { bias: -3, w: vocabulary.map((f) => weights[a]?.[f] ?? 0) }])) as ModelFile['models']['typed']['weights'],
  };
  const file: ModelFile = {
    schema: 'grounding.model/v1',
    provenance: { command: 'test', commit: 'test', learner: 'by hand', corpora: [], calibration: 'identity', licence: 'test' },
    models: { typed: domainModel, spoken: domainModel },
    calibration: Object.fromEntries(TARGETS.map((t) => [t, Object.fromEntries(SEGMENTS.map((s) => [s, IDENTITY]))])) as ModelFile['calibration'],
    metrics: {},
  };
  return modelFrom(file, 'hand');
}

function conversation(turns: Array<[Role, string]>): Conversation {
  return { id: 'c', source: 't', format: 't', meta: {}, turns: turns.map(([role, text], index) => ({ id: `t${index}`, conversationId: 'c', index, role, speaker: role, text, meta: {} })) };
}

describe('the learned decision', () => {
  const model = handModel({
    repair: { 'w:misunderstood': 4, 'rule:repair/i-misunderstood': 1 },
    clarification: { 'form:question': 2, 'w:which': 2 },
    followup: { 'form:question': 4 },
  });

  it('tags the sentence around a unit scoring past the threshold, with its probability, and names the act’s strongest rule or `model`', () => {
    // No cue or rule of repair fires on it ("I misunderstood" would): the model decides alone.
    const [, reply] = tagConversation(conversation([['user', 'Fix my script.'], ['assistant', 'My apologies, the request was misunderstood. Here it is.']]), { model });
    expect(reply!.findings).toEqual([
      expect.objectContaining({ act: 'repair', rule: 'model', start: 0, end: 44, text: 'My apologies, the request was misunderstood.', confidence: 1 / (1 + Math.exp(-1)) }),
    ]);
    expect(reply!.findings[0]!.reason).toMatch(/^p 0\.73 ≥ 0\.50: "misunderstood" \+4\.00/);
    const [, rule] = tagConversation(conversation([['user', 'Fix my script.'], ['assistant', 'Sorry, I misunderstood you.']]), { model });
    expect(rule!.findings.map((f) => f.rule)).toEqual(['repair/i-misunderstood']);
  });

  it('scores a turn by its best unit; a turn below every threshold has scores and no finding', () => {
    const [, reply] = tagConversation(conversation([['user', 'Hello there.'], ['assistant', 'Hi. Nice to meet you.']]), { model });
    expect(reply!.findings).toEqual([]);
    expect(reply!.scores).toEqual({ domain: 'typed', acts: { clarification: -3, 'understanding-check': -3, acknowledgement: -3, followup: -3, repair: -3, reassurance: -3 }, any: -3 });
  });

  it('lets followup yield to clarification on the same sentence, as the rules do', () => {
    const [, reply] = tagConversation(conversation([['user', 'Convert the file.'], ['assistant', 'Which file?']]), { model });
    // clarification: −3 + 2 + 2 = 1; followup: −3 + 4 = 1; both past the threshold on one sentence.
    expect(reply!.findings.map((f) => f.act)).toEqual(['clarification']);
  });

  it('explains every act: probability, threshold, the best unit and its weightiest features', () => {
    const result = tagView(viewOf('assistant', 'Which file?'), viewOf('user', 'Convert the file.'), 'x', true, { model });
    const clarification = result.model!.acts.find((a) => a.act === 'clarification')!;
    expect(clarification).toMatchObject({ tagged: true, threshold: 0.5, unit: { start: 0, end: 11, text: 'Which file?' } });
    expect(clarification.p).toBeCloseTo(1 / (1 + Math.exp(-1)));
    expect(clarification.features).toEqual([{ feature: 'w:which', weight: 2 }, { feature: 'form:question', weight: 2 }]);
    expect(result.model!.acts.find((a) => a.act === 'repair')).toMatchObject({ tagged: false, features: [] });
  });

  it('adds a feature’s copy joined to the speaker’s role, and shows it in the explanation', () => {
    const joined = handModel({ followup: { 'form:question': 1, 'user|form:question': 3, 'assistant|form:question': -2 } }, true);
    // No cue or rule holds for a bare "When?": the model alone decides.
    const ask = (role: Role) => tagView(viewOf(role, 'When?'), viewOf(role === 'user' ? 'assistant' : 'user', 'It failed.'), 'x', true, { model: joined });
    expect(ask('user').findings.map((f) => f.act)).toEqual(['followup']);
    expect(ask('assistant').findings).toEqual([]);
    expect(ask('user').model!.acts.find((a) => a.act === 'followup')!.features).toEqual([{ feature: 'user|form:question', weight: 3 }, { feature: 'form:question', weight: 1 }]);
  });

  it('in typed chat keeps the tag of a rule that fires below the threshold, saying so; in a transcript the model decides alone', () => {
    const quiet = handModel({});
    const ask = (domain: 'typed' | 'spoken') => tagView(viewOf('assistant', 'Which language are you using?'), viewOf('user', 'Help me write a parser.'), 'x', false, { model: quiet, domain });
    expect(ask('typed').findings).toEqual([expect.objectContaining({ act: 'clarification', rule: 'clarification/which-one' })]);
    expect(ask('typed').findings[0]!.confidence).toBeCloseTo(1 / (1 + Math.exp(3)), 12);
    expect(ask('typed').findings[0]!.reason).toMatch(/\(rule fired; model p 0\.05 < 0\.50\)$/);
    expect(ask('spoken').findings).toEqual([]);
  });

  it('in typed chat leaves a user’s echo to the model: the rule tags on its own only in the assistant’s turns', () => {
    const ask = (role: Role, m: ReturnType<typeof handModel>, domain: 'typed' | 'spoken' = 'typed') =>
      tagView(viewOf(role, 'Wordpad?'), viewOf(role === 'user' ? 'assistant' : 'user', 'We stored all of them in wordpad.'), 'x', false, { model: m, domain }).findings;
    const quiet = handModel({});
    expect(ask('assistant', quiet)).toEqual([expect.objectContaining({ act: 'understanding-check', rule: 'understanding-check/echo' })]);
    expect(ask('user', quiet)).toEqual([]);
    // The model's own followup no longer yields to a check the rule did not tag; in the assistant's turn it still does.
    const asking = handModel({ followup: { 'form:question': 4 } });
    expect(ask('user', asking).map((f) => f.act)).toEqual(['followup']);
    expect(ask('assistant', asking).map((f) => f.act)).toEqual(['understanding-check']);
    // The rule is still one of the model's features in the user's turn.
    const checking = handModel({ 'understanding-check': { 'rule:understanding-check/echo': 4 } });
    expect(ask('user', checking)).toEqual([expect.objectContaining({ act: 'understanding-check', rule: 'understanding-check/echo' })]);
    // In a transcript the model decides for every speaker, as before.
    expect(ask('assistant', quiet, 'spoken')).toEqual([]);
  });

  it('tags reassurance by the model only in a helper’s unit addressed to a user who voiced a feeling earlier', () => {
    // Every unit scores past reassurance's threshold: only the gate decides. No cue of the lexicon holds in these sentences.
    const soothing = handModel({ reassurance: { 'form:period': 6 } });
    const tagged = (turns: Array<[Role, string]>) =>
      tagConversation(conversation(turns), { model: soothing }).map((t) => t.findings.filter((f) => f.act === 'reassurance').map((f) => f.text));
    const said = 'She left me last month and I feel so lost.';
    const answer = 'If she cares about you, she will come back. Life goes on.';
    // The user voiced a feeling: the unit addressed to them is tagged, the one that is not is left.
    expect(tagged([['user', said], ['assistant', answer]])).toEqual([[], ['If she cares about you, she will come back.']]);
    // An earlier user turn counts, not only the turn before.
    expect(tagged([['user', said], ['assistant', 'I see.'], ['user', 'Yes.'], ['assistant', answer]])[3]).toEqual(['If she cares about you, she will come back.']);
    // No feeling voiced (or voiced only after): nothing; a user's own turn: nothing.
    expect(tagged([['user', 'Write a poem about the sea.'], ['assistant', answer]])).toEqual([[], []]);
    expect(tagged([['user', 'Write a poem.'], ['assistant', answer], ['user', 'I feel sad.']])[1]).toEqual([]);
    expect(tagged([['assistant', 'I feel so tired today.'], ['user', 'If he cares about you, he will call.']])).toEqual([[], []]);
    // explain says the act was the model's tag only when the gate opened.
    const explain = (prev: string) => tagView(viewOf('assistant', 'You will get through this.'), viewOf('user', prev), 'x', true, { model: soothing }).model!.acts.find((a) => a.act === 'reassurance')!.tagged;
    expect(explain('I am so stressed about my exams.')).toBe(true);
    expect(explain('Summarize this article.')).toBe(false);
  });

  it('reads nothing in a turn that opens its conversation: every act answers the turn before', () => {
    const [first, second] = tagConversation(conversation([['assistant', 'My apologies, I must have misunderstood your request.'], ['user', 'Sorry, I misunderstood you.']]), { model });
    expect(first!.findings).toEqual([]);
    expect(first!.scores!.acts.repair).toBeNull();
    expect(second!.findings.map((f) => f.act)).toEqual(['repair']);
  });

  it('reads nothing in an assistant turn spoken in character: no findings, no scores past nothing', () => {
    const tagged = tagConversation(conversation([['user', "Let's play a game: you are the narrator of a text adventure."], ['assistant', 'Which door do you open?']]), { model });
    expect(tagged[1]!.findings).toEqual([]);
    expect(tagged[1]!.scores!.acts.clarification).toBeNull();
  });
});

describe('domainOf', () => {
  const turns = (texts: string[]) => conversation(texts.map((t, i) => [i % 2 ? 'assistant' : 'user', t] as [Role, string])).turns;

  it('reads a conversation with fillers in many short turns as spoken, and a chat as typed', () => {
    expect(domainOf(turns(['so um', 'yeah.', 'uh-huh.', 'we could uh try it', 'right.', 'okay.', 'um what about tuesday?', 'sure.']))).toBe('spoken');
    expect(domainOf(turns(['Hi, um, can you help?', 'Sure.', 'Thanks.', 'Anything else?', 'No.', 'Great.', 'Bye.', 'Bye!']))).toBe('typed');
    expect(domainOf(turns(['um', 'uh', 'hmm']))).toBe('typed');
  });
});
