/**
 * `grounding explain`: which cues and rules fired on each sentence and, with the learned tagger,
 * each act's probability against its threshold and the features that weighed most.
 */
import type { Domain, Role } from '../model.js';
import { describeWeighed } from '../tag/learned/features.js';
import { gateNote, leftToModelBy, type ModelTrace } from '../tag/learned/decide.js';
import { TAGGERS, tagView, viewOf, type SentenceTrace, type TaggerKind } from '../tag/tagger.js';
import { write, type Io } from './io.js';
import type { CommandBody } from './main.js';

function describeModel(model: ModelTrace, hasPrev: boolean): string[] {
  const lines = [`learned tagger (${model.domain} model):`];
  if (model.acts.length === 0 && !hasPrev) lines.push('  read nothing: every act answers the turn before, so give it with --prev');
  for (const e of model.acts) {
    const unit = e.unit ? ` on ${JSON.stringify(e.unit.text.length > 80 ? `${e.unit.text.slice(0, 77)}…` : e.unit.text)}` : '';
    // A gated act is the model's tag only where its gate opens: said so.
    const gate = gateNote(e.act);
    const gated = gate ? ` (${gate})` : '';
    lines.push(`  ${e.tagged ? '✓' : '·'} ${e.act.padEnd(19)} p ${e.p.toFixed(2)} ${e.p >= e.threshold ? '≥' : '<'} ${e.threshold.toFixed(2)}${unit}${gated}`);
    if (e.features.length) lines.push(`      ${e.features.map((f) => describeWeighed(f.feature, f.weight)).join(', ')}`);
  }
  return lines;
}

/** Who speaks, in what kind of text, and whether the learned tagger reads it: a rule may then leave the decision to the model. */
interface Reader {
  role: Role;
  domain: Domain;
  learned: boolean;
}

function describeTrace(trace: SentenceTrace, reader: Reader): string[] {
  const { sentence } = trace;
  const lines = [`sentence ${sentence.index + 1} [${sentence.start}–${sentence.end}] ${JSON.stringify(sentence.text)}`];
  let any = false;
  for (const d of trace.decisions) {
    for (const step of d.steps) {
      any = true;
      const decided = d.fired === step;
      const mark = decided ? (d.yieldedTo ? '↷' : '✓') : step.kind === 'veto' && step.outcome === 'fired' ? '✗' : '·';
      const kind = step.kind === 'veto' ? ' (veto)' : step.outcome === 'unmet' ? ' (condition unmet)' : '';
      lines.push(`  ${mark} ${d.act.padEnd(19)} ${step.rule}${kind}: ${step.reason}`);
    }
    if (d.fired && d.yieldedTo) lines.push(`    ${d.act} yields to ${d.yieldedTo} on this sentence, so it is not tagged`);
    const own = d.fired && reader.learned ? leftToModelBy(d.fired.rule, reader.role, reader.domain) : null;
    if (own) lines.push(`    ${d.fired!.rule} tags on its own only in ${own} turns of typed chat: in a ${reader.role}'s turn the model decides`);
  }
  if (!any) lines.push('  no cue or rule matched');
  return lines;
}

export function explainCommand(io: Io): CommandBody {
  return {
    builder: (y) =>
      y
        .positional('text', { type: 'string', demandOption: true, describe: 'The turn to explain' })
        .option('prev', { type: 'string', describe: 'The turn before it: every act answers one, except a check that the listener follows' })
        .option('role', { choices: ['assistant', 'user'] as const, default: 'assistant' as const, describe: 'Role of the speaker of <text>' })
        .option('tagger', { choices: TAGGERS, default: 'learned' as TaggerKind, describe: 'The learned model, with the lexicons and rules among its features, or the lexicons and rules alone' })
        .option('spoken', { type: 'boolean', default: false, describe: 'Read the text as a spoken transcript (the model for meetings and calls) rather than typed chat' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the findings and every step as JSON' })
        .example('$0 explain "Do you mean the 2019 edition?" --prev "Send me the report."', 'Why the question is a clarification')
        .example('$0 explain "No, I meant the other file." --role user --json', 'A user turn, as JSON'),
    handler: async (argv) => {
      const args = argv as unknown as { text: string; prev?: string; role: Role; json: boolean; tagger: TaggerKind; spoken: boolean };
      const domain: Domain = args.spoken ? 'spoken' : 'typed';
      const other: Role = args.role === 'assistant' ? 'user' : 'assistant';
      const prev = args.prev === undefined ? null : viewOf(other, args.prev);
      const view = viewOf(args.role, args.text);
      const result = tagView(view, prev, 'explain', true, { tagger: args.tagger, domain });
      if (args.json) {
        const sentences = result.traces!.map((t) => ({ ...t.sentence, decisions: t.decisions }));
        await write(io.stdout, `${JSON.stringify({ findings: result.findings, sentences, ...(result.model && { model: result.model }) }, null, 2)}\n`);
        return;
      }
      const reader = { role: args.role, domain, learned: args.tagger === 'learned' };
      const lines = ['lexicons and rules:', ...result.traces!.flatMap((t) => describeTrace(t, reader))];
      if (result.model) lines.push(...describeModel(result.model, prev !== null));
      const unread = view.sentences.length - result.traces!.length;
      if (unread > 0) lines.push(`${unread} sentence(s) were not read: they are a drafted letter, or the middle of an artefact (story, quiz, script, rewrite) the turn before asked for`);
      const found = result.findings.map((f) => `${f.act} (${f.rule})`);
      lines.push(found.length ? `tagged: ${found.join(', ')}` : 'tagged: nothing');
      await write(io.stdout, `${lines.join('\n')}\n`);
    },
  };
}
