import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openStore } from '../../../src/worker/store/openStore';
import { SAME_TRIGGER_MS, decideOffer, markDismissed, type OfferDeps } from '../../../src/worker/offers/decideOffer';
import { HOLDOUT_KEY } from '../../../src/worker/offers/shopperState';
import { OUTBOUND_LOG_KEY, type OutboundEntry } from '../../../src/worker/sync/send';
import { parsePolicyConfig, type TierScore } from '../../../src/core/policy';

const NOW = Date.UTC(2026, 10, 28, 12);
// P(buy) rises with the tier so that 10 % maximises margin (see test/unit/policy).
const SCORES: TierScore[] = [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p }));

function bookFetch(calls: string[]): typeof fetch {
  return (async (url: string | URL, init?: RequestInit) => {
    calls.push(`${init?.method} ${String(url)} ${init?.body}`);
    const expiresAt = NOW + 7 * 86_400_000;
    return new Response(JSON.stringify({ codes: [5, 10, 15, 20].map((tier) => ({ tier, code: `CODE-${tier}`, expiresAt })), expiresAt }), { status: 200 });
  }) as typeof fetch;
}

async function deps(overrides: Partial<OfferDeps> = {}, calls: string[] = []): Promise<OfferDeps> {
  const store = await openStore({ indexedDB: new IDBFactory(), clock: () => NOW });
  await store.setMeta(HOLDOUT_KEY, { holdout: false, rate: 0.1, assignedAt: NOW });
  return {
    store,
    config: parsePolicyConfig({ explorationRate: 0 }),
    site: 'demo',
    endpoint: 'http://collector.test',
    features: async () => ({ raw: { PageValues: 0 }, bot: false }),
    score: async () => SCORES,
    rng: () => 0.5,
    now: () => NOW,
    fetch: bookFetch(calls),
    ...overrides,
  };
}

const request = { trigger: 'exit_intent' as const, pageType: 'product', productPrice: 100 };

