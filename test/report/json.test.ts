import { describe, expect, it } from 'vitest';
import { SummarySchema } from '../../src/measure/summary.js';
import { formatJson } from '../../src/report/json.js';
import { summaryOf, twoModels } from '../helpers/tagged.js';

describe('formatJson', () => {
  it.each([true, false])('round-trips through SummarySchema (baseline: %s)', (withBaseline) => {
    const summary = summaryOf(twoModels(), withBaseline);
    const text = formatJson(summary);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "schema": "grounding.summary/v1"');
    expect(SummarySchema.parse(JSON.parse(text))).toEqual(summary);
  });

  it('refuses a summary that does not match the schema', () => {
    const summary = summaryOf(twoModels(), true);
    expect(() => formatJson({ ...summary, schema: 'grounding.summary/v0' } as never)).toThrow();
  });
});
