/**
 * The Store contract, second half (retention, quota recovery, side tables, size, clearing), run against both
 * backends like store.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, DAY, eventId, installIdbClasses, MINUTE, pageView, purchase, T0 } from './lib/harness';
import { jsonBytes } from '../../../src/worker/store/lib/jsonBytes';

beforeAll(installIdbClasses);
afterAll(() => vi.unstubAllGlobals());
afterEach(() => vi.restoreAllMocks());

describe.each(BACKENDS)('Store maintenance on $name', (backend) => {
  it('deletes events older than maxAgeDays with an injected clock 31 days later, and their sessions', async () => {
    let now = T0;
    const store = await backend.open({ clock: () => now });
    await store.appendEvents([pageView(1, T0), pageView(2, T0 + MINUTE), pageView(3, T0 + 2 * DAY)]);
    await store.putDecision({ id: 'd1', ts: T0, tier: 10 });
    await store.outboxPut({ id: 'o1', ts: T0, report: [1, 0] });
    await store.outboxPut({ id: 'o2', ts: T0 + 2 * DAY, report: [0, 1] });
    expect(await store.applyRetention()).toEqual({ deletedByAge: 0, deletedByCap: 0, sessionsDeleted: 0, decisionsDeleted: 0, outboxDeleted: 0 });
    now = T0 + 31 * DAY;
    expect(await store.applyRetention()).toEqual({ deletedByAge: 2, deletedByCap: 0, sessionsDeleted: 1, decisionsDeleted: 1, outboxDeleted: 1 });
    expect((await store.allEvents()).map((e) => e.id)).toEqual([eventId(3)]);
    expect((await store.sessions()).map((s) => s.start)).toEqual([T0 + 2 * DAY]);
    expect((await store.outboxList()).map((o) => o.id)).toEqual(['o2']);
    expect(await store.decisions()).toEqual([]);
    // An explicit `now` overrides the clock, and a shorter window deletes more.
    expect(await store.applyRetention({ now: T0 + 3 * DAY, maxAgeDays: 0.5 })).toMatchObject({ deletedByAge: 1, sessionsDeleted: 1 });
    expect(await store.countEvents()).toBe(0);
  });

  it('deletes the oldest events first beyond maxEvents', async () => {
    const store = await backend.open({ clock: () => T0 + DAY });
    const events = Array.from({ length: 20 }, (_, i) => pageView(100 - i, T0 + i * 40 * MINUTE)); // ids descend as ts rises
    await store.appendEvents(events);
    expect(await store.sessions()).toHaveLength(20);
    expect(await store.applyRetention({ maxEvents: 15 })).toMatchObject({ deletedByAge: 0, deletedByCap: 5, sessionsDeleted: 5 });
    expect((await store.allEvents()).map((e) => e.ts)).toEqual(events.slice(5).map((e) => e.ts));
    expect(await store.applyRetention({ maxEvents: 0 })).toMatchObject({ deletedByCap: 15, sessionsDeleted: 15 });
    expect(await store.sessions()).toEqual([]);
    await expect(store.applyRetention({ maxEvents: -1 })).rejects.toThrow(/'maxEvents' passed to 'applyRetention'/);
    await expect(store.applyRetention({ maxAgeDays: 0 })).rejects.toThrow(/'maxAgeDays' passed to 'applyRetention'/);
  });

  it('recovers from a quota error: drops the oldest 20 %, retries once, and keeps nothing of the failed try', async () => {
    const store = await backend.open({ clock: () => T0 + DAY });
    await store.appendEvents(Array.from({ length: 100 }, (_, i) => pageView(i + 1, T0 + i * MINUTE)));
    backend.failAppendAttempts(1);
    const batch = Array.from({ length: 10 }, (_, i) => pageView(1000 + i, T0 + (100 + i) * MINUTE));
    const result = await store.appendEvents(batch);
    expect(result).toMatchObject({ written: 10, duplicates: 0, rejected: 0, quotaRecovery: { deletedByCap: 20 } });
    expect(result.error).toBeUndefined();
    const ids = (await store.allEvents()).map((e) => e.id);
    expect(ids).toHaveLength(90);
    expect(ids[0]).toBe(eventId(21));
    expect(ids.slice(-10)).toEqual(batch.map((e) => e.id));
    // The session row describes the whole visit, so it still counts the 20 events retention trimmed from it.
    expect((await store.sessions())[0]).toMatchObject({ events: 110 });
  });

  it('after a quota error that survives the retry, writes nothing of the batch to the full store, and holds it in memory where there is one', async () => {
    const store = await backend.open({ clock: () => T0 + DAY });
    await store.appendEvents(Array.from({ length: 10 }, (_, i) => pageView(i + 1, T0 + i * MINUTE)));
    backend.failAppendAttempts(2);
    const batch = [pageView(50, T0 + 20 * MINUTE), pageView(51, T0 + 21 * MINUTE)];
    const result = await store.appendEvents(batch);
    vi.restoreAllMocks();
    if (backend.name === 'memory') {
      // Memory is the last resort: the error is reported, nothing is half-written, and the store stays usable.
      expect(result).toMatchObject({ written: 0, error: { name: 'QuotaExceededError' }, quotaRecovery: { deletedByCap: 2 } });
      expect(await store.countEvents()).toBe(8);
      expect((await store.sessions())[0]).toMatchObject({ events: 10, end: T0 + 9 * MINUTE });
      expect(await store.appendEvents([pageView(50, T0 + 20 * MINUTE)])).toMatchObject({ written: 1 });
      return;
    }
    // IndexedDB swept once (the oldest 20 %), failed again, and stepped aside: the batch is held in memory.
    expect(result).toMatchObject({ written: 2, quotaRecovery: { deletedByCap: 2 } });
    expect(result.error).toBeUndefined();
    expect(store.kind).toBe('memory');
    expect(store.reason).toMatch(/^IndexedDB could not store events \(QuotaExceededError/);
    expect((await store.allEvents()).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    expect(await store.appendEvents([pageView(52, T0 + 22 * MINUTE)])).toMatchObject({ written: 1 });
  });

  it('keeps decisions, outbox records and meta values', async () => {
    const store = await backend.open();
    await store.putDecision({ id: 'b', ts: T0 + 2, tier: 5 });
    await store.putDecision({ id: 'a', ts: T0 + 1, tier: 0 });
    await store.putDecision({ id: 'a', ts: T0 + 3, tier: 15 });
    expect(await store.decisions()).toEqual([{ id: 'b', ts: T0 + 2, tier: 5 }, { id: 'a', ts: T0 + 3, tier: 15 }]);
    expect(await store.decisions({ limit: 1 })).toEqual([{ id: 'a', ts: T0 + 3, tier: 15 }]);
    expect(await store.decisions({ since: T0 + 3 })).toHaveLength(1);
    await store.outboxPut({ id: 'o2', ts: 2, body: 'y' });
    await store.outboxPut({ id: 'o1', ts: 1, body: 'x' });
    expect((await store.outboxList({ limit: 1 })).map((o) => o.id)).toEqual(['o1']);
    expect(await store.outboxDelete(['o1', 'o1', 'missing'])).toBe(1);
    expect((await store.outboxList()).map((o) => o.id)).toEqual(['o2']);
    await store.setMeta('holdout', { arm: 'control', at: T0 });
    expect(await store.getMeta('holdout')).toEqual({ arm: 'control', at: T0 });
    expect(await store.getMeta('absent')).toBeUndefined();
    await expect(store.setMeta('visitor', {})).rejects.toThrow(/'key' passed to 'setMeta' must not be 'visitor'/);
    await expect(store.putDecision({ id: '', ts: 1 })).rejects.toThrow(/'decision' passed to 'putDecision'/);
    await expect(store.allEvents({ limit: 0 })).rejects.toThrow(/'limit' passed to 'allEvents' must be a positive integer/);
  });

  it('estimates the stored bytes exactly for small stores', async () => {
    const store = await backend.open();
    await store.appendEvents([pageView(1, T0), purchase(2, T0 + 1, 12.5, 'ordér-ü-🙂')]);
    const expected = (await store.allEvents()).reduce((sum, e) => sum + new TextEncoder().encode(JSON.stringify(e)).length, 0);
    expect(await store.estimateBytes()).toBe(expected);
    expect(jsonBytes((await store.allEvents())[1])).toBeGreaterThan(100);
  });

  it('estimates the bytes of a large store within a few percent', async () => {
    const store = await backend.open();
    const events = Array.from({ length: 1200 }, (_, i) => ({ ...pageView(i, T0 + i * 1000), path: `/p/${'x'.repeat(i % 7)}` }));
    await store.appendEvents(events);
    const exact = (await store.allEvents()).reduce((sum, e) => sum + jsonBytes(e), 0);
    const estimate = await store.estimateBytes();
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.05);
  });

  it('clears everything but stays usable; deleteDatabase closes it', async () => {
    const store = await backend.open();
    await store.appendEvents([pageView(1, T0)]);
    await store.setMeta('k', 1);
    await store.clearAll();
    expect([await store.countEvents(), (await store.sessions()).length, await store.getMeta('k')]).toEqual([0, 0, undefined]);
    expect((await store.visitorState(T0)).visitCount).toBe(0);
    expect(await store.appendEvents([pageView(1, T0)])).toMatchObject({ written: 1 });
    await store.deleteDatabase();
    await expect(store.countEvents()).rejects.toThrow(/'countEvents' called on a closed store/);
    expect((await store.appendEvents([pageView(2, T0)])).error?.message).toMatch(/closed store/);
  });
});
