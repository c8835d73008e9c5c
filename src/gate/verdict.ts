/**
 * The gate's checks: each configured threshold, for each gated model, becomes one check with a
 * status and a one-line reason. `verdict` alone turns checks into the exit code and the headline,
 * so the two can never disagree.
 */
import { UsageError } from '../errors.js';
import { estimateZ } from '../measure/estimate.js';
import { normalCdf, twoProportionZ } from '../measure/stats.js';
import type { MatchedAct, MatchedGroup } from '../measure/matched.js';
import { SHARES, type ShareId, type ShareResult } from '../measure/curiosity.js';
import { userTrajectoryOf, type ActResult, type GroupSummary, type RateBasis, type Summary } from '../measure/summary.js';
import { interval, pct, scoreText, scoreWithInterval } from '../report/format.js';
import { GATED, type CoordinationThreshold, type GateConfig, type Gated, type ShareThreshold, type Threshold, type TrajectoryThreshold } from './config.js';

export const THRESHOLD_KINDS = ['min_rate', 'max_gap', 'max_regression', 'max_matched_gap'] as const;
/** The thresholds on coordination, a score rather than a rate. */
export const COORDINATION_KINDS = ['min_score', 'max_below_human'] as const;
/** The thresholds on curiosity, comfort and the curiosity share. */
export const SHARE_KINDS = ['min_rate', 'max_rate', 'max_gap'] as const;
/** The thresholds on the users' trajectory. */
export const TRAJECTORY_KINDS = ['min_change', 'max_worsened'] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number] | (typeof COORDINATION_KINDS)[number] | (typeof SHARE_KINDS)[number] | (typeof TRAJECTORY_KINDS)[number];

/**
 * pass; fail (misses a threshold); warn (missed, but warn_only, or a drop too uncertain to fail);
 * insufficient (too few turns to say).
 */
export type Status = 'pass' | 'fail' | 'warn' | 'insufficient';

export interface Check {
  /** The model (group value) and its summary key. */
  model: string;
  key: string;
  act: Gated | 'coordination' | ShareId | 'trajectory';
  kind: ThresholdKind;
  /** The configured value: a rate floor, a gap floor or a drop tolerance. */
  limit: number;
  status: Status;
  /** Whether this check counts against the gate: a fail, or insufficient data under `insufficient: fail`. */
  failing: boolean;
  warnOnly: boolean;
  /** Turns with the act and counted turns; for coordination, reply pairs and speakers. */
  count: number;
  n: number;
  /** The tagged or the estimated rate, as `rates` says (for max_matched_gap always the tagged rate on the matched positions; for coordination the score). */
  rate: number | null;
  ci: [number, number] | null;
  /** Which rate the check read (the config's `rates`). */
  rates: RateBasis;
  /** What was compared with the limit: the rate, the gap, or the relative drop. */
  observed: number | null;
  /** How far past the limit, relative to it, for ordering the worst first; 0 when within. */
  severity: number;
  reason: string;
}

export interface GateResult {
  checks: Check[];
  /** Gated models, in summary order. */
  models: string[];
  /** Which rate the thresholds read. */
  rates: RateBasis;
}

/** `*` matches any run of characters (slashes too: model names are not paths), `?` one. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

function actResult(group: GroupSummary, act: Gated): ActResult {
  return act === 'any' ? group.any : group.acts[act];
}

function signedPct(x: number): string {
  const whole = Math.round(x * 100);
  return whole < 0 ? `−${-whole}%` : `+${whole}%`;
}

function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

type Outcome = Pick<Check, 'status' | 'observed' | 'severity' | 'reason'>;

/** The rate a check reads, with its interval: the tagged one, or the estimate. */
function basisRate(r: ActResult, rates: RateBasis): { rate: number | null; ci: [number, number] | null } {
  return rates === 'estimated' ? { rate: r.estimate?.rate ?? null, ci: r.estimate?.ci ?? null } : { rate: r.rate, ci: r.ci };
}

/** `4.1%`, or `est 4.1%` for an estimated rate, so every line says which it read. */
function rateFigure(rate: number | null, rates: RateBasis): string {
  return `${rates === 'estimated' ? 'est ' : ''}${pct(rate)}`;
}

