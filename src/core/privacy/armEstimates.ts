/**
 * The per-arm rates the dashboard and the policy update need, from the noised
 * counts of one group of reports. The arm is sent in the clear, so "rate in an
 * arm" is a plain marginal of the arm's own reports: no joint (arm × outcome)
 * channel to invert.
 */
import { difference, frequencyEstimates, linearEstimate, linearVariance, scale, type PointEstimate } from './estimate';
import { ORDER_VALUE_BUCKETS, SATISFACTION } from './report';
import type { GroupTally } from './tally';

/**
 * Value assumed for an order in each bucket (shop currency): midpoints, and
 * 300 for "> 200", a guess a merchant should override with their own mean.
 */
export const DEFAULT_BUCKET_VALUES: readonly number[] = [0, 12.5, 37.5, 75, 150, 300];

/** Unbiased per-report rates of one group. */
export interface ArmMetrics {
  /** Reports in the group (exact: the arm is not randomised). */
  n: number;
  clicked: PointEstimate;
  copied: PointEstimate;
  redeemed: PointEstimate;
  /** Conversion rate. */
  purchased: PointEstimate;
  satisfactionUp: PointEstimate;
  satisfactionDown: PointEstimate;
  /** Revenue per report, E[order value · 1{purchase}], from the value buckets. */
  revenuePerReport: PointEstimate;
  /** Mean order value of the group's purchases; null when the buckets show no purchases at all. */
  orderValue: PointEstimate | null;
}

const BIT = [0, 1];

/** Estimates every rate of one group. */
export function armMetrics(tally: GroupTally, bucketValues: readonly number[] = DEFAULT_BUCKET_VALUES): ArmMetrics {
  if (bucketValues.length !== ORDER_VALUE_BUCKETS || bucketValues[0] !== 0) {
    throw new RangeError(`'bucketValues' passed to 'armMetrics' must be ${ORDER_VALUE_BUCKETS} numbers starting with 0 (no purchase)`);
  }
  const f = tally.fields;
  const sat = (name: (typeof SATISFACTION)[number]) => linearEstimate(f.satisfaction, SATISFACTION.map((s) => (s === name ? 1 : 0)));
  const nan: PointEstimate = { value: Number.NaN, variance: Number.NaN };
  if (tally.n === 0) {
    return { n: 0, clicked: nan, copied: nan, redeemed: nan, purchased: nan, satisfactionUp: nan, satisfactionDown: nan, revenuePerReport: nan, orderValue: null };
  }
  return {
    n: tally.n,
    clicked: linearEstimate(f.clicked, BIT),
    copied: linearEstimate(f.copied, BIT),
    redeemed: linearEstimate(f.redeemed, BIT),
    purchased: linearEstimate(f.purchased, BIT),
    satisfactionUp: sat('up'),
    satisfactionDown: sat('down'),
    revenuePerReport: linearEstimate(f.orderValueBucket, bucketValues),
    orderValue: meanOrderValue(tally, bucketValues),
  };
}

/**
 * Mean order value among purchases, V / C with V = Σ m_v f_v and C = 1 − f_0,
 * both from the bucket field so numerator and denominator share one channel.
 * Delta method: ∂(V/C)/∂f_v = (m_v − AOV·1{v ≠ 0}) / C.
 */
function meanOrderValue(tally: GroupTally, m: readonly number[]): PointEstimate | null {
  const tallies = tally.fields.orderValueBucket;
  const { frequencies } = frequencyEstimates(tallies);
  const c = 1 - frequencies[0]!.value;
  if (!(c > 0)) return null;
  const v = frequencies.reduce((a, f, i) => a + f.value * m[i]!, 0);
  const aov = v / c;
  const gradient = m.map((mv, i) => (mv - (i === 0 ? 0 : aov)) / c);
  return { value: aov, variance: linearVariance(tallies, gradient) };
}

/** Economics of one arm per report: revenue, the cost of redeemed discounts, and gross profit after discounts. */
export interface ArmEconomics {
  revenue: PointEstimate;
  discountCost: PointEstimate;
  profit: PointEstimate;
}

/**
 * Profit per report = margin · revenue − discount · redemption · order value.
 * The order value in the cost term is a pooled mean (`orderValue`, passed in):
 * it is the most stable estimate available and is treated as known, so the
 * variance counts revenue and redemption noise only.
 */
export function armEconomics(metrics: ArmMetrics, discountPercent: number, grossMargin: number, orderValue: number): ArmEconomics {
  if (!(grossMargin >= 0 && grossMargin <= 1)) throw new RangeError(`'grossMargin' passed to 'armEconomics' must be in [0, 1], got ${String(grossMargin)}`);
  if (!(discountPercent >= 0 && discountPercent < 100)) throw new RangeError(`'discountPercent' passed to 'armEconomics' must be in [0, 100), got ${String(discountPercent)}`);
  const perRedemption = (discountPercent / 100) * (Number.isFinite(orderValue) ? orderValue : 0);
  const revenue = metrics.revenuePerReport;
  const discountCost = discountPercent === 0 ? { value: 0, variance: 0 } : scale(metrics.redeemed, perRedemption);
  const margin = scale(revenue, grossMargin);
  return { revenue, discountCost, profit: { value: margin.value - discountCost.value, variance: margin.variance + discountCost.variance } };
}

/** An arm against the holdout: differences per report, and totals over the arm's reports. */
export interface VersusHoldout {
  conversionLift: PointEstimate;
  /** Extra purchases caused in this arm: lift × reports. */
  incrementalConversions: PointEstimate;
  /** Extra profit (after discounts) caused in this arm: profit lift per report × reports. */
  incrementalProfit: PointEstimate;
}

/**
 * Differences with the holdout. Exact as causal effects for the policy as a
 * whole (all non-holdout reports vs the sticky holdout, which is randomised);
 * for a single tier they compare the shoppers the policy sent to that tier with
 * the average shopper, so they also carry targeting, except for the share of
 * decisions made by exploration.
 */
export function versusHoldout(arm: ArmMetrics, armEcon: ArmEconomics, holdout: ArmMetrics, holdoutEcon: ArmEconomics): VersusHoldout {
  const conversionLift = difference(arm.purchased, holdout.purchased);
  return {
    conversionLift,
    incrementalConversions: scale(conversionLift, arm.n),
    incrementalProfit: scale(difference(armEcon.profit, holdoutEcon.profit), arm.n),
  };
}
