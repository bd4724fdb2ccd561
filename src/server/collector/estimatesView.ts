/**
 * The `/v1/estimates` body, computed from count cells: per-arm rates with 95 %
 * intervals, the pooled policy group, economics and differences with the
 * holdout. Every cell under the k-threshold is replaced by
 * `{suppressed: true}` before anything leaves this module, and totals are only
 * published when the suppressed cells they contain cannot be recovered by
 * subtraction (`complementSafe`). The dashboard renders this same object.
 */
import {
  ARMS,
  armDiscount,
  armsFor,
  isArm,
  sortArms,
  FIELD_WEIGHTS,
  armEconomics,
  armMetrics,
  complementSafe,
  difference,
  emptyTally,
  poolTallies,
  scale,
  tallyRows,
  toInterval,
  type Arm,
  type ArmMetrics,
  DEFAULT_ESTIMATE_SETTINGS,
  type EstimateSettings,
  type CountRow,
  type GroupTally,
  type Interval,
  type PointEstimate,
  type RandomizedField,
} from '../../core/privacy';
import { dayToIso } from './lib/days';

export { DEFAULT_ESTIMATE_SETTINGS, type EstimateSettings } from '../../core/privacy';

/** The query an estimate answers. */
export interface EstimatesQuery {
  site: string;
  fromDay: number;
  toDay: number;
  policyVersion: string | null;
}

const RATES = ['clicked', 'copied', 'redeemed', 'purchased', 'satisfactionUp', 'satisfactionDown'] as const;
/** Names of the rates in a group view. */
export type RateName = (typeof RATES)[number];

/** A published group (an arm, or the pooled policy group). */
export interface GroupView {
  group: Arm | 'policy';
  suppressed: false;
  n: number;
  rates: Record<RateName, Interval>;
  revenuePerReport: Interval;
  orderValue: Interval | null;
  /** Over all the group's reports, in the shop's currency. */
  totals: { revenue: Interval; discountCost: Interval; profit: Interval };
  /** Null for the holdout itself, or when the holdout is suppressed. */
  vsHoldout: { conversionLift: Interval; incrementalConversions: Interval; incrementalProfit: Interval } | null;
}

/** A group under the k-threshold: no numbers at all. */
export interface SuppressedGroup {
  group: Arm | 'policy';
  suppressed: true;
}

/** The `/v1/estimates` response body. */
export interface EstimatesView {
  site: string;
  from: string;
  to: string;
  fromDay: number;
  toDay: number;
  policyVersion: string | null;
  privacy: ReturnType<typeof privacySettings>;
  grossMargin: number;
  /** True when no report matched at all. */
  empty: boolean;
  /** Reports and offers shown (tier arms) in range; null where publishing would reveal a suppressed arm. */
  reports: number | null;
  offersShown: number | null;
  /** Holdout, none, tier5…tier20, then the pooled policy group (everything but the holdout). */
  groups: (GroupView | SuppressedGroup)[];
  /** Policy versions that have reports in range. */
  versions: string[];
}

/** The privacy settings in force, as published. */
export function privacySettings(settings: EstimateSettings) {
  const fieldEpsilon = Object.fromEntries(Object.entries(FIELD_WEIGHTS).map(([f, w]) => [f, w * settings.epsilon])) as Record<RandomizedField, number>;
  return {
    epsilonPerReport: settings.epsilon,
    fieldEpsilon,
    clearFields: ['schema', 'idempotencyKey', 'day', 'policyVersion', 'epsilon', 'arm'],
    k: settings.k,
    budget: { maxReportsPerDay: settings.budget.maxReportsPerDay, weeklyEpsilon: settings.budget.weeklyEpsilon },
  };
}

interface Totals {
  revenue: PointEstimate;
  discountCost: PointEstimate;
  profit: PointEstimate;
}
const add = (a: PointEstimate, b: PointEstimate): PointEstimate => ({ value: a.value + b.value, variance: a.variance + b.variance });
const ZERO: PointEstimate = { value: 0, variance: 0 };
const POSITIVE: [number, number] = [0, Infinity];
const UNIT: [number, number] = [0, 1];