function minRate(rate: number, limit: number, rates: RateBasis): Outcome {
  const shown = rateFigure(rate, rates);
  if (rate >= limit) return { status: 'pass', observed: rate, severity: 0, reason: `${shown} is at or above the ${pct(limit)} floor` };
  return { status: 'fail', observed: rate, severity: limit > 0 ? (limit - rate) / limit : 1, reason: `${shown} is below the ${pct(limit)} floor` };
}

function maxGap(r: ActResult, limit: number, rates: RateBasis): Outcome {
  if (!r.baseline || r.baseline.rate === null) throw new UsageError('Expected a human baseline for max_gap, found none. Set `baseline` in the config.');
  // The summary's gap is already on the config's basis (evaluateGate checks they agree).
  const human = rates === 'estimated' ? (r.baseline.estimate?.rate ?? null) : r.baseline.rate;
  if (r.gap === null) {
    return { status: 'insufficient', observed: null, severity: 0, reason: `the human rate is ${rateFigure(human, rates)}, so no gap can be computed` };
  }
  const versus = `${signedPct(r.gap)} vs human ${rateFigure(human, rates)}${r.p === null ? '' : ` (${pText(r.p)})`}`;
  if (r.gap >= limit) return { status: 'pass', observed: r.gap, severity: 0, reason: `${versus}, within the ${signedPct(limit)} limit` };
  return { status: 'fail', observed: r.gap, severity: (limit - r.gap) / Math.max(-limit, 0.01), reason: `${versus}, beyond the ${signedPct(limit)} limit` };
}

function maxRegression(r: ActResult, before: ActResult | undefined | null, limit: number, config: GateConfig): Outcome {
  // A first release has nothing to regress from: reported, and failing only under `insufficient: fail`.
  if (before === null) return { status: 'insufficient', observed: null, severity: 0, reason: 'no compare_to summary in the config to compare with' };
  const { rates } = config;
  const old = before ? basisRate(before, rates).rate : null;
  if (!before || before.n < config.min_turns || before.rate === null) {
    const had = before ? `only ${before.n} counted turns` : 'no turns';
    return { status: 'insufficient', observed: null, severity: 0, reason: `compare_to has ${had} for this model (min_turns ${config.min_turns})` };
  }
  if (old === null) {
    return { status: 'insufficient', observed: null, severity: 0, reason: 'compare_to has no estimated rate for this model (tagged by the rules alone, or written before estimates), so rates: estimated cannot compare' };
  }
  const rate = basisRate(r, rates).rate!;
  const from = `from ${rateFigure(old, rates)} (n=${before.n}) to ${rateFigure(rate, rates)}`;
  if (old === 0 || rate >= old) {
    return { status: 'pass', observed: 0, severity: 0, reason: `no drop: ${from}` };
  }
  const drop = (old - rate) / old;
  if (drop <= limit) return { status: 'pass', observed: drop, severity: 0, reason: `dropped ${pct(drop)} ${from}, within the ${pct(limit)} tolerance` };
  // One-sided: is the new rate significantly below the old one?
  const test = rates === 'estimated' ? estimateZ(r.estimate!, before.estimate!) : twoProportionZ(r.count, r.n, before.count, before.n);
  const p = test ? normalCdf(test.z) : 1;
  const how = `dropped ${pct(drop)} ${from}, more than ${pct(limit)}`;
  if (p < config.alpha) {
    return { status: 'fail', observed: drop, severity: (drop - limit) / Math.max(limit, 0.01), reason: `${how}; significant (one-sided ${pText(p)} < ${config.alpha})` };
  }
  return { status: 'warn', observed: drop, severity: 0, reason: `${how}, but not significant (one-sided ${pText(p)} ≥ ${config.alpha}), so it does not fail` };
}

/**
 * The model against the human replies at the same replayed positions. `rate`, `ci`, `count` and
 * `n` of the check are the model's on those positions.
 */
function maxMatchedGap(m: MatchedAct, reference: string, limit: number): Outcome {
  if (m.gap === null) {
    return { status: 'insufficient', observed: null, severity: 0, reason: `the ${reference} replies at these ${m.n} positions have no act, so no gap can be computed` };
  }
  const versus = `${signedPct(m.gap)} vs the ${reference} replies at the same ${m.n} positions (${pct(m.modelRate)} vs ${pct(m.humanRate)}; κ ${m.kappa === null ? '—' : m.kappa.toFixed(2)}; McNemar ${pText(m.mcnemar.p)})`;
  if (m.gap >= limit) return { status: 'pass', observed: m.gap, severity: 0, reason: `${versus}, within the ${signedPct(limit)} limit` };
  return { status: 'fail', observed: m.gap, severity: (limit - m.gap) / Math.max(-limit, 0.01), reason: `${versus}, beyond the ${signedPct(limit)} limit` };
}

