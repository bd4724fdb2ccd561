/**
 * The page's event outbox (src/sdk/lib/outbox.ts): the consent gate, one ingest per task, put-back on failure,
 * the page-hide buffer (pending, in flight, and acknowledged-in-memory events), no traffic into the back/forward
 * cache, pick-up on restore, and forgetting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Remote } from 'comlink';
import { createOutbox, PRE_CONSENT_MAX } from '../../../src/sdk/lib/outbox';
import { JOURNAL_MAX, savePending, takePending } from '../../../src/sdk/lib/pendingBuffer';
import { createLogger } from '../../../src/core/logger';
import type { IngestResult, TailorWorkerApi, WireEvent } from '../../../src/worker/protocol';

const log = createLogger('silent');
const event = (i: number): WireEvent => ({ id: `e${i}`, ts: 1_700_000_000_000 + i, name: 'scroll_depth', page_type: 'product', path: '/p', props: { percent: 50 } } as unknown as WireEvent);

/** A worker whose ingest answers as told; records every batch. */
function worker(answer: (batch: WireEvent[]) => Promise<IngestResult>) {
  const batches: string[][] = [];
  const api = { ingest: vi.fn((batch: WireEvent[]) => (batches.push(batch.map((e) => e.id)), answer(batch))) } as unknown as Remote<TailorWorkerApi>;
  return { api, batches };
}
const written = (held: IngestResult['held'] = 'indexeddb') => (batch: WireEvent[]) => Promise.resolve({ written: batch.length, duplicates: 0, rejected: 0, held });
const tick = () => new Promise((r) => setTimeout(r, 0));

let data: Map<string, string>;
beforeEach(() => {
  data = new Map();
  (globalThis as { localStorage?: Storage }).localStorage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
  } as unknown as Storage;
});
afterEach(() => {
  delete (globalThis as { localStorage?: Storage }).localStorage;
});

describe('the outbox', () => {
  it('holds events before consent (bounded), sends them after, one ingest per task', async () => {
    let granted = false;
    const box = createOutbox({ granted: () => granted, log });
    const w = worker(written());
    await box.attach(w.api);
    for (let i = 0; i < PRE_CONSENT_MAX + 5; i++) box.add(event(i));
    await tick();
    expect(w.batches).toEqual([]);
    granted = true;
    box.release();
    box.add(event(1000));
    box.add(event(1001));
    await tick();
    expect(w.batches).toHaveLength(1);
    expect(w.batches[0]).toHaveLength(PRE_CONSENT_MAX + 2);
    expect(w.batches[0]!.slice(-2)).toEqual(['e1000', 'e1001']);
  });

  it('puts a failed batch back in order and sends it with the next flush', async () => {
    let fail = true;
    const w = worker((batch) => (fail ? Promise.reject(new Error('quota')) : written()(batch)));
    const box = createOutbox({ granted: () => true, log });
    await box.attach(w.api);
    box.add(event(1));
    box.add(event(2));
    await tick();
    await tick();
    fail = false;
    box.add(event(3));
    await tick();
    expect(w.batches).toEqual([['e1', 'e2'], ['e1', 'e2', 'e3']]);
  });

  it('saves pending and in-flight events on hide, sends nothing going into the cache, and picks up on restore', async () => {
    const never = worker(() => new Promise<IngestResult>(() => {}));
    const box = createOutbox({ granted: () => true, log });
    box.add(event(1)); // before the worker: pending
    void box.attach(never.api); // e1 now in flight, never acknowledged
    box.add(event(2));
    expect(box.hide(true)).toBe(false);
    await tick();
    expect(never.batches).toEqual([['e1']]); // e2 was not sent into the cache
    expect(JSON.parse(data.get('tailor:pending:v1')!).map((e: WireEvent) => e.id)).toEqual(['e1', 'e2']);
    // Another page of the shop hid while this one was in the cache and left its event in the buffer.
    savePending([event(9)]);
    // Restored: what this page still holds plus the other page's event, once each; e1 stays in flight.
    box.restored();
    await tick();
    expect(never.batches).toEqual([['e1'], ['e9', 'e2']]);
  });

  it('carries what the worker holds in memory only to the next page, the newest JOURNAL_MAX', async () => {
    const w = worker(written('memory'));
    const box = createOutbox({ granted: () => true, log });
    await box.attach(w.api);
    for (let i = 0; i < JOURNAL_MAX + 20; i++) box.add(event(i));
    await tick();
    await tick();
    expect(box.carried()).toMatchObject({ heldInMemory: true, events: JOURNAL_MAX, max: JOURNAL_MAX, area: 'localStorage' });
    box.hide(false);
    const saved = takePending<WireEvent>();
    expect(saved).toHaveLength(JOURNAL_MAX);
    expect(saved[0]!.id).toBe('e20');
    // A new page with consent starts from the buffer.
    box.hide(false);
    const next = createOutbox({ granted: () => true, log });
    const w2 = worker(written());
    await next.attach(w2.api);
    expect(w2.batches[0]).toHaveLength(JOURNAL_MAX);
  });

  it('forget drops everything and the buffer; withdrawal drops what waits', async () => {
    const never = worker(() => new Promise<IngestResult>(() => {}));
    const box = createOutbox({ granted: () => true, log });
    box.add(event(1));
    box.hide(false);
    expect(data.has('tailor:pending:v1')).toBe(true);
    box.forget();
    expect(data.has('tailor:pending:v1')).toBe(false);
    await box.attach(never.api);
    expect(never.batches).toEqual([]);
    box.add(event(2));
    box.drop();
    await tick();
    expect(never.batches).toEqual([]);
  });
});
