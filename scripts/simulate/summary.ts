/**
 * The simulation's verdict: per arm, the TRUE conversion and uplift over the
 * holdout (from the simulation's own bookkeeping, and the response it was
 * told to simulate) next to what the collector ESTIMATED from the noised
 * reports (`GET /v1/estimates`). Arms the API suppresses (fewer than k
 * reports) are estimated the same way from the collector's counters, read
 * from its database as its operator could, and marked unpublished.
 */
import { ARMS, ARM_DISCOUNT, armMetrics, difference, tallyRows, toInterval, type Arm, type CountRow, type Interval } from '../../src/core/privacy';
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

/** One arm of the summary. */
export interface ArmSummary {
  arm: Arm;
  /** Reports delivered, by the simulation's count. */
  reports: number;
  /** Share of those reports whose shopper bought in the outcome window. */
  trueConversion: number | null;
  /** The response the simulation was told to produce (0 for no offer; null for the holdout itself). */
  configuredLift: number | null;
  /** True conversion minus the holdout's, over the same reports. */
  realisedLift: number | null;
  estimatedConversion: Interval | null;
  estimatedLift: Interval | null;
  /** 'api' when published by `/v1/estimates`, 'unpublished' when computed from counters under k, null when too few reports. */
  source: 'api' | 'unpublished' | null;
}

/** Fewest reports for which an unpublished estimate is shown at all (below, its interval is the whole range). */
export const MIN_UNPUBLISHED_REPORTS = 10;

const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : null);

/** Builds the per-arm summary. */
export function summarise(results: readonly ShopperResult[], published: readonly PublishedGroup[], counters: readonly CountRow[], uplift: TrueUplift): ArmSummary[] {
  const truth = new Map<Arm, boolean[]>(ARMS.map((a) => [a, []]));
  for (const r of results) for (const report of r.reports) truth.get(report.arm)!.push(report.purchased);
  const holdoutTrue = rate(truth.get('holdout')!);
  const tallies = tallyRows(counters, (row) => row.arm);
  const metrics = (arm: Arm) => (tallies.has(arm) ? armMetrics(tallies.get(arm)!) : null);
  const holdout = metrics('holdout');
  const holdoutMetrics = holdout && holdout.n >= MIN_UNPUBLISHED_REPORTS ? holdout : null;
  return ARMS.map((arm) => {
    const conv = rate(truth.get(arm)!);
    const api = published.find((g) => g.group === arm);
    const m = metrics(arm);
    let estimatedConversion: Interval | null = null;
    let estimatedLift: Interval | null = null;
    let source: ArmSummary['source'] = null;
    if (api && !api.suppressed && api.rates) {
      source = 'api';
      estimatedConversion = api.rates.purchased;
      estimatedLift = api.vsHoldout?.conversionLift ?? null;
    } else if (m && m.n >= MIN_UNPUBLISHED_REPORTS) {
      source = 'unpublished';
      estimatedConversion = toInterval(m.purchased, [0, 1]);
      estimatedLift = arm !== 'holdout' && holdoutMetrics ? toInterval(difference(m.purchased, holdoutMetrics.purchased), [-1, 1]) : null;
    }
    const tier = ARM_DISCOUNT[arm];
    return {
      arm,
      reports: truth.get(arm)!.length,
      trueConversion: conv,
      configuredLift: arm === 'holdout' ? null : tier > 0 ? (uplift[tier] ?? 0) : 0,
      realisedLift: arm !== 'holdout' && conv !== null && holdoutTrue !== null ? conv - holdoutTrue : null,
      estimatedConversion,
      estimatedLift,
      source,
    };
  });
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const pp = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`);
const ci = (i: Interval | null, fmt: (x: number) => string) => (i === null ? '—' : `${fmt(i.estimate)} [${fmt(i.ci[0])}, ${fmt(i.ci[1])}]`);
const pad = (s: string, n: number) => s.padEnd(n);

/** The summary as a fixed-width table with its footnotes. */
export function formatSummary(rows: readonly ArmSummary[], k: number): string {
  const head = ['arm', 'reports', 'TRUE conv.', 'TRUE lift (set)', 'TRUE lift (realised)', 'ESTIMATED conv. [95 % CI]', 'ESTIMATED lift vs holdout [95 % CI]'];
  const widths = [8, 8, 11, 16, 21, 30, 36];
  const lines = [head.map((h, i) => pad(h, widths[i]!)).join(' '), widths.map((w) => '-'.repeat(w)).join(' ')];
  for (const r of rows) {
    const mark = r.source === 'unpublished' ? ' *' : '';
    lines.push(
      [r.arm, String(r.reports), pct(r.trueConversion), pp(r.configuredLift), pp(r.realisedLift), `${ci(r.estimatedConversion, (x) => pct(x))}${mark}`, `${ci(r.estimatedLift, (x) => pp(x))}${mark}`]
        .map((c, i) => pad(c, widths[i]!))
        .join(' '),
    );
  }
  const notes = [
    'TRUE: from the simulation (set = the response it was told to produce; realised = this run\'s shoppers, conversion minus the holdout\'s).',
    'ESTIMATED: from GET /v1/estimates, i.e. from reports randomised on each device (ε = ln 3 per report), so intervals are wide.',
  ];
  if (rows.some((r) => r.source === 'unpublished')) notes.push(`* not published by the API (fewer than k = ${k} reports): the same estimator on the collector's counters, read from its database.`);
  if (rows.some((r) => r.source === null && r.reports > 0)) notes.push(`— an arm with fewer than ${MIN_UNPUBLISHED_REPORTS} reports gets no estimate here at all.`);
  if (rows.every((r) => ARM_DISCOUNT[r.arm] === 0 || r.reports === 0)) notes.push('No offer was shown in this run (every decision was holdout, a guardrail or "no-model"): tier arms have no reports.');
  return [...lines, '', ...notes].join('\n');
}
