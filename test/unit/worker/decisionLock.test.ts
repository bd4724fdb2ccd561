/**
 * One shopper, one decision: two tabs (two workers over one IndexedDB) asked to decide at the same moment make
 * one decision under the cross-tab lock, and the second tab shows the first one's offer.
 */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { DEFAULT_TRIGGERS } from '../../../src/core/config';
import { createWorkerApi } from '../../../src/worker/api';
import { openStore } from '../../../src/worker/store/openStore';
import type { LockManagerLike } from '../../../src/worker/store/lib/withStoreLock';
import { HOLDOUT_KEY } from '../../../src/worker/offers/shopperState';

const NOW = Date.UTC(2026, 10, 20, 15, 30);
const config = { site: 's', endpoint: 'http://c.test', consent: 'granted' as const, locale: 'en' as const, debug: false, personaliseUnderGpc: true, triggers: { ...DEFAULT_TRIGGERS }, theme: {} };
const all = { store: true, personalise: true, sync: true };

/** A Web Locks stand-in shared by the "tabs": one holder per name at a time, in request order. */
function sharedLocks(): LockManagerLike & { taken: string[] } {
  const tails = new Map<string, Promise<unknown>>();
  const taken: string[] = [];
  return {
    taken,
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const run = (tails.get(name) ?? Promise.resolve()).then(() => {
        taken.push(name);
        return callback();
      });
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}

const bookFetch = (async () => {
  const expiresAt = NOW + 7 * 86_400_000;
  return new Response(JSON.stringify({ codes: [5, 10, 15, 20].map((tier) => ({ tier, code: `CODE-${tier}`, expiresAt })), expiresAt }), { status: 200 });
}) as unknown as typeof fetch;

describe('the decision lock', () => {
  it('makes one decision for one trigger in two tabs, and both tabs show that offer', async () => {
    const factory = new IDBFactory();
    const locks = sharedLocks();
    const tab = async () => {
      const api = createWorkerApi({
        open: () => openStore({ indexedDB: factory, clock: () => NOW }),
        now: () => NOW,
        locks,
        fetch: bookFetch,
        score: async (_raw, tiers) => tiers.map((tier) => ({ tier, p: [0.2, 0.25, 0.3, 0.33, 0.36][tier / 5] ?? 0.2 })),
      });
      await api.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
      return api;
    };
    const [a, b] = [await tab(), await tab()];
    await (await a.store()).setMeta(HOLDOUT_KEY, { holdout: false, rate: 0.1, assignedAt: NOW });
    const request = { trigger: 'exit_intent' as const, pageType: 'product', productPrice: 100 };
    const [offerA, offerB] = await Promise.all([a.decide(request), b.decide(request)]);
    expect(offerA).not.toBeNull();
    expect(offerB?.decisionId).toBe(offerA!.decisionId);
    expect(await (await a.store()).decisions()).toHaveLength(1);
    expect(locks.taken.filter((n) => n === 'tailor-decision')).toHaveLength(2);
  });

  it('makes one decision even when it was "no offer" (no coupon book: nothing shown), and decides again later', async () => {
    const factory = new IDBFactory();
    const locks = sharedLocks();
    let clock = NOW;
    const tab = async () => {
      const api = createWorkerApi({
        open: () => openStore({ indexedDB: factory, clock: () => clock }),
        now: () => clock,
        locks,
        fetch: (async () => new Response('{}', { status: 503 })) as unknown as typeof fetch,
        score: async (_raw, tiers) => tiers.map((tier) => ({ tier, p: [0.2, 0.25, 0.3, 0.33, 0.36][tier / 5] ?? 0.2 })),
      });
      await api.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
      return api;
    };
    const tabs = [await tab(), await tab(), await tab()];
    await (await tabs[0]!.store()).setMeta(HOLDOUT_KEY, { holdout: false, rate: 0.1, assignedAt: NOW });
    const request = { trigger: 'exit_intent' as const, pageType: 'product', productPrice: 100 };
    const offers = await Promise.all(tabs.map((t) => t.decide(request)));
    expect(offers).toEqual([null, null, null]);
    expect(await (await tabs[0]!.store()).decisions()).toHaveLength(1);
    // The same trigger a few seconds later is a new question.
    clock += 5000;
    await tabs[1]!.decide(request);
    expect(await (await tabs[0]!.store()).decisions()).toHaveLength(2);
  });
});