describe('decideOffer', () => {
  it('shows the margin-maximising tier with its code from the book, and stores the decision with its reason', async () => {
    const calls: string[] = [];
    const d = await deps({}, calls);
    const { offer, decision } = await decideOffer(d, request, 'dec-1');
    expect(offer).toMatchObject({ decisionId: 'dec-1', tier: 10, code: 'CODE-10' });
    expect(offer!.expiresAt).toBeLessThanOrEqual(NOW + d.config.offerTtlMs);
    expect(decision!.propensity).toBe(1);
    const stored = await d.store.decisions();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: 'dec-1', tier: 10, shown: true, trigger: 'exit_intent', kind: 'greedy' });
    expect(String(stored[0]!.reason)).toContain('10 % off');
    // The book asks for every tier: the server cannot tell which one is shown.
    expect(calls).toEqual(['POST http://collector.test/v1/coupons/book {"site":"demo","tiers":[5,10,15,20]}']);
    const log = (await d.store.getMeta<OutboundEntry[]>(OUTBOUND_LOG_KEY))!;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: 'POST', path: '/v1/coupons/book', status: 200 });
  });

  it('re-shows the live offer instead of deciding again (one offer on screen, across tabs)', async () => {
    const d = await deps();
    const first = await decideOffer(d, request, 'dec-1');
    const second = await decideOffer(d, { ...request, trigger: 'idle_cart' }, 'dec-2');
    expect(second.offer?.decisionId).toBe(first.offer?.decisionId);
    expect(await d.store.decisions()).toHaveLength(1);
  });

  it('respects the cool-down after a dismiss and records holdout decisions without an offer', async () => {
    const d = await deps();
    await decideOffer(d, request, 'dec-1');
    await markDismissed(d.store, 'dec-1', 0);
    await d.store.appendEvents([{ id: 'e1', name: 'offer_dismissed', ts: NOW, props: { tier: 10, offer_id: 'dec-1' } }]);
    // Past the same-trigger window (an answer that recent is reused), still inside the cool-down.
    const after = await decideOffer({ ...d, now: () => NOW + SAME_TRIGGER_MS + 1000 }, request, 'dec-2');
    expect(after.offer).toBeNull();
    expect(after.decision).toMatchObject({ kind: 'guardrail', tier: 0 });

    const h = await deps();
    await h.store.setMeta(HOLDOUT_KEY, { holdout: true, rate: 0.1, assignedAt: NOW });
    let scored = false;
    const held = await decideOffer({ ...h, score: async () => ((scored = true), SCORES) }, request, 'dec-h');
    expect(held.offer).toBeNull();
    expect(held.decision).toMatchObject({ kind: 'holdout', tier: 0, propensity: 1 });
    expect(scored).toBe(false);
  });

  it('gives no offer without a model, and no code without a collector', async () => {
    const noModel = await deps({ score: async () => null });
    expect((await decideOffer(noModel, request, 'a')).decision!.kind).toBe('no-model');
    const offline = await deps({ endpoint: null });
    const r = await decideOffer(offline, request, 'b');
    expect(r.offer).toBeNull();
    expect(r.decision!.tier).toBe(10);
    expect(r.decision!.shown).toBe(false);
    expect(String(r.decision!.reason)).toContain('no coupon code');
  });

  it('draws the sticky holdout once', async () => {
    const d = await deps();
    await d.store.setMeta(HOLDOUT_KEY, undefined);
    const fresh = await openStore({ indexedDB: new IDBFactory(), clock: () => NOW });
    const draws = [0.05];
    await decideOffer({ ...d, store: fresh, rng: () => draws.shift() ?? 0.99 }, request, 'x');
    expect(await fresh.getMeta(HOLDOUT_KEY)).toMatchObject({ holdout: true, rate: 0.1 });
    // A second decision reads the stored assignment, whatever the generator says now.
    await decideOffer({ ...d, store: fresh, rng: () => 0.99 }, request, 'y');
    expect(await fresh.getMeta(HOLDOUT_KEY)).toMatchObject({ holdout: true });
  });

  describe('the cart', () => {
    const cartEvents = (store: OfferDeps['store'], events: { name: string; props: Record<string, unknown> }[]) =>
      store.appendEvents(events.map((e, i) => ({ id: `c${i}`, ts: NOW - 60_000 + i, ...e }) as never));

    it('prices the offer on the cart plus the viewed product when it is not in the cart yet', async () => {
      const d = await deps();
      await cartEvents(d.store, [{ name: 'add_to_cart', props: { items: [{ id: 'tea', price: 12, quantity: 2 }] } }]);
      const other = await decideOffer(d, { ...request, productId: 'mug', productPrice: 30 }, 'dec-1');
      expect(other.decision).toMatchObject({ orderValue: 54, cartValue: 24 });
      const e = await deps();
      await cartEvents(e.store, [{ name: 'add_to_cart', props: { items: [{ id: 'tea', price: 12, quantity: 2 }] } }]);
      const same = await decideOffer(e, { ...request, productId: 'tea', productPrice: 12 }, 'dec-2');
      expect(same.decision).toMatchObject({ orderValue: 24 });
      const onCart = await decideOffer(await deps(), { trigger: 'exit_intent', pageType: 'cart', productPrice: null }, 'dec-3');
      // No cart, no product: the policy's default order value.
      expect(onCart.decision!.orderValue).toBe(parsePolicyConfig({}).defaultOrderValue);
    });

    it('idle_cart: nothing with an empty cart, one decision per cart state', async () => {
      const d = await deps();
      const idle = { trigger: 'idle_cart' as const, pageType: 'category', productPrice: null };
      expect(await decideOffer(d, idle, 'i1')).toEqual({ offer: null, decision: null });
      await cartEvents(d.store, [{ name: 'add_to_cart', props: { items: [{ id: 'tea', price: 12, quantity: 1 }] } }]);
      const first = await decideOffer(d, idle, 'i2');
      expect(first.offer).toMatchObject({ tier: 10 });
      await markDismissed(d.store, 'i2', 0);
      await d.store.appendEvents([{ id: 'x1', name: 'offer_dismissed', ts: NOW, props: { tier: 10, offer_id: 'i2' } }]);
      // Same cart, a later idle minute (cool-down aside): not asked again.
      const later = { ...d, config: parsePolicyConfig({ explorationRate: 0, cooldownMs: 0 }), now: () => NOW + 120_000 };
      expect(await decideOffer(later, idle, 'i3')).toEqual({ offer: null, decision: null });
      // The cart changed: a new state, a new decision.
      await d.store.appendEvents([{ id: 'c9', name: 'add_to_cart', ts: NOW + 100_000, props: { items: [{ id: 'mug', price: 30, quantity: 1 }] } }]);
      const changed = await decideOffer(later, idle, 'i4');
      expect(changed.decision).toMatchObject({ trigger: 'idle_cart', cartValue: 42 });
      // A purchase empties the cart: idle again means nothing (the offer of i4 dismissed, so none is live).
      await markDismissed(d.store, 'i4', 0);
      await d.store.appendEvents([{ id: 'p1', name: 'purchase', ts: NOW + 110_000, props: { items: [], value: 42 } }]);
      expect(await decideOffer({ ...later, now: () => NOW + 200_000 }, idle, 'i5')).toEqual({ offer: null, decision: null });
    });
  });
});