/** A missed warn_only threshold only warns; a check fails the gate when it failed, or lacks data under `insufficient: fail`. */
function settle(outcome: Outcome, warnOnly: boolean, config: GateConfig): Outcome & Pick<Check, 'failing'> {
  const settled = outcome.status === 'fail' && warnOnly ? { ...outcome, status: 'warn' as const, reason: `${outcome.reason} (warn_only)` } : outcome;
  return { ...settled, failing: !warnOnly && (settled.status === 'fail' || (settled.status === 'insufficient' && config.insufficient === 'fail')) };
}

/** The groups the config gates: its role, and a model name matching one of its globs. */
export function gatedGroups(summary: Summary, config: GateConfig): GroupSummary[] {
  if (summary.groupBy !== 'model') throw new UsageError(`Expected a summary grouped by model, found one grouped by ${summary.groupBy}. Run analyze with --by model.`);
  const globs = config.models.map(globToRegExp);
  const ofRole = summary.groups.filter((g) => g.role === config.role);
  const gated = ofRole.filter((g) => globs.some((re) => re.test(g.value)));
  if (gated.length === 0) {
    const found = ofRole.length ? `only ${ofRole.map((g) => `\`${g.value}\``).join(', ')}` : `no ${config.role} turns`;
    throw new UsageError(`Expected ${config.role} turns from a model matching ${config.models.map((m) => `\`${m}\``).join(', ')}, found ${found}. Fix \`models\` in the config, or check the input.`);
  }
  return gated;
}

/** The matched comparison of a replayed model; a model replayed against several references is compared with the first. */
function matchedOf(summary: Summary, model: string): MatchedGroup | undefined {
  return summary.matched?.find((m) => m.model === model);
}

/** Evaluate every threshold for every gated model. `previous` is the `compare_to` summary, if any. */
export function evaluateGate(summary: Summary, config: GateConfig, previous: Summary | null = null): GateResult {
  const { rates } = config;
  if (summary.rates !== rates) {
    throw new UsageError(`Expected a summary whose gaps compare ${rates} rates, as the config's \`rates: ${rates}\` says, found one of ${summary.rates} rates. Build it with --rates ${rates}, or change \`rates\` in the config.`);
  }
  const groups = gatedGroups(summary, config);
  const before = new Map(previous?.groups.map((g) => [g.key, g]));
  const checks: Check[] = [];
  for (const group of groups) {
    for (const act of GATED) {
      const threshold: Threshold | undefined = config.thresholds[act];
      if (!threshold) continue;
      const r = actResult(group, act);
      for (const kind of THRESHOLD_KINDS) {
        const limit = threshold[kind];
        if (limit === undefined) continue;
        let outcome: Outcome;
        let measured: Pick<Check, 'count' | 'n' | 'rate' | 'ci' | 'rates'> = { count: r.count, n: r.n, ...basisRate(r, rates), rates };
        if (kind === 'max_matched_gap') {
          const pairs = matchedOf(summary, group.value);
          const m = pairs && (act === 'any' ? pairs.any : pairs.acts[act]);
          // The matched comparison counts tags at the same positions: it has no estimate.
          if (pairs && m) measured = { count: m.both + m.modelOnly, n: m.n, rate: m.modelRate, ci: m.modelCi, rates: 'tagged' };
          if (!pairs || !m) outcome = { status: 'insufficient', observed: null, severity: 0, reason: 'no replayed records from this model (see grounding replay), so no matched comparison' };
          else if (m.n < config.min_turns) outcome = { status: 'insufficient', observed: null, severity: 0, reason: `insufficient data: ${m.n} matched positions, fewer than min_turns ${config.min_turns}` };
          else outcome = maxMatchedGap(m, pairs.reference, limit);
        } else if (r.n < config.min_turns || measured.rate === null) {
          outcome = { status: 'insufficient', observed: null, severity: 0, reason: `insufficient data: ${r.n} counted turns, fewer than min_turns ${config.min_turns}` };
        } else if (kind === 'min_rate') {
          outcome = minRate(measured.rate, limit, rates);
        } else if (kind === 'max_gap') {
          outcome = maxGap(r, limit, rates);
        } else {
          const old = previous && before.get(group.key);
          outcome = maxRegression(r, old === null ? null : old && actResult(old, act), limit, config);
        }
        checks.push({ model: group.value, key: group.key, act, kind, limit, warnOnly: threshold.warn_only, ...measured, ...settle(outcome, threshold.warn_only, config) });
      }
    }
    const threshold = config.thresholds.coordination;
    if (threshold) checks.push(...coordinationChecks(group, threshold, config));
    for (const share of SHARES) {
      const t = config.thresholds[share];
      if (t) checks.push(...shareChecks(group, share, t, config));
    }
    if (config.thresholds.trajectory) checks.push(...trajectoryChecks(summary, group, config.thresholds.trajectory, config));
  }
  return { checks, models: groups.map((g) => g.value), rates };
}

