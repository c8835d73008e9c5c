/** `grounding gate`: analyze the inputs, check the thresholds in grounding.yaml, exit 0 or 1. */
import { extname } from 'node:path';
import { chooseBaseline } from '../baseline/load.js';
import { UsageError } from '../errors.js';
import { loadConfig } from '../gate/config.js';
import { appendStepSummary, formatAnnotations, formatStepSummary } from '../gate/github.js';
import { formatJunit, formatJunitError } from '../gate/junit.js';
import { formatGateText } from '../gate/text.js';
import { evaluateGate, verdict } from '../gate/verdict.js';
import { mergeSummaries } from '../measure/merge.js';
import { buildSummary, requireBaselineEstimates, taggerChoice, type BaselineChoice, type RateBasis, type Summary } from '../measure/summary.js';
import { tallyInputs } from '../pipeline.js';
import type { TaggerKind } from '../tag/tagger.js';
import { writeAtomic } from '../report/atomic.js';
import { formatAccounts, formatFor, formatMarkdown, writeReport } from '../report/index.js';
import { loadLexicons } from '../tag/lexicon.js';
import { VERSION } from '../version.js';
import { checkWritable, modelWarning, ranRelaunched, write, type Io } from './io.js';
import { readSummary } from './summary-file.js';
import type { CommandBody } from './main.js';
import { inputOptions } from './options.js';
import { progressReporter } from './progress.js';

export const GATE_FORMATS = ['text', 'github'] as const;

const isJunit = (path: string) => extname(path).toLowerCase() === '.xml';

interface GateInputArgs {
  inputs: string[];
  inputFormat: string;
  model?: string;
  skipInvalid: boolean;
  progress: boolean;
  jobs: number;
  tagger: TaggerKind;
}

/** Read, tag and count the logs, as `analyze --by model` does. */
async function analyzeInputs(io: Io, args: GateInputArgs, baseline: BaselineChoice, rates: RateBasis): Promise<Summary> {
  const progress = progressReporter(io, args.progress);
  try {
    const run = await tallyInputs(args.inputs, {
      format: args.inputFormat,
      model: args.model,
      skipInvalid: args.skipInvalid,
      jobs: args.jobs,
      stdin: io.stdin,
      by: 'model',
      tagger: args.tagger,
      onProgress: progress.onProgress,
      onConversation: () => progress.conversation(),
    });
    return buildSummary({ version: VERSION, groupBy: 'model', tally: run.tally, files: run.files, conversations: run.conversations, baseline, matched: run.matched, tagger: taggerChoice(args.tagger), rates });
  } finally {
    progress.stop();
  }
}

/** Summaries written by earlier runs, merged, their gaps taken on the config's basis; they must have been compared with the config's baseline. */
function mergedSummaries(paths: readonly string[], baseline: BaselineChoice, rates: RateBasis): Summary {
  const summary = mergeSummaries(
    paths.map((path) => ({ path, summary: readSummary(path, 'With --summaries, name summary files written with -o summary.json.') })),
    { rates },
  );
  const wanted = { version: baseline.baseline.version, domain: baseline.domain };
  if (summary.baseline && (summary.baseline.version !== wanted.version || summary.baseline.domain !== wanted.domain)) {
    throw new UsageError(
      `Expected summaries compared with the config's baseline ${wanted.version} (${wanted.domain}), found ${summary.baseline.version} (${summary.baseline.domain}). Re-run analyze with that baseline, or change baseline and baseline_domain in the config.`,
    );
  }
  return summary;
}

