/** The worker corrects a batch whose page clock disagrees with its own (api.ts, `ingest`'s `sentAt`). */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { DEFAULT_TRIGGERS } from '../../../src/core/config';
import { createWorkerApi } from '../../../src/worker/api';
import { CLOCK_SKEW_TOLERANCE_MS, clockShift } from '../../../src/worker/lib/clockShift';
import { openStore } from '../../../src/worker/store/openStore';
import type { WireEvent } from '../../../src/worker/protocol';

const NOW = Date.UTC(2026, 11, 3, 12);
const HOUR = 3_600_000;
const config = { site: 's', endpoint: null, consent: 'granted' as const, locale: 'en' as const, debug: false, personaliseUnderGpc: true, triggers: { ...DEFAULT_TRIGGERS }, theme: {} };
const pageView = (id: string, ts: number) => ({ id, name: 'page_view', ts, props: { page_type: 'home', path: '/' } }) as unknown as WireEvent;

describe('clockShift', () => {
  it('is 0 within the tolerance or without a send time, the difference beyond it', () => {
    expect(clockShift(NOW, NOW - CLOCK_SKEW_TOLERANCE_MS)).toBe(0);
    expect(clockShift(NOW, undefined)).toBe(0);
    expect(clockShift(NOW, Number.NaN)).toBe(0);
    expect(clockShift(NOW, NOW + 48 * HOUR)).toBe(-48 * HOUR);
    expect(clockShift(NOW, NOW - 24 * HOUR)).toBe(24 * HOUR);
  });
});

describe('ingest from a page with a skewed clock', () => {
  it('keeps every event, at the worker time, with its spacing', async () => {
    const api = createWorkerApi({ open: () => openStore({ indexedDB: new IDBFactory(), clock: () => NOW }), now: () => NOW });
    await api.init({ config, consent: { store: true, personalise: true, sync: false }, sdkBase: 'http://x/sdk/' });
    const page = NOW + 48 * HOUR;
    // Without the send time, events two days in the future are refused, as before.
    expect((await api.ingest([pageView('a', page - 5000)])).rejected).toBe(1);
    const result = await api.ingest([pageView('b', page - 5000), pageView('c', page - 1000)], page);
    expect(result).toMatchObject({ written: 2, rejected: 0 });
    const stored = await (await api.store()).allEvents();
    expect(stored.map((e) => [e.id, e.ts])).toEqual([['b', NOW - 5000], ['c', NOW - 1000]]);
  });
});
