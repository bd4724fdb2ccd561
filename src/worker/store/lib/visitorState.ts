/**
 * The visitor summary: how it is updated by a batch, and how it reads at a given time.
 */
import type { SessionRecord, VisitorRecord } from '../schema';
import type { VisitorState } from '../store';
import { DAY_MS, isNewSession } from './sessionRule';

/** What a batch contributes to the visitor summary. */
export interface VisitorDelta {
  /** ts of the earliest event written. */
  minTs: number;
  /** ts of the latest purchase written, if any. */
  lastPurchaseTs?: number;
  /** Sessions created minus sessions merged away. */
  sessionsAdded: number;
}

/**
 * The summary after a batch. `newest` holds the (up to) two sessions with the latest start, read after the
 * batch's session rows were written. When retention already deleted the session before the latest, the end
 * recorded in `previous` still tells when the last visit was.
 */
export function updateVisitor(
  previous: VisitorRecord | undefined,
  delta: VisitorDelta,
  newest: readonly SessionRecord[],
): VisitorRecord {
  const next: VisitorRecord = {
    first_seen: Math.min(previous?.first_seen ?? Infinity, delta.minTs),
    visit_count: Math.max((previous?.visit_count ?? 0) + delta.sessionsAdded, newest.length),
  };
  const lastPurchase = Math.max(previous?.last_purchase_ts ?? -Infinity, delta.lastPurchaseTs ?? -Infinity);
  if (Number.isFinite(lastPurchase)) next.last_purchase_ts = lastPurchase;

  const [latest, before] = newest;
  if (!latest) return { ...previous, ...next };
  next.latest_session = { id: latest.id, start: latest.start, end: latest.end };
  const old = previous?.latest_session;
  const previousEnd =
    before?.end ??
    (old && old.id !== latest.id && old.start < latest.start
      ? old.end
      : previous?.previous_session_end !== undefined && previous.previous_session_end < latest.start
        ? previous.previous_session_end
        : undefined);
  if (previousEnd !== undefined) next.previous_session_end = previousEnd;
  return next;
}

/** Reads the summary at `now`: inside a session, "last visit" means the one before it. */
export function toVisitorState(record: VisitorRecord | undefined, now: number): VisitorState {
  if (!record) return { visitCount: 0, inSession: false, returning: false };
  const latest = record.latest_session;
  const inSession = latest !== undefined && (now <= latest.end || !isNewSession(latest.end, now));
  const lastVisitEnd = inSession ? record.previous_session_end : latest?.end;
  const state: VisitorState = {
    firstSeen: record.first_seen,
    visitCount: record.visit_count,
    inSession,
    returning: record.visit_count > (inSession ? 1 : 0),
  };
  if (inSession && latest) state.sessionId = latest.id;
  if (lastVisitEnd !== undefined) {
    state.lastVisitEnd = lastVisitEnd;
    state.daysSinceLastVisit = (now - lastVisitEnd) / DAY_MS;
  }
  if (record.last_purchase_ts !== undefined) {
    state.lastPurchaseTs = record.last_purchase_ts;
    state.daysSinceLastPurchase = (now - record.last_purchase_ts) / DAY_MS;
  }
  return state;
}