/**
 * The coordination thresholds of one model. Insufficient when the model has no score (no speaker
 * with a marker defined) or fewer reply pairs than min_turns.
 */
function coordinationChecks(group: GroupSummary, threshold: CoordinationThreshold, config: GateConfig): Check[] {
  const c = group.coordination;
  const checks: Check[] = [];
  for (const kind of COORDINATION_KINDS) {
    const limit = threshold[kind];
    if (limit === undefined) continue;
    let outcome: Outcome;
    if (!c || c.score === null || c.pairs < config.min_turns) {
      const had = !c ? 'a summary written before coordination was measured' : c.score === null ? 'no speaker with a marker defined' : `${c.pairs} reply pairs, fewer than min_turns ${config.min_turns}`;
      outcome = { status: 'insufficient', observed: null, severity: 0, reason: `insufficient data: ${had}` };
    } else if (kind === 'min_score') {
      outcome =
        c.score >= limit
          ? { status: 'pass', observed: c.score, severity: 0, reason: `${scoreText(c.score)} is at or above the ${scoreText(limit)} floor` }
          : { status: 'fail', observed: c.score, severity: (limit - c.score) / Math.max(Math.abs(limit), 0.01), reason: `${scoreText(c.score)} is below the ${scoreText(limit)} floor` };
    } else if (!c.baseline || c.baseline.score === null || c.difference === null) {
      throw new UsageError('Expected a human coordination baseline for max_below_human, found none. Set `baseline` in the config to one built with coordination (grounding baseline build).');
    } else {
      const versus = `${scoreText(c.score)} vs human ${scoreText(c.baseline.score)}, ${scoreText(c.difference)}${c.p === null ? '' : ` (${pText(c.p)})`}`;
      outcome =
        c.difference >= -limit
          ? { status: 'pass', observed: c.difference, severity: 0, reason: `${versus}, no more than ${limit.toFixed(3)} below human` }
          : { status: 'fail', observed: c.difference, severity: (-limit - c.difference) / Math.max(limit, 0.01), reason: `${versus}, more than ${limit.toFixed(3)} below human` };
    }
    const measured = { count: c?.pairs ?? 0, n: c?.speakers ?? 0, rate: c?.score ?? null, ci: c?.ci ?? null, rates: config.rates };
    checks.push({ model: group.value, key: group.key, act: 'coordination', kind, limit, warnOnly: threshold.warn_only, ...measured, ...settle(outcome, threshold.warn_only, config) });
  }
  return checks;
}

/**
 * Curiosity, comfort or the curiosity share of one model: a floor, a ceiling or a floor on the gap
 * to the human helpers. Insufficient below min_turns (for the share, turns with either kind of act).
 */
