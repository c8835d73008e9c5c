/**
 * The act tester, in the style of eslint's RuleTester: one table per act, one `it` per case.
 *
 *   actTester.run('clarification', {
 *     invalid: [{ text: 'Which language are you using?', prev: 'Write me a parser.', rule: 'clarification/which-one' }],
 *     valid: [{ text: 'Would you like an example?', prev: 'Explain recursion.' }],
 *   });
 *
 * As in eslint, "invalid" means the act is reported (found) and "valid" means it is not, in any
 * sentence. Each case is a turn read against the turn before it (`prev`, spoken by the other
 * party), through the real tagger. A failing case prints the explain trace: every cue, rule,
 * unmet condition, veto and yield on every sentence.
 */
import { describe, expect, it } from 'vitest';
import type { ActId, Finding, Role } from '../../src/model.js';
import { getAct } from '../../src/tag/registry.js';
import { tagView, viewOf, type SentenceTrace } from '../../src/tag/tagger.js';

export interface Case {
  /** The turn under test. */
  text: string;
  /** The other party's turn before it; none means the turn opens the conversation. */
  prev?: string;
  /** The role of the speaker of `text`; `assistant` unless given. */
  role?: 'assistant' | 'user';
  /** For invalid cases: the rule id that must find the act, e.g. `clarification/do-you-mean`. */
  rule?: string;
  /** For invalid cases: the index of the sentence that must carry the act. */
  sentence?: number;
}

export interface Tables {
  /** Cases where the act must not be found in any sentence. */
  valid: readonly Case[];
  /** Cases where the act must be found. */
  invalid: readonly Case[];
}

export interface Outcome {
  findings: Finding[];
  traces: SentenceTrace[];
  /** The sentences the tagger did not read (the middle of an artefact written on request). */
  unread: number;
}

/** Tag one case through the real tagger, with the trace. */
export function tagCase(c: Case): Outcome {
  const role: Role = c.role ?? 'assistant';
  const other: Role = role === 'assistant' ? 'user' : 'assistant';
  const view = viewOf(role, c.text);
  const prev = c.prev === undefined ? null : viewOf(other, c.prev);
  // The tables pin the lexicons and rules, which the learned tagger reads as features: tested alone.
  const result = tagView(view, prev, 'case', true, { tagger: 'rules' });
  const traces = result.traces ?? [];
  return { findings: result.findings, traces, unread: view.sentences.length - traces.length };
}

/** The explain trace as text, like `grounding explain`, for failure messages. */
export function formatTrace(outcome: Outcome): string {
  const lines: string[] = [];
  for (const { sentence, decisions } of outcome.traces) {
    lines.push(`  sentence ${sentence.index} [${sentence.start}–${sentence.end}] ${JSON.stringify(sentence.text)} norm ${JSON.stringify(sentence.norm)}`);
    let any = false;
    for (const d of decisions) {
      for (const step of d.steps) {
        any = true;
        const decided = d.fired === step;
        const mark = decided ? (d.yieldedTo ? `yielded to ${d.yieldedTo}` : 'TAGGED') : step.kind === 'veto' && step.outcome === 'fired' ? 'applied' : step.outcome;
        lines.push(`    ${d.act} ${step.rule} (${step.kind}, ${mark}): ${step.reason}`);
      }
    }
    if (!any) lines.push('    no cue or rule matched');
  }
  if (outcome.traces.length === 0) lines.push('  no sentence to read (everything masked)');
  if (outcome.unread > 0) lines.push(`  ${outcome.unread} sentence(s) not read: the reply is an artefact written on request`);
  const found = outcome.findings.map((f) => `${f.act} (${f.rule}) in sentence ${f.sentence}`);
  lines.push(`  tagged: ${found.length ? found.join(', ') : 'nothing'}`);
  return lines.join('\n');
}

function caseName(c: Case): string {
  const role = c.role ?? 'assistant';
  const prev = c.prev === undefined ? 'opening the conversation' : `after ${JSON.stringify(c.prev)}`;
  const where = c.sentence === undefined ? '' : ` (sentence ${c.sentence})`;
  const rule = c.rule ? ` → ${c.rule}` : '';
  return `${role}: ${JSON.stringify(c.text)}${where} ${prev}${rule}`;
}

function key(c: Case): string {
  return JSON.stringify([c.text, c.prev ?? null, c.role ?? 'assistant']);
}

/** Rule ids an act can report: its lexicon's cue entries and its code rules. */
function reportableRules(actId: ActId): Set<string> {
  const act = getAct(actId);
  return new Set([...act.entries.filter((e) => e.kind === 'cue').map((e) => e.rule), ...act.rules.map((r) => `${actId}/${r.id}`)]);
}

export const actTester = {
  run(actId: ActId, tables: Tables): void {
    describe(actId, () => {
      // A table mistake (a typo in a rule id, a case listed twice) fails loudly rather than passing by accident.
      const rules = reportableRules(actId);
      const seen = new Map<string, string>();
      for (const [kind, cases] of [['valid', tables.valid], ['invalid', tables.invalid]] as const) {
        for (const c of cases) {
          const k = key(c);
          if (seen.has(k)) throw new Error(`${actId}: the case ${caseName(c)} is listed twice (in ${seen.get(k)} and ${kind}); remove one.`);
          seen.set(k, kind);
          if (c.rule !== undefined && !rules.has(c.rule)) throw new Error(`${actId}: expected a rule id of ${[...rules].join(', ')}, found \`${c.rule}\` in ${caseName(c)}; fix the table.`);
          if (kind === 'valid' && (c.rule !== undefined || c.sentence !== undefined)) throw new Error(`${actId}: a valid case names no rule or sentence; found one in ${caseName(c)}.`);
        }
      }

      describe('invalid: the act is found', () => {
        for (const c of tables.invalid) {
          it(caseName(c), () => {
            const outcome = tagCase(c);
            const mine = outcome.findings.filter((f) => f.act === actId);
            const trace = `\n${formatTrace(outcome)}`;
            expect(mine.length, `expected ${actId} to be found${trace}`).toBeGreaterThan(0);
            if (c.sentence !== undefined) expect(mine.map((f) => f.sentence), `expected ${actId} in sentence ${c.sentence}${trace}`).toContain(c.sentence);
            if (c.rule !== undefined) {
              const at = c.sentence === undefined ? mine : mine.filter((f) => f.sentence === c.sentence);
              expect(at.map((f) => f.rule), `expected ${actId} found by ${c.rule}${trace}`).toContain(c.rule);
            }
          });
        }
      });

      describe('valid: the act is not found', () => {
        for (const c of tables.valid) {
          it(caseName(c), () => {
            const outcome = tagCase(c);
            const mine = outcome.findings.filter((f) => f.act === actId);
            expect(mine, `expected no ${actId}\n${formatTrace(outcome)}`).toEqual([]);
          });
        }
      });
    });
  },
};
