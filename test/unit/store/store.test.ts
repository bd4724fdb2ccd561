/**
 * The Store contract, run against both backends: what a caller can observe must not depend on whether the
 * data lives in IndexedDB (fake-indexeddb here) or in memory.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, DAY, eventId, installIdbClasses, MINUTE, pageView, purchase, T0 } from './lib/harness';
import { KEY_SCAN_THRESHOLD } from '../../../src/worker/store/lib/idbAppendTx';
import type { StoredEvent } from '../../../src/worker/store/schema';

beforeAll(installIdbClasses);
afterAll(() => vi.unstubAllGlobals());
afterEach(() => vi.restoreAllMocks());

/** The input as it should read back: with the session the store assigned. */
const stripSession = ({ session_id: _s, ...rest }: StoredEvent) => rest;

describe.each(BACKENDS)('Store on $name', (backend) => {
  it('opens empty with the expected kind', async () => {
    const store = await backend.open({ clock: () => T0 });
    expect(store.kind).toBe(backend.name);
    expect(store.reason === undefined).toBe(backend.name === 'indexeddb');
    expect(await store.countEvents()).toBe(0);
    expect(await store.allEvents()).toEqual([]);
    expect(await store.sessions()).toEqual([]);
    expect(await store.visitorState()).toEqual({ visitCount: 0, inSession: false, returning: false });
    expect(await store.estimateBytes()).toBe(0);
  });

  it('stores a batch and reads it back ordered by ts, then id', async () => {
    const store = await backend.open();
    const batch = [pageView(3, T0 + 2 * MINUTE), pageView(2, T0), pageView(1, T0), pageView(4, T0 + MINUTE)];
    const result = await store.appendEvents(batch);
    expect(result).toMatchObject({ written: 4, duplicates: 0, rejected: 0 });
    // The rows as stored come back, so the worker need not read them again.
    expect(result.stored).toEqual(await store.allEvents());
    const all = await store.allEvents();
    expect(all.map((e) => e.id)).toEqual([eventId(1), eventId(2), eventId(4), eventId(3)]);
    expect(all.map(stripSession)).toEqual([batch[2], batch[1], batch[3], batch[0]]);
    expect(await store.countEvents()).toBe(4);
    expect((await store.eventsSince(T0 + MINUTE)).map((e) => e.id)).toEqual([eventId(4), eventId(3)]);
    expect((await store.eventsSince(T0, { limit: 2 })).map((e) => e.id)).toEqual([eventId(1), eventId(2)]);
    expect((await store.allEvents({ limit: 3 })).map((e) => e.id)).toEqual([eventId(2), eventId(4), eventId(3)]);
    expect((await store.allEvents({ limit: 10 })).length).toBe(4);
  });

  it('returns copies: mutating a read or an input does not change the store', async () => {
    const store = await backend.open();
    const event = pageView(1, T0);
    await store.appendEvents([event]);
    (event.props as { path: string }).path = '/changed';
    const [read] = await store.allEvents();
    read!.ts = 0;
    expect((await store.allEvents())[0]).toMatchObject({ ts: T0, props: { path: '/p/1' } });
  });

  it('stamps the events with their count and the newest (ts, id) in store order', async () => {
    const store = await backend.open();
    expect(await store.eventStamp()).toEqual({ count: 0, newest: null });
    await store.appendEvents([pageView(2, T0 + MINUTE), pageView(1, T0), pageView(3, T0 + MINUTE)]);
    const last = (await store.allEvents()).at(-1)!;
    expect(await store.eventStamp()).toEqual({ count: 3, newest: { ts: T0 + MINUTE, id: last.id } });
    expect(last.id).toBe([eventId(2), eventId(3)].sort().at(-1)); // ties in ts go by id
  });

  it('counts repeated ids as duplicates, stores them once and still stores the rest of the batch', async () => {
    const store = await backend.open();
    await store.appendEvents([pageView(1, T0), pageView(2, T0 + MINUTE)]);
    const result = await store.appendEvents([
      pageView(2, T0 + MINUTE), pageView(3, T0 + 2 * MINUTE), pageView(3, T0 + 2 * MINUTE), pageView(1, T0), pageView(4, T0 + 3 * MINUTE),
    ]);
    expect(result).toMatchObject({ written: 2, duplicates: 3, rejected: 0 });
    expect(result.stored?.map((e) => e.id)).toEqual([3, 4].map(eventId));
    expect((await store.allEvents()).map((e) => e.id)).toEqual([1, 2, 3, 4].map(eventId));
    const [session] = await store.sessions();
    expect(session).toMatchObject({ events: 4, page_views: 4 });
  });

  it('de-duplicates large batches too (the key-range path above KEY_SCAN_THRESHOLD)', async () => {
    const store = await backend.open();
    const first = Array.from({ length: KEY_SCAN_THRESHOLD + 44 }, (_, i) => pageView(2 * i, T0 + i * 1000));
    expect(await store.appendEvents(first)).toMatchObject({ written: first.length, duplicates: 0 });
    // Interleaved ids: every even one is stored, every odd one is new.
    const second = Array.from({ length: 2 * first.length }, (_, i) => pageView(i, T0 + Math.floor(i / 2) * 1000 + (i % 2) * 500));
    expect(await store.appendEvents(second)).toMatchObject({ written: first.length, duplicates: first.length });
    expect(await store.countEvents()).toBe(second.length);
    expect((await store.sessions())[0]?.events).toBe(second.length);
  });

  it('treats a second purchase with a stored transaction_id as a duplicate (a reloaded thank-you page)', async () => {
    const store = await backend.open();
    expect(await store.appendEvents([purchase(1, T0, 40, 'order-7')])).toMatchObject({ written: 1, duplicates: 0 });
    const again = await store.appendEvents([purchase(2, T0 + MINUTE, 40, 'order-7'), purchase(3, T0 + MINUTE, 40, 'order-8')]);
    expect(again).toMatchObject({ written: 1, duplicates: 1 });
    const inBatch = await store.appendEvents([purchase(4, T0 + 2 * MINUTE, 9), purchase(5, T0 + 2 * MINUTE, 9, 'order-9'), purchase(6, T0 + 3 * MINUTE, 9, 'order-9')]);
    expect(inBatch).toMatchObject({ written: 2, duplicates: 1 });
    expect((await store.sessions())[0]).toMatchObject({ purchases: 4, revenue: 40 + 40 + 9 + 9 });
  });

  it('rejects malformed events without failing the batch, and reports a non-array instead of throwing', async () => {
    const store = await backend.open();
    const bad = [{ ...pageView(1, T0), id: '' }, { ...pageView(2, T0), ts: Number.NaN }, null, { ...pageView(3, T0), id: 'x'.repeat(201) }];
    const result = await store.appendEvents([...bad, pageView(4, T0)] as never);
    expect(result).toMatchObject({ written: 1, duplicates: 0, rejected: 4 });
    expect(result.stored?.map((e) => e.id)).toEqual([pageView(4, T0).id]);
    const notArray = await store.appendEvents('nope' as never);
    expect(notArray.written).toBe(0);
    expect(notArray.error?.message).toMatch(/'events' passed to 'appendEvents' must be an array/);
  });

  it('reads the events of some names only, in store order (the cart\'s events without the rest)', async () => {
    const store = await backend.open();
    await store.appendEvents([purchase(3, T0 + 2 * MINUTE, 20), pageView(1, T0), purchase(2, T0 + MINUTE, 10), pageView(4, T0 + MINUTE)]);
    expect((await store.eventsNamed(['purchase'])).map((e) => e.id)).toEqual([eventId(2), eventId(3)]);
    expect((await store.eventsNamed(['page_view', 'purchase'])).map((e) => e.id)).toEqual((await store.allEvents()).map((e) => e.id));
    expect(await store.eventsNamed(['view_cart'])).toEqual([]);
    expect(await store.eventsNamed([])).toEqual([]);
  });

  it('starts a new session after 30 minutes idle, and keeps one under it', async () => {
    const store = await backend.open();
    await store.appendEvents([pageView(1, T0, 'home'), pageView(2, T0 + 29 * MINUTE + 59_999)]);
    await store.appendEvents([pageView(3, T0 + 59 * MINUTE + 59_999, 'search'), pageView(4, T0 + 60 * MINUTE)]);
    const sessions = await store.sessions();
    expect(sessions.map((s) => [s.start, s.end, s.events, s.landing_page_type])).toEqual([
      [T0, T0 + 29 * MINUTE + 59_999, 2, 'home'],
      [T0 + 59 * MINUTE + 59_999, T0 + 60 * MINUTE, 2, 'search'],
    ]);
    const events = await store.allEvents();
    expect(events.map((e) => e.session_id)).toEqual([sessions[0]!.id, sessions[0]!.id, sessions[1]!.id, sessions[1]!.id]);
    expect((await store.eventsInSession(sessions[1]!.id)).map((e) => e.id)).toEqual([eventId(3), eventId(4)]);
    expect(await store.eventsInSession('no-such-session')).toEqual([]);
  });

  it('joins a late event to the session it falls in, and merges two sessions it bridges', async () => {
    const store = await backend.open();
    await store.appendEvents([pageView(1, T0, 'home'), pageView(2, T0 + 50 * MINUTE, 'cart')]);
    expect(await store.sessions()).toHaveLength(2);
    expect((await store.visitorState(T0 + 51 * MINUTE)).visitCount).toBe(2);
    // A second tab flushes late: its event sits 25 minutes from both, so the two visits were one.
    expect(await store.appendEvents([purchase(3, T0 + 25 * MINUTE, 30)])).toMatchObject({ written: 1 });
    const sessions = await store.sessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ start: T0, end: T0 + 50 * MINUTE, events: 3, page_views: 2, purchases: 1, revenue: 30, landing_page_type: 'home' });
    expect(new Set((await store.allEvents()).map((e) => e.session_id))).toEqual(new Set([sessions[0]!.id]));
    expect((await store.visitorState(T0 + 51 * MINUTE)).visitCount).toBe(1);
    // An event shortly before the start extends the session backwards and becomes its landing page.
    await store.appendEvents([pageView(4, T0 - 10 * MINUTE, 'category')]);
    expect(await store.sessions()).toEqual([expect.objectContaining({ start: T0 - 10 * MINUTE, landing_page_type: 'category', events: 4 })]);
  });

  it('tracks new vs returning visitors, visit count, days since the last visit and the last purchase', async () => {
    const store = await backend.open({ clock: () => T0 + 5 * MINUTE });
    await store.appendEvents([pageView(1, T0), pageView(2, T0 + 5 * MINUTE)]);
    const [session] = await store.sessions();
    expect(await store.visitorState()).toEqual({ firstSeen: T0, visitCount: 1, inSession: true, returning: false, sessionId: session!.id });
    // Outside the session the first visit is the last visit, and the next one will make a returning visitor.
    expect(await store.visitorState(T0 + DAY)).toMatchObject({ inSession: false, returning: true, lastVisitEnd: T0 + 5 * MINUTE });
    expect((await store.visitorState(T0 + DAY)).sessionId).toBeUndefined();
    const second = T0 + 3 * DAY;
    await store.appendEvents([pageView(3, second), purchase(4, second + MINUTE, 55)]);
    const state = await store.visitorState(second + 2 * MINUTE);
    expect(state).toMatchObject({ firstSeen: T0, visitCount: 2, inSession: true, returning: true, lastVisitEnd: T0 + 5 * MINUTE, lastPurchaseTs: second + MINUTE });
    expect(state.daysSinceLastVisit).toBeCloseTo((second + 2 * MINUTE - (T0 + 5 * MINUTE)) / DAY, 9);
    expect(state.daysSinceLastPurchase).toBeCloseTo(MINUTE / DAY, 9);
    const later = await store.visitorState(second + 10 * DAY);
    expect(later).toMatchObject({ inSession: false, lastVisitEnd: second + MINUTE });
    expect(later.daysSinceLastPurchase).toBeCloseTo(10 - MINUTE / DAY, 9);
  });

  it('remembers the last visit after retention deleted it', async () => {
    const store = await backend.open();
    await store.appendEvents([pageView(1, T0)]);
    const back = T0 + 45 * DAY;
    expect(await store.applyRetention({ now: back })).toMatchObject({ deletedByAge: 1, sessionsDeleted: 1 });
    await store.appendEvents([pageView(2, back)]);
    expect(await store.visitorState(back)).toMatchObject({ visitCount: 2, returning: true, lastVisitEnd: T0, firstSeen: T0 });
  });

  it('keeps two writers consistent: overlapping ids stored once, nothing lost, one session per run', async () => {
    const [a, b] = await backend.openPair();
    const ids = Array.from({ length: 60 }, (_, i) => i);
    const at = (n: number) => T0 + n * 2 * MINUTE + (n >= 30 ? 45 * MINUTE : 0); // a 45-minute gap after event 29
    const batches = [0, 1, 2, 3, 4, 5].map((k) => ids.slice(k * 10, k * 10 + 15).map((n) => pageView(n, at(n))));
    const results = await Promise.all(batches.map((batch, k) => (k % 2 === 0 ? a : b).appendEvents([...batch].reverse())));
    expect(results.reduce((sum, r) => sum + r.written, 0)).toBe(60);
    expect(results.reduce((sum, r) => sum + r.duplicates, 0)).toBe(batches.flat().length - 60);
    for (const store of [a, b]) {
      const events = await store.allEvents();
      expect(events.map((e) => e.id)).toEqual(ids.map(eventId));
      const sessions = await store.sessions();
      expect(sessions.map((s) => [s.start, s.end, s.events])).toEqual([[at(0), at(29), 30], [at(30), at(59), 30]]);
      expect(events.map((e) => e.session_id)).toEqual(ids.map((n) => sessions[n < 30 ? 0 : 1]!.id));
      expect((await store.visitorState(at(59))).visitCount).toBe(2);
    }
  });
});
