/**
 * The device's side of the central-DP guarantee: it sends at most `reportsPerDeviceWeek` measurements in any
 * 7 consecutive UTC days. Expressed as a budget of the existing ledger (src/core/privacy/budget.ts), so the
 * worker keeps one ledger and the audit view shows one spend: each report costs ε / bound, the week holds ε.
 */
import type { BudgetPolicy } from '../privacy/budget';
import type { CentralDpSettings } from './aggregation';

/** The ledger limits that enforce the contribution bound. */
export function centralBudget(settings: CentralDpSettings): BudgetPolicy {
  if (!Number.isInteger(settings.reportsPerDeviceWeek) || settings.reportsPerDeviceWeek < 1) {
    throw new RangeError(`'settings.reportsPerDeviceWeek' passed to 'centralBudget' must be a positive integer, got ${String(settings.reportsPerDeviceWeek)}`);
  }
  return { maxReportsPerDay: settings.reportsPerDeviceWeek, weeklyEpsilon: settings.epsilon };
}

/** What one report spends of the week's ε in the ledger. */
export function centralReportEpsilon(settings: CentralDpSettings): number {
  return settings.epsilon / settings.reportsPerDeviceWeek;
}