export function gateCommand(io: Io, setExitCode: (code: number) => void): CommandBody {
  return {
    builder: (y) =>
      inputOptions(y, 'input-format')
        .option('config', { alias: 'c', type: 'string', describe: 'The config file (default: the nearest grounding.yaml from here upwards)' })
        .option('format', { choices: GATE_FORMATS, default: 'text' as const, describe: 'Output: text, or github for annotations and a job summary' })
        .option('out', { alias: 'o', type: 'string', array: true, default: [] as string[], describe: 'Also write FILE: .xml (JUnit), .json (the summary, usable as compare_to), .csv, .md or .html' })
        .option('color', { type: 'boolean', describe: 'Colour the verdicts (default: when stdout is a terminal)' })
        .option('summaries', { type: 'boolean', default: false, describe: 'The inputs are summary JSON files (analyze, merge -o): gate them merged instead of reading logs' })
        .example('$0 gate logs/candidate.jsonl', 'Check against ./grounding.yaml')
        .example('$0 gate --summaries shard-*.json', 'Gate the shards of one analyze --shard run')
        .example('$0 gate logs/*.jsonl -c ci/grounding.yaml -o results.junit.xml -o summary.json --format github', 'In GitHub Actions'),
    handler: async (argv) => {
      const args = argv as unknown as {
        inputs: string[]; inputFormat: string; model?: string; skipInvalid: boolean; progress: boolean; jobs: number; tagger: TaggerKind;
        config?: string; format: (typeof GATE_FORMATS)[number]; out: string[]; color?: boolean; summaries: boolean;
      };
      const relaunched = args.summaries ? null : await ranRelaunched(io, args.jobs, args.inputs);
      if (relaunched !== null) return setExitCode(relaunched);
      const junit = args.out.filter(isJunit);
      try {
        args.out.forEach((path) => {
          if (!isJunit(path)) formatFor(path, ['.xml']);
          checkWritable(path);
        });
        const { config, path: configPath, baselinePath, comparePath } = await loadConfig(args.config);
        await write(io.stderr, `config: ${configPath}\n`);
        const baseline = chooseBaseline(baselinePath, config.baseline_domain, {
          fix: `Fix the key \`baseline\` in ${configPath}: \`default\`, or a baseline JSON relative to it.`,
          domain: `the key \`baseline_domain\` in ${configPath}`,
        });
        const lexiconHash = loadLexicons().hash;
        if (baseline.baseline.tagger.lexiconHash !== lexiconHash) {
          await write(io.stderr, `warning: the baseline ${baseline.path} was measured with other lexicons (${baseline.baseline.tagger.lexiconHash}, now ${lexiconHash}); max_gap compares unlike with unlike until it is rebuilt.\n`);
        }
        if (config.rates === 'estimated') {
          requireBaselineEstimates(baseline);
          await write(io.stderr, modelWarning(baseline, taggerChoice(args.tagger)));
        }
        const previous = comparePath ? readSummary(comparePath, 'Fix compare_to in the config.') : null;
        if (previous && previous.groupBy !== 'model') {
          throw new UsageError(`${comparePath}: expected a summary grouped by model (from \`analyze --by model -o\` or \`gate -o\`), found one grouped by ${previous.groupBy}. Fix compare_to in the config.`);
        }
        const summary = args.summaries ? mergedSummaries(args.inputs, baseline, config.rates) : await analyzeInputs(io, args, baseline, config.rates);
        await write(io.stderr, `${formatAccounts(summary.input.files)}\n`);
        const result = evaluateGate(summary, config, previous);
        const outcome = verdict(result);
        const color = args.color ?? Boolean((io.stdout as NodeJS.WriteStream).isTTY);
        await write(io.stdout, formatGateText(result, outcome, { color }));
        if (args.format === 'github') {
          await write(io.stdout, formatAnnotations(result));
          const stepSummary = process.env.GITHUB_STEP_SUMMARY;
          if (stepSummary) {
            const bytes = await appendStepSummary(stepSummary, formatStepSummary(result, outcome, formatMarkdown(summary)));
            if (bytes === 0) await write(io.stderr, `warning: ${stepSummary} is already at GitHub's 1 MiB limit; the job summary was not added.\n`);
          }
        }
        for (const path of args.out) {
          if (isJunit(path)) await writeAtomic(path, formatJunit(result));
          else await writeReport(path, summary);
          await write(io.stderr, `wrote ${path}\n`);
        }
        setExitCode(outcome.exitCode);
      } catch (error) {
        // CI reporters should show why the gate could not run, not an empty test list.
        if (error instanceof UsageError) {
          for (const path of junit) await writeAtomic(path, formatJunitError(error.message));
        }
        throw error;
      }
    },
  };
}
