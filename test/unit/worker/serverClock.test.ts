/**
 * The device-clock check (lib/serverClock.ts): a device whose own clock is wrong is corrected by the collector's
 * `Date` header beyond a 5-minute tolerance, the correction is kept for the next page's worker, and events from a
 * page on that wrong clock are stored at the server-checked time.
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { DEFAULT_TRIGGERS } from '../../../src/core/config';
import { createWorkerApi } from '../../../src/worker/api';
import { openStore } from '../../../src/worker/store/openStore';
import { createServerClock, DEVICE_SKEW_TOLERANCE_MS, measuredOffset } from '../../../src/worker/lib/serverClock';
import type { WireEvent } from '../../../src/worker/protocol';

const SERVER = Date.UTC(2026, 11, 4, 12, 0, 0);
const HOUR = 3_600_000;
const httpDate = (ms: number) => new Date(ms).toUTCString();

describe('measuredOffset', () => {
  it('is the server time (mid-second) minus the request midpoint, or null without a readable Date', () => {
    expect(measuredOffset(httpDate(SERVER), SERVER - 24 * HOUR - 100, SERVER - 24 * HOUR + 100)).toBe(24 * HOUR + 500);
    expect(measuredOffset(null, 0, 0)).toBeNull();
    expect(measuredOffset('yesterday-ish', 0, 0)).toBeNull();
  });
});

describe('createServerClock', () => {
  it('corrects only beyond the tolerance, converges on the corrected clock, and resets when the device is fixed', () => {
    const clock = createServerClock();
    // 2 minutes off: noise of a slow round trip or an unsynced clock, left alone.
    expect(clock.observe(httpDate(SERVER), SERVER - 2 * 60_000, SERVER - 2 * 60_000)).toBeNull();
    expect(clock.offsetMs()).toBe(0);
    // 48 h behind: corrected.
    const device = SERVER - 48 * HOUR;
    expect(clock.observe(httpDate(SERVER), device, device)).toBe(48 * HOUR + 500);
    // The next answer, read on the corrected clock, agrees: nothing changes.
    const corrected = device + 10_000 + clock.offsetMs();
    expect(clock.observe(httpDate(SERVER + 10_000), corrected, corrected)).toBeNull();
    expect(clock.offsetMs()).toBe(48 * HOUR + 500);
    // The shopper fixes the device clock: the corrected clock now runs 48 h ahead of the server, and the correction goes.
    const fixed = SERVER + 20_000 + clock.offsetMs();
    expect(clock.observe(httpDate(SERVER + 20_000), fixed, fixed)).toBe(0);
    expect(clock.offsetMs()).toBe(0);
  });

  it('restores a saved correction, ignoring one within tolerance or unreadable', () => {
    const clock = createServerClock();
    clock.restore({ offsetMs: DEVICE_SKEW_TOLERANCE_MS / 2, measuredAt: 0 });
    expect(clock.offsetMs()).toBe(0);
    clock.restore('junk');
    expect(clock.offsetMs()).toBe(0);
    clock.restore({ offsetMs: -24 * HOUR, measuredAt: 0 });
    expect(clock.offsetMs()).toBe(-24 * HOUR);
  });
});

describe('a worker on a device whose clock is 24 h behind', () => {
  const config = { site: 's', endpoint: 'http://collector.test', consent: 'granted' as const, locale: 'en' as const, debug: false, personaliseUnderGpc: true, triggers: { ...DEFAULT_TRIGGERS }, theme: {} };
  const device = SERVER - 24 * HOUR;
  const pageView = (id: string, ts: number) => ({ id, name: 'page_view', ts, props: { page_type: 'home', path: '/' } }) as unknown as WireEvent;
  const fetchAtServerTime = (async () => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json', Date: httpDate(SERVER) } })) as typeof fetch;

  it('stores events at the server-checked time after one collector answer, and the next worker starts corrected', async () => {
    const idb = new IDBFactory();
    const open = () => openStore({ indexedDB: idb, clock: () => device });
    const api = createWorkerApi({ open, now: () => device, fetch: fetchAtServerTime });
    await api.init({ config, consent: { store: true, personalise: true, sync: true }, sdkBase: 'http://x/sdk/' });
    await api.sync({ forceConfig: true });
    // The page reads the same wrong clock as the worker's device clock.
    await api.ingest([pageView('a', device - 1000)], device);
    const stored = await (await api.store()).allEvents();
    expect(stored).toHaveLength(1);
    expect(Math.abs(stored[0]!.ts - (SERVER - 1000))).toBeLessThan(2000);

    // The next page's worker, before any collector answer: the saved correction applies.
    const next = createWorkerApi({ open, now: () => device + 60_000 });
    await next.init({ config: { ...config, endpoint: null }, consent: { store: true, personalise: true, sync: false }, sdkBase: 'http://x/sdk/' });
    await new Promise((r) => setTimeout(r, 50)); // the restore reads the store
    await next.ingest([pageView('b', device + 59_000)], device + 60_000);
    const b = (await (await next.store()).allEvents()).find((e) => e.id === 'b');
    expect(Math.abs(b!.ts - (SERVER + 59_000))).toBeLessThan(2000);
  });
});
