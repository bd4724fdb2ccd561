/**
 * From count cells to what a policy update reads: the arms that pass the k-threshold, with their metrics and
 * economics. Lives in core because two callers must compute it identically: the collector's policy service and
 * the fleet simulator (`tailor fleet`), which runs the real loop offline.
 */
import { DEFAULT_BUCKET_VALUES, armEconomics, armMetrics } from './armEstimates';
import { DEFAULT_BUDGET, type BudgetPolicy } from './budget';
import { DEFAULT_K } from './kThreshold';
import type { MeasuredArms } from './policyUpdate';
import { DEFAULT_EPSILON } from './randomizedResponse';
import { armDiscount, isArm, sortArms } from './report';
import { poolTallies, tallyRows, type CountRow } from './tally';

/** The settings the numbers depend on. */
export interface EstimateSettings {
  epsilon: number;
  k: number;
  budget: BudgetPolicy;
  /** Gross margin as a fraction of revenue, for profit. */
  grossMargin: number;
  bucketValues: readonly number[];
  /** Order value used to price discounts when the data cannot estimate one. */
  fallbackOrderValue: number;
  /** The merchant's tiers (default 5, 10, 15, 20 %): each gets an arm in the views, with or without reports. */
  tiers?: readonly number[];
}

/** Defaults: ε = ln 3, k = 50, the default budget, 40 % margin. */
export const DEFAULT_ESTIMATE_SETTINGS: Readonly<EstimateSettings> = Object.freeze({
  epsilon: DEFAULT_EPSILON,
  k: DEFAULT_K,
  budget: DEFAULT_BUDGET,
  grossMargin: 0.4,
  bucketValues: DEFAULT_BUCKET_VALUES,
  fallbackOrderValue: 50,
});

/** Per-arm metrics and economics of the arms that pass the k-threshold. */
export function measuredArms(rows: Iterable<CountRow>, settings: EstimateSettings): MeasuredArms {
  const byArm = tallyRows(rows, (row) => row.arm);
  const pooled = armMetrics(poolTallies(byArm.values()), settings.bucketValues).orderValue?.value;
  const price = pooled !== undefined && pooled > 0 ? pooled : settings.fallbackOrderValue;
  const out: MeasuredArms = {};
  // Every arm the reports name: the merchant's tiers are whatever they offered.
  for (const arm of sortArms([...byArm.keys()].filter(isArm))) {
    const tally = byArm.get(arm);
    if (!tally || tally.n < settings.k) continue;
    const metrics = armMetrics(tally, settings.bucketValues);
    out[arm] = { metrics, economics: armEconomics(metrics, armDiscount(arm), settings.grossMargin, price) };
  }
  return out;
}
