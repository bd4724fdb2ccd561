import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SESSION_IDLE_MS, isNewSession, nextVisitorState, visitorFacts, type VisitorState } from '../../../src/core/events/session';

const T0 = Date.UTC(2024, 5, 1, 22, 0);
const MIN = 60_000;
const DAY = 86_400_000;

const replay = (events: [number, string?][]) =>
  events.reduce<VisitorState | undefined>((s, [ts, name]) => nextVisitorState(s, ts, name as 'purchase' | undefined), undefined)!;

describe('isNewSession', () => {
  it('opens a session on the first event and after 30 idle minutes, not before', () => {
    expect(isNewSession(undefined, T0)).toBe(true);
    expect(isNewSession(T0, T0 + 29 * MIN)).toBe(false);
    expect(isNewSession(T0, T0 + SESSION_IDLE_MS)).toBe(true);
    expect(isNewSession(T0, T0 - 10 * MIN)).toBe(false);
    expect(isNewSession(T0, T0 - 2 * SESSION_IDLE_MS)).toBe(true);
    expect(isNewSession(T0, T0 + 5 * MIN, 5 * MIN)).toBe(true);
  });
});

describe('nextVisitorState', () => {
  it('counts visits across idle gaps but not across midnight', () => {
    // 22:00 → … → 00:09 (next day) is one visit in GA4 terms: gaps never reach 30 minutes.
    const one = replay([[T0], [T0 + 20 * MIN], [T0 + 40 * MIN], [T0 + 60 * MIN], [T0 + 80 * MIN], [T0 + 100 * MIN], [T0 + 129 * MIN]]);
    expect(one.visit_count).toBe(1);
    const three = replay([[T0], [T0 + 31 * MIN], [T0 + 3 * DAY]]);
    expect(three).toEqual({
      first_seen: T0, last_seen: T0 + 3 * DAY, session_start: T0 + 3 * DAY, visit_count: 3, previous_visit_end: T0 + 31 * MIN,
    });
  });

  it('remembers the latest purchase and ignores out-of-order timestamps for session bounds', () => {
    const s = replay([[T0], [T0 + 5 * MIN, 'purchase'], [T0 + 2 * MIN, 'purchase'], [T0 - DAY]]);
    expect(s.last_purchase).toBe(T0 + 5 * MIN);
    expect(s.last_seen).toBe(T0 + 5 * MIN);
    expect(s.first_seen).toBe(T0 - DAY);
    expect(s.visit_count).toBe(1);
  });

  it('does not modify its input and rejects non-finite timestamps by name', () => {
    const s = nextVisitorState(undefined, T0);
    const copy = { ...s };
    nextVisitorState(s, T0 + DAY, 'purchase');
    expect(s).toEqual(copy);
    expect(() => nextVisitorState(s, Number.NaN)).toThrow("'eventTs' passed to 'nextVisitorState' must be a finite number");
  });

  it('counts exactly one visit more than there are gaps of 30 minutes or more, for any sorted timeline', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 4 * 60 }), { minLength: 1, maxLength: 60 }), (gapsMin) => {
      const times = gapsMin.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? T0) + g * MIN], []);
      const s = replay(times.map((t) => [t]));
      expect(s.visit_count).toBe(1 + gapsMin.slice(1).filter((g) => g >= 30).length);
      expect(s.last_seen).toBe(times.at(-1));
    }));
  });
});

describe('visitorFacts', () => {
  it('reports new vs returning, days since the last visit and purchase', () => {
    const first = nextVisitorState(undefined, T0);
    expect(visitorFacts(first, T0 + 10 * MIN)).toEqual({ is_returning: false, visit_count: 1, session_ms: 10 * MIN });
    const back = replay([[T0, 'purchase'], [T0 + 10 * MIN], [T0 + 3 * DAY + 7 * MIN]]);
    expect(visitorFacts(back, T0 + 3 * DAY + 9 * MIN)).toEqual({
      is_returning: true, visit_count: 2, days_since_last_visit: 2, days_since_last_purchase: 3, session_ms: 2 * MIN,
    });
    expect(visitorFacts(back, T0 - DAY).days_since_last_purchase).toBe(0);
  });
});
