/**
 * The simulation's verdict: per arm and for the policy group as a whole, the
 * TRUE conversion and uplift over the holdout (from the simulation's own bookkeeping, and the response it was
 * told to simulate) next to what the collector ESTIMATED from the noised
 * reports (`GET /v1/estimates`). Arms the API suppresses (fewer than k
 * reports) are estimated the same way from the collector's counters, read
 * from its database as its operator could, and marked unpublished.
 */
import { ARMS, armDiscount, armMetrics, difference, emptyTally, poolTallies, tallyRows, toInterval, type Arm, type ArmMetrics, type CountRow, type Interval } from '../../src/core/privacy';
import type { TrueUplift } from './options';
import type { ShopperResult } from './shopper';

/** The part of a `/v1/estimates` group the summary reads. */
export interface PublishedGroup {
  group: Arm | 'policy';
  suppressed: boolean;
  n?: number;
  rates?: { purchased: Interval };
  vsHoldout?: { conversionLift: Interval } | null;
}

/** An estimate and where it comes from. */
export interface Estimate {
  interval: Interval;
  /** 'api': published by `/v1/estimates`; 'unpublished': the same estimator on counters the API withholds (under k). */
  source: 'api' | 'unpublished';
}

/** One row of the summary: an arm, or the pooled policy group (every arm but the holdout). */
export interface ArmSummary {
  group: Arm | 'policy';
  /** Reports delivered, by the simulation's count. */
  reports: number;
  /** Share of those reports whose shopper bought in the outcome window. */
  trueConversion: number | null;
  /**
   * The causal effect the simulation was told to produce: the added purchase
   * probability of the arm's tier (0 for no offer), for the policy group the
   * mean over its reports; null for the holdout itself.
   */
  configuredLift: number | null;
  /** True conversion minus the holdout's, over this run's reports (includes who the policy sent where). */
  realisedLift: number | null;
  estimatedConversion: Estimate | null;
  estimatedLift: Estimate | null;
}

/** Fewest reports for which an unpublished estimate is shown at all (below, its interval is the whole range). */
export const MIN_UNPUBLISHED_REPORTS = 10;

const POLICY_ARMS = ARMS.filter((a) => a !== 'holdout');
const rate = (xs: readonly boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : null);
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Builds the summary: one row per arm, then the policy group (the randomised comparison with the holdout). */
export function summarise(results: readonly ShopperResult[], published: readonly PublishedGroup[], counters: readonly CountRow[], uplift: TrueUplift): ArmSummary[] {
  const reports = results.flatMap((r) => r.reports);
  const of = (arms: readonly Arm[]) => reports.filter((r) => arms.includes(r.arm));
  const tallies = tallyRows(counters, (row) => row.arm);
  const counted = (arms: readonly Arm[]): ArmMetrics | null => {
    const m = armMetrics(poolTallies(arms.map((a) => tallies.get(a) ?? emptyTally())));
    return m.n >= MIN_UNPUBLISHED_REPORTS ? m : null;
  };
  const liftOf = (arm: Arm) => (armDiscount(arm) > 0 ? (uplift[armDiscount(arm)] ?? 0) : 0);
  const holdoutTruth = rate(of(['holdout']).map((r) => r.purchased));
  const holdoutCounted = counted(['holdout']);
  const row = (group: Arm | 'policy', arms: readonly Arm[]): ArmSummary => {
    const mine = of(arms);
    const conv = rate(mine.map((r) => r.purchased));
    const api = published.find((g) => g.group === group);
    const visible = api && !api.suppressed && api.rates ? api : null;
    const m = counted(arms);
    const unpublished = (interval: Interval): Estimate => ({ interval, source: 'unpublished' });
    const estimatedConversion = visible ? { interval: visible.rates!.purchased, source: 'api' as const } : m ? unpublished(toInterval(m.purchased, [0, 1])) : null;
    let estimatedLift: Estimate | null = null;
    if (group !== 'holdout') {
      if (visible?.vsHoldout) estimatedLift = { interval: visible.vsHoldout.conversionLift, source: 'api' };
      else if (m && holdoutCounted) estimatedLift = unpublished(toInterval(difference(m.purchased, holdoutCounted.purchased), [-1, 1]));
    }
    return {
      group,
      reports: mine.length,
      trueConversion: conv,
      configuredLift: group === 'holdout' ? null : group === 'policy' ? mean(mine.map((r) => liftOf(r.arm))) : liftOf(group),
      realisedLift: group !== 'holdout' && conv !== null && holdoutTruth !== null ? conv - holdoutTruth : null,
      estimatedConversion,
      estimatedLift,
    };
  };
  return [...ARMS.map((arm) => row(arm, [arm])), row('policy', POLICY_ARMS)];
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const pp = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`);
const ci = (e: Estimate | null, fmt: (x: number) => string) =>
  e === null ? '—' : `${fmt(e.interval.estimate)} [${fmt(e.interval.ci[0])}, ${fmt(e.interval.ci[1])}]${e.source === 'unpublished' ? ' *' : ''}`;
const pad = (s: string, n: number) => s.padEnd(n);

/** The summary as a fixed-width table with its footnotes. */
export function formatSummary(rows: readonly ArmSummary[], k: number): string {
  const head = ['group', 'reports', 'TRUE conv.', 'TRUE lift (set)', 'TRUE lift (realised)', 'ESTIMATED conv. [95 % CI]', 'ESTIMATED lift vs holdout [95 % CI]'];
  const widths = [8, 8, 11, 16, 21, 30, 36];
  const lines = [head.map((h, i) => pad(h, widths[i]!)).join(' '), widths.map((w) => '-'.repeat(w)).join(' ')];
  for (const r of rows) {
    lines.push(
      [r.group, String(r.reports), pct(r.trueConversion), pp(r.configuredLift), pp(r.realisedLift), ci(r.estimatedConversion, pct), ci(r.estimatedLift, pp)]
        .map((c, i) => pad(c, widths[i]!))
        .join(' '),
    );
  }
  const notes = [
    'policy = every arm but the holdout: the randomised comparison. Per-tier rows also reflect which shoppers the policy sends to each tier.',
    'TRUE: from the simulation. set = the response it was told to produce (the added purchase probability of the tier shown);',
    '      realised = this run\'s conversion minus the holdout\'s (selection and sampling included).',
    'ESTIMATED: from GET /v1/estimates, i.e. from reports randomised on each device (ε = ln 3 per report): intervals are wide.',
  ];
  const all = rows.flatMap((r) => [r.estimatedConversion, r.estimatedLift]);
  if (all.some((e) => e?.source === 'unpublished')) notes.push(`* withheld by the API (fewer than k = ${k} reports in a group it needs): the same estimator on the collector's counters, read from its database.`);
  if (rows.some((r) => r.estimatedConversion === null && r.reports > 0)) notes.push(`A group with fewer than ${MIN_UNPUBLISHED_REPORTS} reports gets no estimate here at all.`);
  if (rows.every((r) => r.group === 'policy' || armDiscount(r.group) === 0 || r.reports === 0)) notes.push('No offer was shown in this run (every decision was holdout, a guardrail or "no-model"): tier arms have no reports.');
  return [...lines, '', ...notes].join('\n');
}