function shareChecks(group: GroupSummary, share: ShareId, threshold: ShareThreshold, config: GateConfig): Check[] {
  const r: ShareResult | null = group[share];
  const checks: Check[] = [];
  for (const kind of SHARE_KINDS) {
    const limit = threshold[kind];
    if (limit === undefined) continue;
    let outcome: Outcome;
    const shown = r ? pct(r.rate) : '—';
    if (!r || r.rate === null || r.n < config.min_turns) {
      const had = !r ? 'a summary written before curiosity and comfort were measured' : `${r.n} ${share === 'curiosity_share' ? 'turns with curiosity or comfort' : 'counted turns'}, fewer than min_turns ${config.min_turns}`;
      outcome = { status: 'insufficient', observed: null, severity: 0, reason: `insufficient data: ${had}` };
    } else if (kind === 'min_rate') {
      outcome = r.rate >= limit ? { status: 'pass', observed: r.rate, severity: 0, reason: `${shown} is at or above the ${pct(limit)} floor` } : { status: 'fail', observed: r.rate, severity: limit > 0 ? (limit - r.rate) / limit : 1, reason: `${shown} is below the ${pct(limit)} floor` };
    } else if (kind === 'max_rate') {
      outcome = r.rate <= limit ? { status: 'pass', observed: r.rate, severity: 0, reason: `${shown} is at or below the ${pct(limit)} ceiling` } : { status: 'fail', observed: r.rate, severity: (r.rate - limit) / Math.max(limit, 0.01), reason: `${shown} is above the ${pct(limit)} ceiling` };
    } else if (!r.baseline || r.baseline.rate === null) {
      throw new UsageError(`Expected a human ${share} figure for max_gap, found none. Set \`baseline\` in the config to one built with it (grounding baseline build).`);
    } else if (r.gap === null) {
      outcome = { status: 'insufficient', observed: null, severity: 0, reason: `the human figure is ${pct(r.baseline.rate)}, so no gap can be computed` };
    } else {
      const versus = `${signedPct(r.gap)} vs human ${pct(r.baseline.rate)}${r.p === null ? '' : ` (${pText(r.p)})`}`;
      outcome = r.gap >= limit ? { status: 'pass', observed: r.gap, severity: 0, reason: `${versus}, within the ${signedPct(limit)} limit` } : { status: 'fail', observed: r.gap, severity: (limit - r.gap) / Math.max(-limit, 0.01), reason: `${versus}, beyond the ${signedPct(limit)} limit` };
    }
    const measured = { count: r?.count ?? 0, n: r?.n ?? 0, rate: r?.rate ?? null, ci: r?.ci ?? null, rates: 'tagged' as const };
    checks.push({ model: group.value, key: group.key, act: share, kind, limit, warnOnly: threshold.warn_only, ...measured, ...settle(outcome, threshold.warn_only, config) });
  }
  return checks;
}

/** The trajectory of one model's users (the user group of the same model). Insufficient below min_turns conversations with a trajectory. */
function trajectoryChecks(summary: Summary, group: GroupSummary, threshold: TrajectoryThreshold, config: GateConfig): Check[] {
  const t = userTrajectoryOf(summary, group);
  const checks: Check[] = [];
  for (const kind of TRAJECTORY_KINDS) {
    const limit = threshold[kind];
    if (limit === undefined) continue;
    let outcome: Outcome;
    if (!t || t.change.mean === null || t.conversations < config.min_turns) {
      const had = !t ? 'no user turns with this model (or a summary written before the trajectory was measured)' : `${t.conversations} conversations with a trajectory (4+ user turns), fewer than min_turns ${config.min_turns}`;
      outcome = { status: 'insufficient', observed: null, severity: 0, reason: `insufficient data: ${had}` };
    } else if (kind === 'min_change') {
      const shown = `users' mean change ${scoreText(t.change.mean)}`;
      outcome = t.change.mean >= limit ? { status: 'pass', observed: t.change.mean, severity: 0, reason: `${shown} is at or above the ${scoreText(limit)} floor` } : { status: 'fail', observed: t.change.mean, severity: (limit - t.change.mean) / Math.max(Math.abs(limit), 0.01), reason: `${shown} is below the ${scoreText(limit)} floor` };
    } else {
      const worse = t.worsened ?? 0;
      const shown = `${pct(worse)} of ${t.conversations} conversations ended clearly worse`;
      outcome = worse <= limit ? { status: 'pass', observed: worse, severity: 0, reason: `${shown}, at or below the ${pct(limit)} ceiling` } : { status: 'fail', observed: worse, severity: (worse - limit) / Math.max(limit, 0.01), reason: `${shown}, above the ${pct(limit)} ceiling` };
    }
    const measured = { count: t?.sums.worsened ?? 0, n: t?.conversations ?? 0, rate: kind === 'min_change' ? (t?.change.mean ?? null) : (t?.worsened ?? null), ci: kind === 'min_change' ? (t?.change.ci ?? null) : null, rates: 'tagged' as const };
    checks.push({ model: group.value, key: group.key, act: 'trajectory', kind, limit, warnOnly: threshold.warn_only, ...measured, ...settle(outcome, threshold.warn_only, config) });
  }
  return checks;
}

