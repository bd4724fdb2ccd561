import { describe, expect, it } from 'vitest';
import { planSessions } from '../../../src/worker/store/lib/planSessions';
import { isNewSession, SESSION_IDLE_MS } from '../../../src/worker/store/lib/sessionRule';

const M = 60_000;
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('isNewSession', () => {
  it('cuts at 30 minutes idle, in either order', () => {
    expect(SESSION_IDLE_MS).toBe(30 * M);
    expect(isNewSession(0, 30 * M - 1)).toBe(false);
    expect(isNewSession(0, 30 * M)).toBe(true);
    expect(isNewSession(30 * M, 0)).toBe(true);
  });
});

describe('planSessions', () => {
  it('opens one new session per run of batch events when nothing is stored', () => {
    const plan = planSessions([], [{ id: 'a', ts: 0 }, { id: 'b', ts: 29 * M }, { id: 'c', ts: 59 * M - 1 }, { id: 'd', ts: 89 * M - 1 }], ids());
    // c is 30 min - 1 ms after b; d is exactly 30 min after c.
    expect(plan.created).toEqual(['new-1', 'new-2']);
    expect([...plan.assigned]).toEqual([['a', 'new-1'], ['b', 'new-1'], ['c', 'new-1'], ['d', 'new-2']]);
    expect(plan.merges.size).toBe(0);
  });

  it('joins stored sessions within 30 minutes on either side, and ignores those further away', () => {
    const stored = [{ id: 'S', start: 0, end: 0 }, { id: 'T', start: 95 * M, end: 100 * M }, { id: 'U', start: 300 * M, end: 310 * M }];
    const plan = planSessions(stored, [{ id: 'a', ts: 20 * M }, { id: 'b', ts: 70 * M }, { id: 'c', ts: 45 * M }], ids());
    expect(plan.assigned.get('a')).toBe('S');
    expect(plan.assigned.get('c')).toBe('S'); // 45 minutes after S, but 25 after a
    expect(plan.assigned.get('b')).toBe('S'); // 25 minutes before T: bridges S and T ...
    expect([...plan.merges]).toEqual([['T', 'S']]); // ... so the later T merges into S; U is out of reach
    expect(plan.created).toEqual([]);
  });

  it('reads a stored session as its whole span, however long', () => {
    // A three-hour visit: an event in its middle is near one of its events, even with no stored event in sight here.
    const plan = planSessions([{ id: 'L', start: 0, end: 180 * M }], [{ id: 'a', ts: 90 * M }, { id: 'b', ts: 209 * M }, { id: 'c', ts: 240 * M }], ids());
    expect([plan.assigned.get('a'), plan.assigned.get('b')]).toEqual(['L', 'L']);
    expect(plan.assigned.get('c')).toBe('new-1'); // 31 minutes after b
  });

  it('merges a chain of sessions into the earliest, through separate events of the batch', () => {
    const stored = [{ id: 'B', start: 40 * M, end: 40 * M }, { id: 'A', start: 0, end: 0 }, { id: 'C', start: 80 * M, end: 90 * M }, { id: 'D', start: 500 * M, end: 500 * M }];
    const plan = planSessions(stored, [{ id: 'p', ts: 60 * M }, { id: 'q', ts: 20 * M }], ids());
    expect(new Map(plan.merges)).toEqual(new Map([['B', 'A'], ['C', 'A']]));
    expect([plan.assigned.get('p'), plan.assigned.get('q')]).toEqual(['A', 'A']);
  });

  it('leaves stored sessions without batch events alone', () => {
    const plan = planSessions([{ id: 'A', start: 0, end: 0 }, { id: 'B', start: 10 * M, end: 20 * M }], [{ id: 'z', ts: 500 * M }], ids());
    expect(plan.merges.size).toBe(0);
    expect([...plan.assigned]).toEqual([['z', 'new-1']]);
  });
});
