/**
 * What both report channels share on the device: the one contribution ledger (local-DP reports and central
 * measurements spend the same budget, and the audit view shows it) and the random send time that keeps a
 * report's arrival from being tied to a page view.
 */
import type { BudgetLedger, BudgetPolicy } from '../../core/privacy';

/** The `meta` key of the contribution ledger (shown in the audit view). */
export const BUDGET_KEY = 'privacy-budget';
/** A report is sent at a uniformly random time this long after it is made, at the earliest. */
export const SEND_JITTER_MS: readonly [number, number] = [10 * 60 * 1000, 6 * 60 * 60 * 1000];

/** Budget state as stored (and shown in the audit view). */
export interface BudgetState {
  policy: BudgetPolicy;
  epsilon: number;
  ledger: BudgetLedger;
}

/** When a report made at `now` may be sent: uniformly within {@link SEND_JITTER_MS}. */
export function sendAfter(now: number, rng: () => number): number {
  const [lo, hi] = SEND_JITTER_MS;
  return now + lo + rng() * (hi - lo);
}