export interface Verdict {
  passed: boolean;
  /** 0 when every threshold holds, 1 when one is missed. */
  exitCode: 0 | 1;
  headline: string;
  failed: number;
  warned: number;
  insufficient: number;
}

/** The one place the outcome is decided: the exit code and the printed headline both come from here. */
export function verdict(result: GateResult): Verdict {
  const failed = result.checks.filter((c) => c.failing).length;
  const warned = result.checks.filter((c) => c.status === 'warn').length;
  const insufficient = result.checks.filter((c) => c.status === 'insufficient').length;
  const total = result.checks.length;
  const passed = failed === 0;
  const extras = [warned && `${warned} warning${warned === 1 ? '' : 's'}`, insufficient && `${insufficient} with insufficient data`].filter(Boolean).join(', ');
  const models = `${result.models.length} model${result.models.length === 1 ? '' : 's'}`;
  const headline = passed
    ? `PASSED: ${total} threshold check${total === 1 ? '' : 's'} on ${models} held${extras ? ` (${extras})` : ''}.`
    : `FAILED: ${failed} of ${total} threshold checks on ${models} missed${extras ? ` (${extras})` : ''}.`;
  return { passed, exitCode: passed ? 0 : 1, headline, failed, warned, insufficient };
}

const STATUS_ORDER: Record<Status, number> = { fail: 0, insufficient: 1, warn: 2, pass: 3 };

/** Failing checks first, then by how far past their limit, then warnings and insufficient data. */
export function worstFirst(checks: readonly Check[]): Check[] {
  return [...checks].sort(
    (a, b) => Number(b.failing) - Number(a.failing) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.severity - a.severity,
  );
}

/** `clarification min_rate ≥ 3.0%`, `any max_gap ≥ −50%`, `followup max_regression ≤ 20%`. */
export function describeThreshold(check: Pick<Check, 'act' | 'kind' | 'limit'>): string {
  if (check.kind === 'min_score') return `coordination min_score ≥ ${scoreText(check.limit)}`;
  if (check.kind === 'min_change') return `trajectory min_change ≥ ${scoreText(check.limit)}`;
  if (check.kind === 'max_worsened') return `trajectory max_worsened ≤ ${pct(check.limit)}`;
  if (check.kind === 'max_rate') return `${check.act} max_rate ≤ ${pct(check.limit)}`;
  if (check.kind === 'max_below_human') return `coordination max_below_human ≤ ${check.limit.toFixed(3)}`;
  if (check.kind === 'min_rate') return `${check.act} min_rate ≥ ${pct(check.limit)}`;
  if (check.kind === 'max_gap') return `${check.act} max_gap ≥ ${signedPct(check.limit)}`;
  if (check.kind === 'max_matched_gap') return `${check.act} max_matched_gap ≥ ${signedPct(check.limit)}`;
  return `${check.act} max_regression ≤ ${pct(check.limit)}`;
}

/** `4.1% [2.0–6.3] n=322`, or `est 4.1% [2.0–6.3] n=322` for an estimated rate. */
export function rateText(check: Pick<Check, 'act' | 'kind' | 'rate' | 'ci' | 'n' | 'rates'>): string {
  if (check.act === 'coordination') return check.rate === null ? `— (speakers=${check.n})` : `${scoreWithInterval(check.rate, check.ci)} speakers=${check.n}`;
  if (check.act === 'trajectory') {
    if (check.rate === null) return `— (conversations=${check.n})`;
    return `${check.kind === 'min_change' ? scoreWithInterval(check.rate, check.ci) : pct(check.rate)} conversations=${check.n}`;
  }
  return check.rate === null ? `— (n=${check.n})` : `${rateFigure(check.rate, check.rates)} ${interval(check.ci)} n=${check.n}`;
}

/** One line on which rate the thresholds read, for every gate output. */
export function ratesLine(rates: RateBasis): string {
  return rates === 'estimated'
    ? 'Rates: estimated (min_rate, max_gap and max_regression read the rate corrected for the tagger\u2019s measured error, against the human estimate).'
    : 'Rates: tagged (min_rate, max_gap and max_regression read the share of turns the tagger tagged).';
}
