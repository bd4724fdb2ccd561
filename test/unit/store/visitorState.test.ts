import { describe, expect, it } from 'vitest';
import { toVisitorState, updateVisitor } from '../../../src/worker/store/lib/visitorState';
import { newSession } from '../../../src/worker/store/lib/sessionRecord';
import type { SessionRecord } from '../../../src/worker/store/schema';

const M = 60_000;
const D = 24 * 60 * M;
const session = (id: string, start: number, end: number): SessionRecord => ({ ...newSession(id, start), end });

describe('updateVisitor', () => {
  it('starts a visitor from its first batch', () => {
    expect(updateVisitor(undefined, { minTs: 10, sessionsAdded: 1 }, [session('a', 10, 20)])).toEqual({
      first_seen: 10, visit_count: 1, latest_session: { id: 'a', start: 10, end: 20 },
    });
  });

  it('takes the previous visit from the second newest row when there is one', () => {
    const previous = { first_seen: 0, visit_count: 1, latest_session: { id: 'a', start: 0, end: 5 } };
    expect(updateVisitor(previous, { minTs: D, sessionsAdded: 1, lastPurchaseTs: D }, [session('b', D, D), session('a', 0, 5)])).toEqual({
      first_seen: 0, visit_count: 2, last_purchase_ts: D, latest_session: { id: 'b', start: D, end: D }, previous_session_end: 5,
    });
  });

  it('falls back on the recorded latest session when retention deleted its row', () => {
    const previous = { first_seen: 0, visit_count: 3, latest_session: { id: 'a', start: 0, end: 5 }, previous_session_end: -D, last_purchase_ts: 2 };
    const next = updateVisitor(previous, { minTs: 40 * D, sessionsAdded: 1 }, [session('b', 40 * D, 40 * D)]);
    expect(next).toMatchObject({ visit_count: 4, previous_session_end: 5, last_purchase_ts: 2 });
  });

  it('keeps the recorded previous end while the latest session only grows', () => {
    const previous = { first_seen: 0, visit_count: 2, latest_session: { id: 'b', start: D, end: D }, previous_session_end: 5 };
    const next = updateVisitor(previous, { minTs: D + M, sessionsAdded: 0 }, [session('b', D, D + M)]);
    expect(next).toMatchObject({ visit_count: 2, latest_session: { id: 'b', start: D, end: D + M }, previous_session_end: 5 });
  });

  it('forgets a previous end that a merge swallowed', () => {
    // Sessions a (0..10) and b (50..60) merged into a by a late event; no older session is left.
    const previous = { first_seen: 0, visit_count: 2, latest_session: { id: 'b', start: 50 * M, end: 60 * M }, previous_session_end: 10 * M };
    const next = updateVisitor(previous, { minTs: 30 * M, sessionsAdded: -1 }, [session('a', 0, 60 * M)]);
    expect(next.visit_count).toBe(1);
    expect(next.previous_session_end).toBeUndefined();
  });
});

describe('toVisitorState', () => {
  const record = { first_seen: 0, visit_count: 2, latest_session: { id: 'b', start: D, end: D + 10 * M }, previous_session_end: 5 * M, last_purchase_ts: 0 };

  it('describes a visitor inside a session by the visit before it', () => {
    expect(toVisitorState(record, D + 39 * M)).toEqual({
      firstSeen: 0, visitCount: 2, inSession: true, sessionId: 'b', returning: true, lastVisitEnd: 5 * M,
      daysSinceLastVisit: (D + 34 * M) / D, lastPurchaseTs: 0, daysSinceLastPurchase: (D + 39 * M) / D,
    });
  });

  it('closes the session 30 minutes after its last event', () => {
    const state = toVisitorState(record, D + 40 * M);
    expect(state).toMatchObject({ inSession: false, returning: true, lastVisitEnd: D + 10 * M });
    expect(state.daysSinceLastVisit).toBeCloseTo((30 * M) / D, 12);
  });

  it('reads an unknown visitor as new', () => {
    expect(toVisitorState(undefined, 0)).toEqual({ visitCount: 0, inSession: false, returning: false });
    const first = { first_seen: 0, visit_count: 1, latest_session: { id: 'a', start: 0, end: 0 } };
    expect(toVisitorState(first, M)).toMatchObject({ inSession: true, returning: false });
    expect(toVisitorState(first, M).lastVisitEnd).toBeUndefined();
  });
});
