import { describe, expect, it } from 'vitest';
import { escapeXml, escapeXmlAttribute, formatJunit, formatJunitError } from '../../src/gate/junit.js';
import { evaluateGate } from '../../src/gate/verdict.js';
import { configOf, summaryOf } from './helpers.js';

const count = (xml: string, pattern: RegExp) => (xml.match(pattern) ?? []).length;

describe('formatJunit', () => {
  const config = configOf({ min_turns: 30, thresholds: { clarification: { min_rate: 0.05 }, any: { min_rate: 0.1, max_gap: -0.5 } } });
  const summary = summaryOf({ good: { n: 200, acts: { clarification: 20, any: 60 } }, bad: { n: 200, acts: { clarification: 2, any: 4 } }, tiny: { n: 5 } });
  const xml = formatJunit(evaluateGate(summary, config));

  it('has one testsuite per model and one testcase per threshold', () => {
    expect(count(xml, /<testsuite /g)).toBe(3);
    expect(count(xml, /<testcase /g)).toBe(9);
    expect(xml).toContain('<testsuites name="grounding gate" tests="9" failures="3" errors="0">');
    expect(xml).toContain('<testsuite name="bad" tests="3" failures="3" errors="0" skipped="0">');
    expect(xml).toContain('<testsuite name="tiny" tests="3" failures="0" errors="0" skipped="3">');
  });

  it('makes a missed threshold a failure with its reason, and carries rates and n as properties', () => {
    expect(xml).toContain('<failure message="1.0% is below the 5.0% floor" type="min_rate"/>');
    expect(xml).toMatch(/<testcase name="clarification min_rate ≥ 5\.0%" classname="grounding\.bad">\s*<properties>\s*<property name="act" value="clarification"\/>\s*<property name="threshold" value="min_rate"\/>\s*<property name="limit" value="0\.05"\/>\s*<property name="rate" value="0\.01"\/>/);
    expect(xml).toContain('<property name="n" value="200"/>');
    expect(count(xml, /<failure /g)).toBe(3);
  });

  it('escapes model names and reasons', () => {
    const hostile = formatJunit(evaluateGate(summaryOf({ 'a"<b>&\'c\u0001': { n: 100 } }), configOf({ thresholds: { any: { min_rate: 0.1 } } })));
    expect(hostile).toContain('name="a&quot;&lt;b&gt;&amp;&apos;c"');
    expect(hostile).not.toContain('\u0001');
  });
});

describe('formatJunitError', () => {
  it('reports unreadable input as an error', () => {
    const xml = formatJunitError('logs/a.jsonl:3: expected JSON, found "<oops>"');
    expect(xml).toContain('errors="1"');
    expect(xml).toContain('<error message="logs/a.jsonl:3: expected JSON, found &quot;&lt;oops&gt;&quot;" type="input"/>');
  });
});

describe('escapeXml', () => {
  it('keeps tabs, newlines and astral characters, and drops what XML 1.0 forbids', () => {
    expect(escapeXml('a\tb\nc 😀\u0000\u001b\ufffe')).toBe('a\tb\nc 😀');
  });

  it('encodes tab, CR and LF in attribute values, which a parser would otherwise read as spaces', () => {
    expect(escapeXmlAttribute('x\r\n::warning::inj\t"')).toBe('x&#13;&#10;::warning::inj&#9;&quot;');
  });
});
