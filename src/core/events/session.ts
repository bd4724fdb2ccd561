/**
 * Session and visitor bookkeeping, as pure functions of event timestamps.
 *
 * A session ends after 30 minutes without events, as in GA4. Like GA4 (and unlike Universal Analytics) there is no
 * cut at local midnight and none on a campaign change: both split one shopping trip into two and would inflate
 * visit counts. Timestamps may arrive out of order (queued events, clock adjustments); an event older than the
 * latest one never opens a session and never moves `last_seen` back.
 */
import type { EventName } from './schema';

/** Idle time after which the next event starts a new session (GA4's default). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
const DAY_MS = 86_400_000;

/** What the device remembers about its shopper between events; contains no identifier. */
export interface VisitorState {
  /** Timestamp of the first event ever seen. */
  first_seen: number;
  /** Latest event timestamp. */
  last_seen: number;
  /** First event of the current session. */
  session_start: number;
  /** Sessions so far, the current one included. */
  visit_count: number;
  /** `last_seen` of the session before the current one. */
  previous_visit_end?: number;
  /** Latest purchase event. */
  last_purchase?: number;
}

/** Derived facts for features and targeting. */
export interface VisitorFacts {
  /** More than one session so far. */
  is_returning: boolean;
  visit_count: number;
  /** Whole days since the end of the previous session; absent on the first visit. */
  days_since_last_visit?: number;
  /** Whole days since the latest purchase; absent when there was none. */
  days_since_last_purchase?: number;
  /** Time since the current session started. */
  session_ms: number;
}

/**
 * Whether an event at `ts` falls outside the session of the event at `lastTs` (none yet → true): at least `idleMs`
 * apart, in either direction, so that it also answers whether two events in any order can share a session (the
 * same rule as src/worker/store/lib/sessionRule.ts).
 */
export function isNewSession(lastTs: number | undefined, ts: number, idleMs: number = SESSION_IDLE_MS): boolean {
  return lastTs === undefined || Math.abs(ts - lastTs) >= idleMs;
}

/**
 * The visitor state after one more event at `eventTs`; `eventName` marks purchases. `state` is not modified.
 * Throws a RangeError when `eventTs` is not finite, since every stored event has passed `validateEvent`.
 */
export function nextVisitorState(state: VisitorState | undefined, eventTs: number, eventName?: EventName): VisitorState {
  if (!Number.isFinite(eventTs)) {
    throw new RangeError(`'eventTs' passed to 'nextVisitorState' must be a finite number, got ${eventTs}`);
  }
  const purchase = eventName === 'purchase' ? eventTs : undefined;
  if (!state) {
    const fresh: VisitorState = { first_seen: eventTs, last_seen: eventTs, session_start: eventTs, visit_count: 1 };
    if (purchase !== undefined) fresh.last_purchase = purchase;
    return fresh;
  }
  const next: VisitorState = { ...state, first_seen: Math.min(state.first_seen, eventTs) };
  // A late event (older than the latest) belongs to a past session: it cannot reopen or split one.
  if (eventTs > state.last_seen && isNewSession(state.last_seen, eventTs)) {
    next.previous_visit_end = state.last_seen;
    next.session_start = eventTs;
    next.visit_count = state.visit_count + 1;
  }
  next.last_seen = Math.max(state.last_seen, eventTs);
  if (purchase !== undefined) next.last_purchase = Math.max(state.last_purchase ?? purchase, purchase);
  return next;
}

/** Facts about the visitor at time `now` (ms epoch). Day counts never go below 0 under clock skew. */
export function visitorFacts(state: VisitorState, now: number): VisitorFacts {
  const days = (ts: number | undefined) => (ts === undefined ? undefined : Math.max(0, Math.floor((now - ts) / DAY_MS)));
  const facts: VisitorFacts = {
    is_returning: state.visit_count > 1,
    visit_count: state.visit_count,
    session_ms: Math.max(0, now - state.session_start),
  };
  const lastVisit = days(state.previous_visit_end);
  const lastPurchase = days(state.last_purchase);
  if (lastVisit !== undefined) facts.days_since_last_visit = lastVisit;
  if (lastPurchase !== undefined) facts.days_since_last_purchase = lastPurchase;
  return facts;
}
