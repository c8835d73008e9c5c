/** What `grounding gate` does once its options are read (cli/gate.ts): the summary of the logs (or of summary files), its verdicts, and the exit code. */
import { extname } from 'node:path';
import type { RateBasis } from '../../choices.js';
import { chooseBaseline } from '../../baseline/load.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../gate/config.js';
import { appendStepSummary, formatAnnotations, formatStepSummary } from '../../gate/github.js';
import { formatJunit, formatJunitError } from '../../gate/junit.js';
import { formatGateText } from '../../gate/text.js';
import { evaluateGate, verdict } from '../../gate/verdict.js';
import { mergeSummaries } from '../../measure/merge.js';
import { buildSummary, requireBaselineEstimates, taggerChoice, type BaselineChoice, type Summary } from '../../measure/summary.js';
import { writeAtomic } from '../../report/atomic.js';
import { formatAccounts, formatFor, formatMarkdown, writeReport } from '../../report/index.js';
import { loadLexicons } from '../../tag/lexicon.js';
import { VERSION } from '../../version.js';
import type { GateArgs } from '../gate.js';
import { checkWritable, lexiconWarning, modelWarning, write, type Io } from '../io.js';
import { tallyWithProgress } from '../progress.js';
import { readSummary } from '../summary-file.js';

const isJunit = (path: string) => extname(path).toLowerCase() === '.xml';

/** Read, tag and count the logs, as `analyze --by model` does. */
async function analyzeInputs(io: Io, args: GateArgs, baseline: BaselineChoice, rates: RateBasis): Promise<Summary> {
  const run = await tallyWithProgress(io, args, args.inputFormat, { by: 'model' });
  return buildSummary({ version: VERSION, groupBy: 'model', tally: run.tally, files: run.files, conversations: run.conversations, baseline, matched: run.matched, tagger: taggerChoice(args.tagger), rates });
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

export async function runGate(io: Io, args: GateArgs, setExitCode: (code: number) => void): Promise<void> {
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
    await write(io.stderr, lexiconWarning(baseline, loadLexicons().hash, 'max_gap compares unlike with unlike until it is rebuilt'));
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
}
