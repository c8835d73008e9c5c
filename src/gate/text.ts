/** The gate's terminal output: one line per model and threshold, then the verdict. */
import pc from 'picocolors';
import { terminalText } from '../report/table.js';
import { describeThreshold, ratesLine, rateText, type Check, type GateResult, type Status, type Verdict } from './verdict.js';

const LABEL: Record<Status, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', insufficient: 'n/a' };

function statusLabel(check: Check, c: ReturnType<typeof pc.createColors>): string {
  const label = check.status === 'insufficient' && check.failing ? 'FAIL' : LABEL[check.status];
  const paint = check.failing ? c.red : check.status === 'pass' ? c.green : c.yellow;
  return paint(label.padEnd(4));
}

/** Pad to a width, counting characters as the terminal shows them. */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** `v` is `verdict(result)`, passed in so the printed headline is the exit code's own. */
export function formatGateText(result: GateResult, v: Verdict, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const rows = result.checks.map((check) => [terminalText(check.model), describeThreshold(check), rateText(check)]);
  const widths = [0, 1, 2].map((i) => rows.reduce((w, r) => Math.max(w, [...r[i]!].length), 0));
  const lines = result.checks.map((check, i) => {
    const cells = rows[i]!.map((cell, j) => pad(cell, widths[j]!));
    return `${statusLabel(check, c)}  ${cells.join('  ')}  ${c.dim(check.reason)}`;
  });
  lines.push('', c.dim(ratesLine(result.rates)), (v.passed ? c.green : c.red)(c.bold(v.headline)));
  return `${lines.join('\n')}\n`;
}
