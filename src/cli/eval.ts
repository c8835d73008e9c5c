/** `grounding eval`: the tagger against human dialogue-act labels. */
import { evaluate, type TaggerKind, type UnitHook } from '../eval/evaluate.js';
import { formatEval, formatEvalComparison, type TaggerResults } from '../eval/format.js';
import { loadLabelMap, SCHEMES, type Scheme } from '../eval/labelmap.js';
import { readLabelled, SPLITS, type Split } from '../eval/read/index.js';
import type { ActId } from '../model.js';
import { UsageError } from '../errors.js';
import { write, type Io } from './io.js';
import type { CommandBody } from './main.js';

/** Collect the most frequent missed and wrongly tagged texts per act, for `--errors`. */
function errorCollector(scored: ReadonlySet<ActId>): { hook: UnitHook; report(n: number): string } {
  const counts = new Map<string, Map<string, number>>();
  const bump = (key: string, text: string) => {
    const m = counts.get(key) ?? new Map<string, number>();
    m.set(text, (m.get(text) ?? 0) + 1);
    counts.set(key, m);
  };
  return {
    hook(unit, gold, findings) {
      const predicted = new Set<ActId>(findings.map((f) => f.act));
      const text = `${unit.text.trim().toLowerCase()} [${unit.labels.join('+') || 'no label'}]`;
      for (const act of gold) if (!predicted.has(act)) bump(`${act}: missed`, text);
      for (const f of findings) if (scored.has(f.act) && !gold.has(f.act)) bump(`${f.act}: tagged without its label`, `${text} ← ${f.rule}`);
    },
    report(n) {
      return [...counts]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, m]) => {
          const rows = [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
          return [`${key} (top ${rows.length} of ${m.size} distinct)`, ...rows.map(([t, c]) => `  ${String(c).padStart(5)}  ${t}`)].join('\n');
        })
        .join('\n');
    },
  };
}

/** `--tagger`: one tagger, or both side by side (the default, to see what the model adds to the rules). */
export const EVAL_TAGGERS = ['rules', 'learned', 'both'] as const satisfies ReadonlyArray<TaggerKind | 'both'>;
export type EvalTagger = (typeof EVAL_TAGGERS)[number];

/** The taggers an `--tagger` choice runs, rules first. */
export function taggersOf(choice: EvalTagger): TaggerKind[] {
  return choice === 'both' ? ['rules', 'learned'] : [choice];
}

/** The split read when none is named: Persuasion for Good has none, typed chat calls its held-out split dev. */
function defaultSplit(scheme: Scheme): Split {
  return scheme === 'p4g' ? 'all' : scheme === 'typed-chat' ? 'dev' : 'val';
}

export function evalCommand(io: Io): CommandBody {
  return {
    builder: (y) =>
      y
        .positional('corpus', { type: 'string', demandOption: true, describe: 'The labelled corpus: its folder, a split folder or a file' })
        .option('scheme', { choices: SCHEMES, demandOption: true, describe: 'Label scheme, mapped to acts by corpora/label-maps/<scheme>.yml' })
        .option('split', { choices: SPLITS, describe: 'Which split to read (default: val; dev for typed-chat, where val means the same; all for p4g, which has none)' })
        .option('tagger', { choices: EVAL_TAGGERS, default: 'both' as EvalTagger, describe: 'Which tagger to score: the rules alone, the learned model, or both side by side' })
        .option('errors', { type: 'number', default: 0, describe: 'Also list the N most frequent missed and wrongly tagged texts per act' })
        .check((a) => {
          if (!Number.isInteger(a.errors) || (a.errors as number) < 0) throw new UsageError(`Expected --errors to be a whole number of 0 or more, found \`${String(a.errors)}\`.`);
          return true;
        })
        .example('$0 eval ../shared/corpora/labeled/mrda --scheme mrda --split val', 'MRDA validation split, against the MRDA label map')
        .example('$0 eval ../shared/corpora/human/esconv --scheme esconv --errors 20', 'ESConv, listing the 20 most frequent errors per act')
        .example('$0 eval ../shared/corpora/labeled/typed-chat --scheme typed-chat --tagger learned', 'typed chat dev split, the learned tagger only'),
    handler: async (argv) => {
      const args = argv as unknown as { corpus: string; scheme: Scheme; split?: Split; tagger: EvalTagger; errors: number };
      const split = args.split ?? defaultSplit(args.scheme);
      const map = loadLabelMap(args.scheme);
      const dialogues = readLabelled(args.scheme, args.corpus, split);
      const title = `${args.scheme} ${split} (${args.corpus})`;
      const results: TaggerResults = {};
      for (const tagger of taggersOf(args.tagger)) {
        const errors = args.errors > 0 ? errorCollector(new Set(Object.keys(map.acts) as ActId[])) : null;
        const result = (results[tagger] = evaluate(dialogues, map, { tagger, onUnit: errors?.hook }));
        await write(io.stdout, `${formatEval(result, title)}\n`);
        if (errors) await write(io.stdout, `${errors.report(args.errors)}\n`);
      }
      if (args.tagger === 'both') await write(io.stdout, `${formatEvalComparison(results, title)}\n`);
    },
  };
}
