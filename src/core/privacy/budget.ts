/**
 * The per-device contribution budget: how many reports a device may send per
 * UTC day, and how much ε all its reports may spend together in any 7-day
 * window. Local DP bounds what one report reveals; this bounds what one device
 * reveals over time (sequential composition: the ε of its reports add up).
 *
 * Pure: the worker keeps the ledger in IndexedDB and passes the clock's reading
 * (`now`, epoch ms) to every function; the audit view shows {@link budgetSummary}.
 * Reports over budget are not sent at all (dropped, not queued): a queue would
 * only delay the spending. Dropping caps heavy shoppers' weight in the
 * estimates, a small, documented bias in exchange for a hard bound.
 */
import { DEFAULT_EPSILON } from './randomizedResponse';

/** Days in the rolling ε window. */
export const BUDGET_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;
// ε values are sums of floats (5 × ln 3 ≠ ln 3 + … + ln 3 exactly).
const SLACK = 1e-9;

/** The limits. */
export interface BudgetPolicy {
  maxReportsPerDay: number;
  /** Total ε over any {@link BUDGET_WINDOW_DAYS} consecutive UTC days. */
  weeklyEpsilon: number;
}

/** Two reports a day, five reports' worth of ε (5 · ln 3 ≈ 5.49) a week — the policy's offer caps. */
export const DEFAULT_BUDGET: Readonly<BudgetPolicy> = Object.freeze({ maxReportsPerDay: 2, weeklyEpsilon: 5 * DEFAULT_EPSILON });

/** What one UTC day spent. */
export interface LedgerDay {
  day: number;
  reports: number;
  epsilon: number;
}

/** The device's spending, one entry per UTC day with spending, oldest first. */
export interface BudgetLedger {
  days: LedgerDay[];
}

/** Why a report may not be sent. */
export type BudgetVerdict = { allowed: true } | { allowed: false; reason: 'daily-cap' | 'weekly-epsilon'; /** First UTC day on which it would fit. */ retryDay: number };

/** The UTC day number of an epoch-ms instant. */
export function utcDay(now: number): number {
  if (!Number.isFinite(now)) throw new RangeError(`'now' passed to 'utcDay' must be epoch milliseconds, got ${String(now)}`);
  return Math.floor(now / DAY_MS);
}

/** An empty ledger. */
export function emptyLedger(): BudgetLedger {
  return { days: [] };
}

function checkPolicy(policy: BudgetPolicy, fn: string): void {
  if (!Number.isInteger(policy.maxReportsPerDay) || policy.maxReportsPerDay < 0) throw new RangeError(`'policy.maxReportsPerDay' passed to '${fn}' must be an integer ≥ 0`);
  if (!(policy.weeklyEpsilon >= 0) || !Number.isFinite(policy.weeklyEpsilon)) throw new RangeError(`'policy.weeklyEpsilon' passed to '${fn}' must be a finite number ≥ 0`);
}

function windowOf(ledger: BudgetLedger, today: number): LedgerDay[] {
  return ledger.days.filter((d) => d.day > today - BUDGET_WINDOW_DAYS && d.day <= today);
}

/** Whether a report spending `epsilon` may be sent now. */
export function checkBudget(ledger: BudgetLedger, policy: BudgetPolicy, epsilon: number, now: number): BudgetVerdict {
  checkPolicy(policy, 'checkBudget');
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`'epsilon' passed to 'checkBudget' must be a finite number > 0, got ${String(epsilon)}`);
  const today = utcDay(now);
  const window = windowOf(ledger, today);
  const todays = window.find((d) => d.day === today);
  if ((todays?.reports ?? 0) + 1 > policy.maxReportsPerDay) return { allowed: false, reason: 'daily-cap', retryDay: today + 1 };
  let spent = window.reduce((a, d) => a + d.epsilon, 0);
  if (spent + epsilon <= policy.weeklyEpsilon + SLACK) return { allowed: true };
  if (epsilon > policy.weeklyEpsilon + SLACK) return { allowed: false, reason: 'weekly-epsilon', retryDay: Number.POSITIVE_INFINITY };
  // Find the first day on which enough of today's window has expired.
  for (const d of window) {
    spent -= d.epsilon;
    if (spent + epsilon <= policy.weeklyEpsilon + SLACK) return { allowed: false, reason: 'weekly-epsilon', retryDay: d.day + BUDGET_WINDOW_DAYS };
  }
  return { allowed: false, reason: 'weekly-epsilon', retryDay: today + BUDGET_WINDOW_DAYS };
}

/**
 * Records one sent report; returns a new ledger without days that left the
 * window. Throws when the report does not fit: callers check first, so this
 * only fires on a bug that would otherwise overspend silently.
 */
export function recordSpend(ledger: BudgetLedger, policy: BudgetPolicy, epsilon: number, now: number): BudgetLedger {
  const verdict = checkBudget(ledger, policy, epsilon, now);
  if (!verdict.allowed) throw new RangeError(`'recordSpend' refused a report of ε ${epsilon}: ${verdict.reason} (check with 'checkBudget' first)`);
  const today = utcDay(now);
  const days = windowOf(ledger, today).map((d) => ({ ...d }));
  const todays = days.find((d) => d.day === today);
  if (todays) {
    todays.reports += 1;
    todays.epsilon += epsilon;
  } else {
    days.push({ day: today, reports: 1, epsilon });
    days.sort((a, b) => a.day - b.day);
  }
  return { days };
}

/** What the audit view shows. */
export interface BudgetSummary {
  today: number;
  reportsToday: number;
  maxReportsPerDay: number;
  /** First and last UTC day of the current window. */
  windowFrom: number;
  windowTo: number;
  epsilonSpent: number;
  epsilonBudget: number;
  epsilonRemaining: number;
  days: LedgerDay[];
}

/** The ledger as the audit view presents it. */
export function budgetSummary(ledger: BudgetLedger, policy: BudgetPolicy, now: number): BudgetSummary {
  checkPolicy(policy, 'budgetSummary');
  const today = utcDay(now);
  const days = windowOf(ledger, today).map((d) => ({ ...d }));
  const spent = days.reduce((a, d) => a + d.epsilon, 0);
  return {
    today,
    reportsToday: days.find((d) => d.day === today)?.reports ?? 0,
    maxReportsPerDay: policy.maxReportsPerDay,
    windowFrom: today - BUDGET_WINDOW_DAYS + 1,
    windowTo: today,
    epsilonSpent: spent,
    epsilonBudget: policy.weeklyEpsilon,
    epsilonRemaining: Math.max(0, policy.weeklyEpsilon - spent),
    days,
  };
}
