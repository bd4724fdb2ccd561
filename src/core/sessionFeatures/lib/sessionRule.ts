/**
 * The session rule (GA4's): a visit ends after 30 minutes without events. This must equal the worker store's rule
 * (src/worker/store/lib/sessionRule.ts); core cannot import the worker, so the constant is repeated here and a
 * unit test pins the two together. Once a session module exists in src/core/events, both should import it.
 */

/** Idle time after which the next event starts a new session. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** One day in ms, for "days since" figures. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Timestamps as the feature code sees them: never decreasing. A late event (another tab, a retried send) is
 * treated as happening at the latest time seen so far, so it joins the current session instead of reopening a
 * closed one. Returns the effective ts of `ts` after `previous` (null for the first event).
 */
export function effectiveTs(previous: number | null, ts: number): number {
  return previous === null ? ts : Math.max(previous, ts);
}

/** Whether an event at effective time `ts` starts a new session after one at `previous` (null: first event). */
export function startsSession(previous: number | null, ts: number): boolean {
  return previous === null || ts - previous >= SESSION_IDLE_MS;
}
