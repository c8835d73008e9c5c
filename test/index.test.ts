/** The public API is src/index.ts; this list pins it, so any change to the API is a deliberate edit here. */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const PUBLIC_API = [
  'ACTS',
  'ACT_IDS',
  'ADAPTERS',
  'ActIdSchema',
  'BASELINE_SCHEMA',
  'BaselineSchema',
  'ConversationSchema',
  'FindingSchema',
  'GROUP_BY',
  'InputError',
  'ROLES',
  'RoleSchema',
  'SCHEMES',
  'SUMMARY_SCHEMA',
  'SummarySchema',
  'TurnSchema',
  'UsageError',
  'buildBaseline',
  'buildSummary',
  'chooseBaseline',
  'compilePattern',
  'defaultBaselinePath',
  'detectFormat',
  'evaluate',
  'formatCsv',
  'formatFor',
  'formatHtml',
  'formatJson',
  'formatMarkdown',
  'formatTable',
  'getAct',
  'getAdapter',
  'ingest',
  'listFormats',
  'loadBaseline',
  'loadLabelMap',
  'loadLexicons',
  'main',
  'loadConfig',
  'parseConfig',
  'GateConfigSchema',
  'evaluateGate',
  'verdict',
  'formatJunit',
  'formatAnnotations',
  'mergeTally',
  'mergeSummaries',
  'matchedComparison',
  'mergeMatched',
  'matchedTallyFromSummary',
  'cohensKappa',
  'mcnemar',
  'MatchedGroupSchema',
  'replay',
  'tallyReplay',
  'ReplaySchema',
  'REPLAY_SCHEMA',
  'parseLexicon',
  'per1k',
  'proportion',
  'relativeGap',
  'segment',
  'tagConversation',
  'tagView',
  'tallyConversation',
  'tallyFromSummary',
  'tallyInputs',
  'twoProportionZ',
  'viewOf',
  'wilson',
  'writeReport',
];

describe('public API (src/index.ts)', () => {
  it('exports exactly the pinned runtime names', () => {
    expect(Object.keys(api).sort()).toEqual([...PUBLIC_API].sort());
  });

  it('has no default export and no undefined re-export', () => {
    expect('default' in api).toBe(false);
    for (const [name, value] of Object.entries(api)) expect(value, name).toBeDefined();
  });
});
