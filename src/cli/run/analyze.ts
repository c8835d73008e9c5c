/** What `grounding analyze` does once its options are read (cli/analyze.ts): read, tag and count the inputs, then print and write the summary. */
import { chooseBaseline } from '../../baseline/load.js';
import { buildSummary, requireBaselineEstimates, taggerChoice } from '../../measure/summary.js';
import { formatAccounts, formatFor, formatTable, writeReport } from '../../report/index.js';
import { loadLexicons } from '../../tag/lexicon.js';
import { VERSION } from '../../version.js';
import type { AnalyzeArgs } from '../analyze.js';
import { checkWritable, lexiconWarning, modelWarning, write, type Io } from '../io.js';
import { tableSettings } from '../options.js';
import { tallyWithProgress } from '../progress.js';

export async function runAnalyze(io: Io, args: AnalyzeArgs): Promise<void> {
  // Check every output name, its folder and the baseline before reading anything.
  args.out.forEach((path) => {
    formatFor(path);
    checkWritable(path);
  });
  const baseline = args.baseline === false ? null : chooseBaseline(args.baseline, args.baselineDomain);
  const tagger = taggerChoice(args.tagger);
  if (baseline && args.rates === 'estimated') requireBaselineEstimates(baseline);
  if (baseline) await write(io.stderr, lexiconWarning(baseline, loadLexicons().hash, 'rebuild it with `grounding baseline build` for a like-for-like comparison'));
  if (baseline && args.rates === 'estimated') await write(io.stderr, modelWarning(baseline, tagger));
  const run = await tallyWithProgress(io, args, args.format, { by: args.by, shard: args.shard });
  const summary = buildSummary({ version: VERSION, groupBy: args.by, tally: run.tally, files: run.files, conversations: run.conversations, baseline, matched: run.matched, tagger, rates: args.rates });
  await write(io.stdout, `${formatTable(summary, tableSettings(args, io.stdout))}\n`);
  await write(io.stderr, `${formatAccounts(run.files)}\n`);
  for (const path of args.out) {
    await writeReport(path, summary);
    await write(io.stderr, `wrote ${path}\n`);
  }
}