/** Builds the estimates view of the count cells `rows` (already filtered to the query). */
export function estimatesView(rows: readonly CountRow[], query: EstimatesQuery, settings: EstimateSettings = DEFAULT_ESTIMATE_SETTINGS): EstimatesView {
  const byArm = tallyRows(rows, (row) => row.arm);
  const tally = (arm: Arm): GroupTally => byArm.get(arm) ?? emptyTally();
  const all = poolTallies(byArm.values());
  const pooledValue = all.n > 0 ? armMetrics(all, settings.bucketValues).orderValue?.value : undefined;
  const priceOf = pooledValue !== undefined && pooledValue > 0 ? pooledValue : settings.fallbackOrderValue;

  // The merchant's tiers, and any other tier the reports name (a tier offered under an earlier policy).
  const arms = sortArms([...(settings.tiers ? armsFor(settings.tiers) : ARMS), ...[...byArm.keys()].filter(isArm)]);
  const metrics = new Map<Arm, ArmMetrics>();
  const totals = new Map<Arm, Totals>();
  for (const arm of arms) {
    const m = armMetrics(tally(arm), settings.bucketValues);
    metrics.set(arm, m);
    const e = m.n > 0 ? armEconomics(m, armDiscount(arm), settings.grossMargin, priceOf) : null;
    totals.set(arm, e ? { revenue: scale(e.revenue, m.n), discountCost: scale(e.discountCost, m.n), profit: scale(e.profit, m.n) } : { revenue: ZERO, discountCost: ZERO, profit: ZERO });
  }
  const k = settings.k;
  const holdout = metrics.get('holdout')!;
  const holdoutVisible = holdout.n >= k;
  const holdoutProfitPerReport = holdout.n > 0 ? scale(totals.get('holdout')!.profit, 1 / holdout.n) : ZERO;

  const view = (group: Arm | 'policy', arms: readonly Arm[], m: ArmMetrics): GroupView | SuppressedGroup => {
    if (m.n < k || !complementSafe(arms.map((a) => metrics.get(a)!.n), k)) return { group, suppressed: true };
    const t = arms.map((a) => totals.get(a)!).reduce((acc, x) => ({ revenue: add(acc.revenue, x.revenue), discountCost: add(acc.discountCost, x.discountCost), profit: add(acc.profit, x.profit) }));
    const isHoldout = group === 'holdout';
    return {
      group,
      suppressed: false,
      n: m.n,
      rates: Object.fromEntries(RATES.map((r) => [r, toInterval(m[r], UNIT)])) as Record<RateName, Interval>,
      revenuePerReport: toInterval(m.revenuePerReport, POSITIVE),
      orderValue: m.orderValue ? toInterval(m.orderValue, [0, Math.max(...settings.bucketValues)]) : null,
      totals: { revenue: toInterval(t.revenue, POSITIVE), discountCost: toInterval(t.discountCost, POSITIVE), profit: toInterval(t.profit) },
      vsHoldout:
        isHoldout || !holdoutVisible
          ? null
          : {
              conversionLift: toInterval(difference(m.purchased, holdout.purchased)),
              incrementalConversions: toInterval(scale(difference(m.purchased, holdout.purchased), m.n)),
              incrementalProfit: toInterval(difference(t.profit, scale(holdoutProfitPerReport, m.n))),
            },
    };
  };

  const policyArms = arms.filter((a) => a !== 'holdout');
  const groups = arms.map((arm) => view(arm, [arm], metrics.get(arm)!));
  groups.push(view('policy', policyArms, armMetrics(poolTallies(policyArms.map(tally)), settings.bucketValues)));
  const tierArms = arms.filter((a) => armDiscount(a) > 0);
  const ns = (arms: readonly Arm[]) => arms.map((a) => metrics.get(a)!.n);
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  return {
    site: query.site,
    from: dayToIso(query.fromDay),
    to: dayToIso(query.toDay),
    fromDay: query.fromDay,
    toDay: query.toDay,
    policyVersion: query.policyVersion,
    privacy: privacySettings(settings),
    grossMargin: settings.grossMargin,
    empty: all.n === 0,
    reports: complementSafe(ns(arms), k) ? all.n : null,
    offersShown: complementSafe(ns(tierArms), k) ? sum(ns(tierArms)) : null,
    groups,
    versions: [...new Set(rows.map((r) => r.policyVersion))].sort(compareVersions),
  };
}

/** 'default' first, then numerically. */
export function compareVersions(a: string, b: string): number {
  const n = (v: string) => (v === 'default' ? -1 : Number(v));
  return n(a) - n(b);
}
