/**
 * The worker's feature path in Node (fake IndexedDB): a recorded shopper log ingested in batches gives the same
 * record incrementally, by full recompute, and by `computeFeatures` over the validated log with the inputs the
 * view reports — the Node half of the Chromium parity test (test/e2e/features.e2e.ts).
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { DEFAULT_TRIGGERS } from '../../../src/core/config';
import { createWorkerApi } from '../../../src/worker/api';
import { openStore } from '../../../src/worker/store/openStore';
import type { FeatureView, WireEvent } from '../../../src/worker/protocol';
import { shopperLog } from '../sessionFeatures/lib/shopperLog';
import { featureDelta } from '../sessionFeatures/lib/featureDelta';
import { nodeFeatureRecord } from '../sessionFeatures/lib/nodeFeatureRecord';
import { FEATURES_SNAPSHOT_KEY } from '../../../src/worker/features/snapshotKey';

const config = { site: 's', endpoint: null, consent: 'granted' as const, locale: 'en' as const, debug: false, personaliseUnderGpc: true, triggers: { ...DEFAULT_TRIGGERS }, theme: {} };
const all = { store: true, personalise: true, sync: true };
const END = Date.UTC(2026, 10, 20, 15, 30);

/** What `featureDelta` gives for two records that agree up to summation order (floating-point noise only). */
const SAME_RECORD = { worst: expect.closeTo(0, 9), mismatched: [] };

/** The Node path's record of `log` (see nodeFeatureRecord). */
const nodeFeatures = (log: readonly WireEvent[], inputs: FeatureView['inputs']) => nodeFeatureRecord(log, inputs).raw;

async function worker(now: () => number) {
  const api = createWorkerApi({ open: () => openStore({ indexedDB: new IDBFactory() }), now });
  await api.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
  return api;
}

