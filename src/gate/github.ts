/**
 * GitHub Actions output: workflow-command annotations (at most 10, worst first) and a markdown job
 * summary appended to $GITHUB_STEP_SUMMARY, kept under GitHub's 1 MiB limit.
 */
import { appendFile, stat } from 'node:fs/promises';
import { printable } from '../errors.js';
import { escapeMarkdown } from '../report/markdown.js';
import { describeThreshold, ratesLine, rateText, worstFirst, type GateResult, type Verdict } from './verdict.js';

export const MAX_ANNOTATIONS = 10;
/** GitHub rejects a step summary over 1 MiB. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Workflow-command escaping: data may not hold %, CR or LF; property values also not : or ,. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error title=…::…` lines for failing checks and `::warning` for the rest that need a look; when
 * there are more than fit, the last of the 10 is a `::notice` that says how many more.
 */
export function formatAnnotations(result: GateResult): string {
  const notable = worstFirst(result.checks).filter((c) => c.status !== 'pass');
  const shown = notable.length > MAX_ANNOTATIONS ? notable.slice(0, MAX_ANNOTATIONS - 1) : notable;
  const lines = shown.map((c) => {
    const level = c.failing ? 'error' : 'warning';
    // The model name comes from the input: no control characters reach the log.
    const model = printable(c.model);
    const title = `grounding gate: ${model} ${describeThreshold(c)}`;
    return `::${level} title=${escapeProperty(title)}::${escapeData(`${model}: ${describeThreshold(c)}: ${rateText(c)}; ${c.reason}`)}`;
  });
  if (notable.length > shown.length) {
    lines.push(`::notice title=grounding gate::${escapeData(`${notable.length - shown.length} more checks need attention; see the job summary.`)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

const STATUS_MARK = { pass: '✅ pass', fail: '❌ fail', warn: '⚠️ warn', insufficient: '➖ n/a' } as const;

/** The job summary: the verdict, a row per check (worst first), then the full `analyze` report. */
export function formatStepSummary(result: GateResult, v: Verdict, report: string): string {
  const rows = worstFirst(result.checks).map((c) => {
    const mark = c.status === 'insufficient' && c.failing ? '❌ n/a' : STATUS_MARK[c.status];
    // Only the model name comes from the input; the rest is the gate's own text.
    return `| ${mark} | ${escapeMarkdown(c.model)} | ${describeThreshold(c)} | ${rateText(c)} | ${c.reason} |`;
  });
  return [
    `## grounding gate: ${v.passed ? 'passed' : 'failed'}`,
    '',
    v.headline,
    '',
    ratesLine(result.rates),
    '',
    '| verdict | model | threshold | rate [95% CI] | reason |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    report,
  ].join('\n');
}

/** Cut `text` at a line end so that it fits in `budget` bytes, saying that it was cut. */
export function fitBytes(text: string, budget: number): string {
  if (Buffer.byteLength(text) <= budget) return text;
  const note = '\n\n_(truncated: the job summary is limited to 1 MiB; write the full report with -o report.md)_\n';
  const room = budget - Buffer.byteLength(note);
  if (room < 0) return '';
  let cut = Buffer.from(text).subarray(0, room).toString('utf8');
  // A cut inside a multi-byte character leaves a replacement character; drop the partial line.
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  return cut + note;
}

/** Append to the step summary file, keeping the whole file under the limit; returns the bytes written. */
export async function appendStepSummary(path: string, markdown: string): Promise<number> {
  const existing = await stat(path).then((s) => s.size, () => 0);
  const budget = STEP_SUMMARY_LIMIT - 1 - existing;
  if (budget <= 0) return 0;
  const text = fitBytes(`${markdown}\n`, budget);
  await appendFile(path, text, 'utf8');
  return Buffer.byteLength(text);
}
