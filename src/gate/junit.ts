/**
 * JUnit XML for CI test reporters: one testsuite per model, one testcase per threshold. A missed
 * threshold is a <failure>, unreadable input an <error>, insufficient data that does not fail a
 * <skipped>. Rates and n go in <properties>.
 */
import type { Check, GateResult } from './verdict.js';
import { describeThreshold } from './verdict.js';

/** Escape for XML text and attributes, dropping characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

/** Escape for an attribute value, where a parser would turn a raw tab, CR or LF into a space. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(String(v))}"`)
    .join('');
}

function properties(values: Record<string, string | number | null>, indent: string): string {
  const items = Object.entries(values)
    .filter(([, v]) => v !== null)
    .map(([name, value]) => `${indent}  <property${attrs({ name, value: value! })}/>`);
  return `${indent}<properties>\n${items.join('\n')}\n${indent}</properties>`;
}

function testcase(check: Check): string {
  const name = describeThreshold(check);
  const props = properties(
    {
      act: check.act, threshold: check.kind, limit: check.limit, rate: check.rate, ci_low: check.ci?.[0] ?? null, ci_high: check.ci?.[1] ?? null,
      // Which rate `rate` is: tagged, or estimated (corrected for the tagger's error).
      rates: check.rates, count: check.count, n: check.n, observed: check.observed, status: check.status,
    },
    '      ',
  );
  let body = '';
  if (check.failing) body = `\n      <failure${attrs({ message: check.reason, type: check.kind })}/>`;
  else if (check.status === 'insufficient') body = `\n      <skipped${attrs({ message: check.reason })}/>`;
  else if (check.status === 'warn') body = `\n      <system-out>${escapeXml(`warning: ${check.reason}`)}</system-out>`;
  return `    <testcase${attrs({ name, classname: `grounding.${check.model}` })}>\n${props}${body}\n    </testcase>`;
}

export function formatJunit(result: GateResult): string {
  const suites = result.models.map((model) => {
    const checks = result.checks.filter((c) => c.model === model);
    const failures = checks.filter((c) => c.failing).length;
    const skipped = checks.filter((c) => !c.failing && c.status === 'insufficient').length;
    const n = checks[0]?.n ?? 0;
    return [
      `  <testsuite${attrs({ name: model, tests: checks.length, failures, errors: 0, skipped })}>`,
      properties({ model, n, rates: result.rates }, '    '),
      ...checks.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const failures = result.checks.filter((c) => c.failing).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'grounding gate', tests: result.checks.length, failures, errors: 0 })}>\n${suites.join('\n')}\n</testsuites>\n`;
}

/** The report when the gate could not read its input or config: one <error>, so CI shows why. */
export function formatJunitError(message: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'grounding gate', tests: 1, failures: 0, errors: 1 })}>`,
    `  <testsuite${attrs({ name: 'input', tests: 1, failures: 0, errors: 1, skipped: 0 })}>`,
    `    <testcase${attrs({ name: 'read inputs and config', classname: 'grounding.input' })}>`,
    `      <error${attrs({ message, type: 'input' })}/>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
