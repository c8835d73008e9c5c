/** `grounding explain`: which rules fired on each sentence, and why the act was or was not tagged. */
import type { CommandModule } from 'yargs';
import type { Role } from '../model.js';
import { tagView, viewOf, type SentenceTrace } from '../tag/tagger.js';
import { write, type Io } from './io.js';

function describeTrace(trace: SentenceTrace): string[] {
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
  }
  if (!any) lines.push('  no cue or rule matched');
  return lines;
}

export function explainCommand(io: Io): CommandModule {
  return {
    command: 'explain <text>',
    describe: 'Show which rules fire on a text, given the turn before it, and why',
    builder: (y) =>
      y
        .positional('text', { type: 'string', demandOption: true, describe: 'The turn to explain' })
        .option('prev', { type: 'string', describe: 'The turn before it (needed by the OK test and restatement rules)' })
        .option('role', { choices: ['assistant', 'user'] as const, default: 'assistant' as const, describe: 'Role of the speaker of <text>' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the findings and every step as JSON' })
        .example('$0 explain "Do you mean the 2019 edition?" --prev "Send me the report."', 'Why the question is a clarification')
        .example('$0 explain "No, I meant the other file." --role user --json', 'A user turn, as JSON'),
    handler: async (argv) => {
      const args = argv as unknown as { text: string; prev?: string; role: Role; json: boolean };
      const other: Role = args.role === 'assistant' ? 'user' : 'assistant';
      const prev = args.prev === undefined ? null : viewOf(other, args.prev);
      const view = viewOf(args.role, args.text);
      const result = tagView(view, prev, 'explain', true);
      if (args.json) {
        const sentences = result.traces!.map((t) => ({ ...t.sentence, decisions: t.decisions }));
        await write(io.stdout, `${JSON.stringify({ findings: result.findings, sentences }, null, 2)}\n`);
        return;
      }
      const lines = result.traces!.flatMap(describeTrace);
      const unread = view.sentences.length - result.traces!.length;
      if (unread > 0) lines.push(`${unread} sentence(s) were not read: they are a drafted letter, or the middle of an artefact (story, quiz, script, rewrite) the turn before asked for`);
      const found = result.findings.map((f) => `${f.act} (${f.rule})`);
      lines.push(found.length ? `tagged: ${found.join(', ')}` : 'tagged: nothing');
      await write(io.stdout, `${lines.join('\n')}\n`);
    },
  };
}
