/**
 * The `/v1/estimates/daily` body: per UTC day, the holdout and the pooled
 * policy group (every non-holdout arm) with conversion and redemption and the
 * conversion lift. Per-arm daily cells would almost all fall under the
 * k-threshold, and fewer published cells leave fewer differences to exploit.
 */
import {
  isArm,
  armMetrics,
  difference,
  emptyTally,
  poolTallies,
  tallyRows,
  toInterval,
  type Arm,
  type CountRow,
  type Interval,
} from '../../core/privacy';
import type { EstimateSettings, EstimatesQuery } from './estimatesView';
import { dayToIso } from './lib/days';

/** One published daily cell. */
export interface DailyCell {
  suppressed: false;
  n: number;
  conversion: Interval;
  redemption: Interval;
}

/** One day. */
export interface DailyRow {
  day: number;
  date: string;
  holdout: DailyCell | { suppressed: true };
  policy: DailyCell | { suppressed: true };
  /** Policy minus holdout conversion; null unless both cells are published. */
  conversionLift: Interval | null;
}

/** The daily view body. */
export interface DailyView {
  site: string;
  from: string;
  to: string;
  policyVersion: string | null;
  k: number;
  days: DailyRow[];
}

const UNIT: [number, number] = [0, 1];

/** Builds the daily view; every day of the range appears, empty days as suppressed. */
export function dailyView(rows: readonly CountRow[], query: EstimatesQuery, settings: Pick<EstimateSettings, 'k' | 'bucketValues'>): DailyView {
  const tallies = tallyRows(rows, (row) => `${row.day}|${row.arm}`);
  // Every arm but the holdout the reports name: the merchant's tiers are whatever they offered.
  const policyArms = [...new Set(rows.map((r) => r.arm))].filter((a): a is Arm => isArm(a) && a !== 'holdout');
  const k = settings.k;
  const days: DailyRow[] = [];
  for (let day = query.fromDay; day <= query.toDay; day++) {
    const tally = (arm: Arm) => tallies.get(`${day}|${arm}`) ?? emptyTally();
    const holdout = armMetrics(tally('holdout'), settings.bucketValues);
    const policy = armMetrics(poolTallies(policyArms.map(tally)), settings.bucketValues);
    const cell = (m: typeof holdout): DailyCell | { suppressed: true } =>
      m.n >= k ? { suppressed: false, n: m.n, conversion: toInterval(m.purchased, UNIT), redemption: toInterval(m.redeemed, UNIT) } : { suppressed: true };
    const h = cell(holdout);
    // Per-arm daily cells are never published, so the pooled cell needs no complement check.
    const p = cell(policy);
    days.push({
      day,
      date: dayToIso(day),
      holdout: h,
      policy: p,
      conversionLift: h.suppressed || p.suppressed ? null : toInterval(difference(policy.purchased, holdout.purchased)),
    });
  }
  return { site: query.site, from: dayToIso(query.fromDay), to: dayToIso(query.toDay), policyVersion: query.policyVersion, k, days };
}
