import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { toWireError, type WireEvent } from '../../../src/worker/protocol';
import { DEFAULT_TRIGGERS } from '../../../src/core/config';
import { createWorkerApi } from '../../../src/worker/api';
import { openStore } from '../../../src/worker/store/openStore';

const config = { site: 's', endpoint: null, consent: 'granted' as const, locale: 'en' as const, debug: false, personaliseUnderGpc: true, triggers: { ...DEFAULT_TRIGGERS }, theme: {} };
const all = { store: true, personalise: true, sync: true };
const none = { store: false, personalise: false, sync: false };
const event = (id: string, ts: number): WireEvent => ({ id, name: 'page_view', ts, props: { page_type: 'home', path: '/' } });

describe('toWireError', () => {
  it('keeps only name and message', () => {
    const e = new RangeError('out of range');
    expect(toWireError(e)).toEqual({ name: 'RangeError', message: 'out of range' });
    expect(Object.keys(toWireError(e))).toEqual(['name', 'message']);
    expect(toWireError({ name: 'X', message: 'y', stack: 'secret' })).toEqual({ name: 'X', message: 'y' });
    expect(toWireError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});

describe('worker api', () => {
  const api = () => createWorkerApi({ open: () => openStore({ indexedDB: new IDBFactory() }) });

  it('stores valid events idempotently and reports them in health', async () => {
    const worker = api();
    expect((await worker.health()).initialised).toBe(false);
    await worker.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
    const now = Date.now();
    expect(await worker.ingest([event('a', now), event('b', now + 1)])).toEqual({ written: 2, duplicates: 0, rejected: 0, held: 'indexeddb' });
    expect(await worker.ingest([event('b', now + 1)])).toEqual({ written: 0, duplicates: 1, rejected: 0, held: 'indexeddb' });
    const health = await worker.health();
    expect(health).toMatchObject({ ok: true, initialised: true, eventsReceived: 3, consent: all, store: { kind: 'indexeddb' } });
    expect(await (await worker.store()).countEvents()).toBe(2);
  });

  it('re-validates in the worker: forged events are rejected, not stored', async () => {
    const worker = api();
    await worker.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
    const forged = [{ id: 'x', name: 'page_view', ts: Date.now(), props: { page_type: 'nope' } }, { name: 'search', ts: 1, props: { query: 'q' } }];
    const result = await worker.ingest(forged as unknown as WireEvent[]);
    expect(result.written).toBe(0);
    expect(result.rejected).toBe(2);
  });

  it('stores nothing and opens no database without consent', async () => {
    let opened = false;
    const worker = createWorkerApi({ open: () => ((opened = true), openStore({ indexedDB: new IDBFactory() })) });
    await worker.init({ config: { ...config, consent: 'required' }, consent: none, sdkBase: 'http://x/sdk/' });
    expect(await worker.ingest([event('a', Date.now())])).toEqual({ written: 0, duplicates: 0, rejected: 1, held: 'none' });
    expect(opened).toBe(false);
    expect((await worker.health()).store.kind).toBe('none');
  });

  it('names the argument and the function on bad input', async () => {
    const worker = api();
    await expect(worker.ingest('x' as never)).rejects.toThrow("'events' passed to 'ingest' must be an array");
    await expect(worker.init(null as never)).rejects.toThrow("'init' passed to 'init'");
    await expect(worker.setConsent('yes' as never)).rejects.toThrow("'consent' passed to 'setConsent'");
  });
});
