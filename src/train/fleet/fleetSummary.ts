/**
 * What a fleet run comes to: the share of the oracle's incremental profit each policy earns over the last week,
 * the worst week against no discount, and the privacy guarantee the run was made under.
 */
import type { LoopPrivacy } from './loops';
import type { FleetDay } from './runFleet';

/** Days the final figures average over. */
export const FINAL_DAYS = 7;

/** One calendar week of the run. */
export interface FleetWeek {
  week: number;
  days: number;
  /** 100 × (policy − none) / none: the profit the policy adds (or loses) against never discounting. */
  policyVsNonePct: number;
  offerShare: number;
}

/** The run's headline figures. */
export interface FleetFinal {
  /** 100 × (policy − none) / (oracle − none) over the last 7 days; null where no discount can pay (oracle = none). */
  pctOfOracle: number | null;
  pctOfOracleStatic: number | null;
  pctOfOracleStaticFull: number | null;
  pctOfOracleBlanket10: number | null;
  /** The best fixed tier per context cell, in hindsight: what any policy over the loop's cells could reach. */
  pctOfOracleCellBest: number | null;
  /** 100 × (policy − none) / none over the last 7 days. */
  policyVsNonePct: number;
  offerShare: number;
  sessions: number;
  /** The bound on what one device's reports reveal in a week, and the trust model it holds under. */
  epsilonPerDeviceWeek: number;
  delta: number;
  trustModel: string;
}

type Figure = 'policy' | 'static' | 'staticFull' | 'none' | 'blanket10' | 'oracle' | 'offerShare';

function mean(days: readonly FleetDay[], key: Figure): number {
  const sessions = days.reduce((a, d) => a + d.sessions, 0);
  return days.reduce((a, d) => a + d[key] * d.sessions, 0) / sessions;
}

/** 100 × (x − none) / (oracle − none); null when the oracle adds nothing over no discount. */
export function pctOfOracle(x: number, none: number, oracle: number): number | null {
  const headroom = oracle - none;
  return headroom > 1e-9 * Math.max(1, Math.abs(none)) ? (100 * (x - none)) / headroom : null;
}

/** Weekly figures, weeks of 7 days from day 1 (the last one may be shorter). */
export function fleetWeeks(days: readonly FleetDay[]): FleetWeek[] {
  const weeks: FleetWeek[] = [];
  for (let start = 0; start < days.length; start += 7) {
    const slice = days.slice(start, start + 7);
    const none = mean(slice, 'none');
    weeks.push({ week: weeks.length + 1, days: slice.length, policyVsNonePct: (100 * (mean(slice, 'policy') - none)) / none, offerShare: mean(slice, 'offerShare') });
  }
  return weeks;
}

/** The final figures over the last {@link FINAL_DAYS} days (all days when the run is shorter). */
export function fleetFinal(days: readonly FleetDay[], privacy: LoopPrivacy, cellBest: number | null = null): FleetFinal {
  if (days.length === 0) throw new RangeError(`'days' passed to 'fleetFinal' must hold at least one day`);
  const last = days.slice(-FINAL_DAYS);
  const none = mean(last, 'none');
  const oracle = mean(last, 'oracle');
  return {
    pctOfOracle: pctOfOracle(mean(last, 'policy'), none, oracle),
    pctOfOracleStatic: pctOfOracle(mean(last, 'static'), none, oracle),
    pctOfOracleStaticFull: pctOfOracle(mean(last, 'staticFull'), none, oracle),
    pctOfOracleBlanket10: pctOfOracle(mean(last, 'blanket10'), none, oracle),
    pctOfOracleCellBest: cellBest === null ? null : pctOfOracle(cellBest, none, oracle),
    policyVsNonePct: (100 * (mean(last, 'policy') - none)) / none,
    offerShare: mean(last, 'offerShare'),
    sessions: days.reduce((a, d) => a + d.sessions, 0),
    ...privacy,
  };
}
