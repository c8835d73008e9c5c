/** The summary as JSON, validated first so a file on disk always matches `grounding.summary/v1`. */
import { SummarySchema, type Summary } from '../measure/summary.js';

export function formatJson(summary: Summary): string {
  return `${JSON.stringify(SummarySchema.parse(summary), null, 2)}\n`;
}