describe('worker features', () => {
  it('the shopper log exercises history and cleaning (else parity would prove little)', () => {
    const log = shopperLog({ end: END });
    const names = log.map((e) => e.name);
    expect(new Set(log.map((e) => e.id)).size).toBeLessThan(log.length); // a re-sent id
    for (const name of ['purchase', 'add_to_cart', 'offer_shown', 'offer_redeemed', 'search', 'dwell', 'product_view']) expect(names).toContain(name);
    const raw = nodeFeatures(log, { now: END, priorSessions: 0, persistent: true, pageValues: null });
    expect(raw).toMatchObject({ VisitorType: 'Returning_Visitor', frequency: expect.any(Number) });
    expect(raw.frequency).toBeGreaterThanOrEqual(1);
    expect(raw.cart_abandons).toBeGreaterThanOrEqual(1);
    expect(raw.offer_response).not.toBeNull();
    expect(raw.ProductRelated).toBeGreaterThan(0);
  });

  it('incremental, full recompute and Node computeFeatures agree after each batch', async () => {
    const log = shopperLog({ end: END, seed: 11, sessions: 6 });
    let clock = END - 21 * 86_400_000;
    const api = await worker(() => clock);
    // The running features exist before the log arrives, so every later batch is folded, not rescanned.
    expect((await api.features()).raw.VisitorType).toBe('New_Visitor');
    for (let i = 0; i < log.length; i += 17) {
      const batch = log.slice(i, i + 17);
      clock = Math.max(clock, batch[batch.length - 1]!.ts + 1000);
      await api.ingest(batch);
      const incremental = await api.features();
      const full = await api.features({ full: true });
      expect(incremental.mode).toBe('incremental');
      expect(full.mode).toBe('full');
      expect(featureDelta(incremental.raw, full.raw)).toEqual(SAME_RECORD);
      expect(incremental.inputs).toEqual(full.inputs);
      expect(incremental.timing.lastFoldMs).toEqual(expect.any(Number));
      expect(featureDelta(full.raw, nodeFeatures(log.slice(0, i + 17), full.inputs))).toEqual({ worst: 0, mismatched: [] });
    }
    const stored = (await (await api.store()).allEvents()).length;
    expect(stored).toBeLessThan(log.length); // the re-sent ids were not stored twice
  });

  it('a worker restarted over an existing store rebuilds the same record', async () => {
    const log = shopperLog({ end: END, seed: 3 });
    const factory = new IDBFactory();
    const first = createWorkerApi({ open: () => openStore({ indexedDB: factory }), now: () => END + 60_000 });
    await first.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
    await first.ingest(log);
    const before = await first.features();
    (await first.store()).close?.();
    const second = createWorkerApi({ open: () => openStore({ indexedDB: factory }), now: () => END + 60_000 });
    await second.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
    const after = await second.features();
    expect(featureDelta(after.raw, before.raw)).toEqual({ worst: 0, mismatched: [] });
    expect(after.inputs).toEqual(before.inputs);
    expect(featureDelta(after.raw, nodeFeatures(log, after.inputs))).toEqual(SAME_RECORD);
  });

  it('events arriving out of store order (a buffered page replayed late) rebuild once, then fold again', async () => {
    const log = shopperLog({ end: END, seed: 5 });
    const api = await worker(() => END + 60_000);
    const cut = Math.floor(log.length * 0.8);
    await api.ingest(log.slice(cut));
    expect((await api.features()).timing.rebuilt).toBe(true);
    await api.ingest(log.slice(0, cut)); // older than everything folded so far
    const late = await api.features();
    expect(late.timing.rebuilt).toBe(true);
    expect(featureDelta(late.raw, (await api.features({ full: true })).raw)).toEqual(SAME_RECORD);
    const next = { id: 'after', name: 'page_view', ts: END + 1000, page_type: 'product', path: '/products/tea-1', props: { page_type: 'product', path: '/products/tea-1' } } as WireEvent;
    await api.ingest([next]);
    const folded = await api.features();
    expect(folded.timing.rebuilt).toBe(false);
    expect(folded.raw.ProductRelated).toBe((late.raw.ProductRelated as number) + 1);
  });

  it("catches up with another tab's writes without rescanning, and rebuilds when they are older", async () => {
    const factory = new IDBFactory();
    const tab = async () => {
      const api = createWorkerApi({ open: () => openStore({ indexedDB: factory }), now: () => END + 60_000 });
      await api.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
      return api;
    };
    const log = shopperLog({ end: END, seed: 9 });
    const [a, b] = [await tab(), await tab()];
    const third = Math.floor(log.length / 3);
    await a.ingest(log.slice(third, 2 * third));
    await a.features();
    await b.ingest(log.slice(2 * third)); // newer: tab a folds just these
    const caughtUp = await a.features();
    expect(caughtUp.timing.rebuilt).toBe(false);
    expect(featureDelta(caughtUp.raw, (await a.features({ full: true })).raw)).toEqual(SAME_RECORD);
    await b.ingest(log.slice(0, third)); // older: only a rebuild gives the store's order
    const rebuilt = await a.features();
    expect(rebuilt.timing.rebuilt).toBe(true);
    expect(featureDelta(rebuilt.raw, nodeFeatures(log, rebuilt.inputs))).toEqual(SAME_RECORD);
  });

  it('concurrent reads while events arrive fold each event once', async () => {
    const log = shopperLog({ end: END, seed: 13 });
    const api = await worker(() => END + 60_000);
    await api.ingest(log.slice(0, 10));
    await api.features();
    const pending: Promise<unknown>[] = [];
    for (let i = 10; i < log.length; i += 5) pending.push(api.features(), api.ingest(log.slice(i, i + 5)), api.features());
    await Promise.all(pending);
    const last = await api.features();
    expect(featureDelta(last.raw, (await api.features({ full: true })).raw)).toEqual(SAME_RECORD);
  });

  it("notices another tab's sweep that deleted as many events as it added (equal count, different newest event)", async () => {
    const factory = new IDBFactory();
    const open = () => openStore({ indexedDB: factory });
    const log = shopperLog({ end: END, seed: 17 });
    const a = createWorkerApi({ open, now: () => END + 60_000 });
    await a.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
    const cut = log.length - 6;
    await a.ingest(log.slice(0, cut));
    const before = await a.features();
    const other = await open();
    const total = await other.countEvents();
    await other.appendEvents(log.slice(cut).map((e) => ({ ...e })));
    const added = (await other.countEvents()) - total;
    expect(added).toBeGreaterThan(0);
    expect((await other.applyRetention({ now: END + 60_000, maxEvents: total })).deletedByCap).toBe(added);
    const after = await a.features();
    expect(after.timing.rebuilt).toBe(true);
    expect(featureDelta(after.raw, (await a.features({ full: true })).raw)).toEqual(SAME_RECORD);
    expect(after.raw).not.toEqual(before.raw);
  });

  describe('saved between pages', () => {
    const settle = () => new Promise((r) => setTimeout(r, 30)); // the snapshot write (delay 0) lands
    const page = async (factory: IDBFactory, now = END + 60_000, debug = false) => {
      const api = createWorkerApi({ open: () => openStore({ indexedDB: factory }), now: () => now, snapshotDelayMs: 0 });
      await api.init({ config: { ...config, debug }, consent: all, sdkBase: 'http://x/sdk/' });
      return api;
    };
    const full = async (api: Awaited<ReturnType<typeof page>>) => (await api.features({ full: true })).raw;

    it('a new page restores the saved features and folds only what arrived since', async () => {
      const factory = new IDBFactory();
      const log = shopperLog({ end: END, seed: 23 });
      const cut = log.length - 12;
      const first = await page(factory);
      await first.ingest(log.slice(0, cut));
      expect((await first.features()).timing.lastBuild?.from).toBe('events');
      await settle();
      const second = await page(factory);
      await second.ingest(log.slice(cut)); // arrives before the page's first feature read
      const view = await second.features();
      expect(view.timing.lastBuild?.from).toBe('snapshot');
      expect(featureDelta(view.raw, await full(second))).toEqual(SAME_RECORD);
      expect(featureDelta(view.raw, nodeFeatures(log, view.inputs))).toEqual(SAME_RECORD);
      expect(view.bot).toBe((await second.features({ full: true })).bot);
    });

    it('a snapshot the store contradicts (events deleted since) gives way to the events, and is rewritten', async () => {
      const factory = new IDBFactory();
      const log = shopperLog({ end: END, seed: 29 });
      const first = await page(factory);
      await first.ingest(log);
      await first.features();
      await settle();
      const other = await openStore({ indexedDB: factory });
      const count = await other.countEvents();
      await other.applyRetention({ now: END + 60_000, maxEvents: count - 7 });
      const second = await page(factory);
      const view = await second.features();
      expect(view.timing.lastBuild?.from).toBe('events');
      expect(featureDelta(view.raw, await full(second))).toEqual(SAME_RECORD);
      await settle();
      expect(await other.getMeta<{ folded: number }>(FEATURES_SNAPSHOT_KEY)).toMatchObject({ folded: count - 7 });
    });

    it('ignores a snapshot of another feature spec or a malformed one', async () => {
      const factory = new IDBFactory();
      const first = await page(factory);
      await first.ingest(shopperLog({ end: END, seed: 31 }));
      await first.features();
      await settle();
      const store = await openStore({ indexedDB: factory });
      const saved = await store.getMeta<Record<string, unknown>>(FEATURES_SNAPSHOT_KEY);
      for (const bad of [{ ...saved, spec: '0.0.1' }, { ...saved, accumulator: { version: 2, history: 'x' } }, { ...saved, folded: -1 }, 'x']) {
        await store.setMeta(FEATURES_SNAPSHOT_KEY, bad);
        const next = await page(factory);
        const view = await next.features();
        expect(view.timing.lastBuild?.from).toBe('events');
        expect(featureDelta(view.raw, await full(next))).toEqual(SAME_RECORD);
        await settle(); // this page saves a good snapshot: let it land before the next bad one is planted
      }
    });

    it('the retention sweep discards the snapshot with the events it deletes', async () => {
      const factory = new IDBFactory();
      const api = await page(factory, END + 60_000, true);
      await api.ingest(shopperLog({ end: END, seed: 37 }));
      await api.features();
      await settle();
      const store = await openStore({ indexedDB: factory });
      expect(await store.getMeta(FEATURES_SNAPSHOT_KEY)).toMatchObject({ version: 1 });
      await api.debugAdvanceClock(25 * 86_400_000); // the log's first visits are now over 30 days old
      await api.ingest([{ id: 'late', name: 'page_view', ts: END + 25 * 86_400_000, page_type: 'home', path: '/', props: { page_type: 'home', path: '/' } } as WireEvent]);
      await settle();
      expect(await store.getMeta(FEATURES_SNAPSHOT_KEY)).toBeNull();
    });
  });

  it('prices PageValues with the page-value table the server last served, and reports it in the inputs', async () => {
    const log = shopperLog({ end: END, seed: 3 });
    const api = await worker(() => END + 60_000);
    await api.ingest(log);
    const without = await api.features();
    expect(without.inputs.pageValues).toBeNull();
    // The table of every product path the current visit viewed, each worth 10: the session's value is then 10.
    const paths = [...new Set(log.filter((e) => e.name === 'page_view' && (e as { page_type?: string }).page_type === 'product').map((e) => String((e as { path?: string }).path).split('?')[0]!))];
    const table = { version: 1 as const, source: 'orders' as const, asOf: '2026-11-20', values: Object.fromEntries(paths.map((p) => [p, 10])) };
    await (await api.store()).setMeta('policy-config', { snapshot: { version: '3', pageValues: table }, fetchedAt: END });
    const priced = await api.features();
    expect(priced.inputs.pageValues).toEqual(table);
    expect(priced.raw).toMatchObject({ PageValues_missing: 0 });
    expect(priced.raw.PageValues).toBeGreaterThan(0);
    expect(featureDelta(priced.raw, nodeFeatures(log, priced.inputs))).toEqual(SAME_RECORD);
    expect(featureDelta((await api.features({ full: true })).raw, priced.raw)).toEqual(SAME_RECORD);
    // A served table the device cannot parse is no table: the record falls back to local history.
    await (await api.store()).setMeta('policy-config', { snapshot: { version: '4', pageValues: { version: 99 } }, fetchedAt: END + 1 });
    const invalid = await api.features();
    expect(invalid.inputs.pageValues).toBeNull();
    expect(invalid.raw.PageValues_missing).toBe(without.raw.PageValues_missing);
  });
});
