import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EARLY_CALLS_KEY, EARLY_ENTRIES_KEY, EARLY_MAX_AGE_MS, clearEarly, dropEarly, saveEarly, takeEarly } from '../../../src/sdk/lib/earlyBuffer';

/** A Map-backed localStorage and a window with a dataLayer, as the loader sees them. */
function installPage(dataLayer: unknown[]): Map<string, string> {
  const data = new Map<string, string>();
  (globalThis as any).localStorage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
  };
  (globalThis as any).window = { dataLayer };
  return data;
}
function args(..._a: unknown[]) {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

const T0 = Date.UTC(2026, 11, 3, 12);
const purchase = { event: 'purchase', ecommerce: { transaction_id: 'T1', value: 24, items: [{ item_id: 'a', price: 12, quantity: 2 }] }, user_email: 'ada@example.com' };

describe('the early buffer', () => {
  let data: Map<string, string>;
  beforeEach(() => {
    data = installPage([{ event: 'gtm.js' }, { ecommerce: null }, purchase, args('event', 'add_to_cart', { items: [{ item_id: 'b' }] }), args('config', 'G-1')]);
  });
  afterEach(() => {
    delete (globalThis as any).localStorage;
    delete (globalThis as any).window;
  });

  it("keeps only the ecommerce entries' event and payload, and the track and cart calls", () => {
    saveEarly('p1', [['track', 'signup', {}], ['consent', true], ['cart', { items: [] }]], T0);
    expect(takeEarly(EARLY_ENTRIES_KEY, T0 + 1000)).toEqual([{ event: 'purchase', ecommerce: purchase.ecommerce }, ['event', 'add_to_cart', { items: [{ item_id: 'b' }] }]]);
    expect(takeEarly(EARLY_CALLS_KEY, T0 + 1000)).toEqual([['track', 'signup', {}], ['cart', { items: [] }]]);
    // Read once: taken means gone.
    expect(takeEarly(EARLY_ENTRIES_KEY, T0 + 2000)).toEqual([]);
    expect(data.size).toBe(0);
  });

  it('merges pages, replaces a page saving twice, drops a page whose runtime arrived, and expires', () => {
    saveEarly('p1', [], T0);
    saveEarly('p1', [], T0 + 10);
    (globalThis as any).window.dataLayer = [{ event: 'view_cart', ecommerce: { items: [] } }];
    saveEarly('p2', [], T0 + 20);
    expect(JSON.parse(data.get(EARLY_ENTRIES_KEY)!).map((b: { page: string }) => b.page)).toEqual(['p1', 'p2']);
    dropEarly('p2');
    expect(takeEarly<{ event: string }>(EARLY_ENTRIES_KEY, T0 + 30).map((e) => (Array.isArray(e) ? e[1] : e.event))).toEqual(['purchase', 'add_to_cart']);
    saveEarly('p3', [], T0);
    expect(takeEarly(EARLY_ENTRIES_KEY, T0 + EARLY_MAX_AGE_MS + 1)).toEqual([]);
  });

  it('skips values another script left malformed, keeping the good batches beside them', () => {
    saveEarly('p1', [], T0);
    const good = JSON.parse(data.get(EARLY_ENTRIES_KEY)!);
    data.set(EARLY_ENTRIES_KEY, JSON.stringify([null, 7, { page: 'x', at: T0 }, ...good]));
    expect(takeEarly<{ event: string }>(EARLY_ENTRIES_KEY, T0 + 1000).map((e) => (Array.isArray(e) ? e[1] : e.event))).toEqual(['purchase', 'add_to_cart']);
    data.set(EARLY_ENTRIES_KEY, '{not json');
    expect(takeEarly(EARLY_ENTRIES_KEY, T0 + 1000)).toEqual([]);
  });

  it('saves nothing for a shopper who opted out, skips what cannot be serialised, and is cleared with consent', () => {
    const cyclic: Record<string, unknown> = { event: 'purchase' };
    cyclic.ecommerce = { self: cyclic };
    (globalThis as any).window.dataLayer = [cyclic, purchase];
    saveEarly('p1', [], T0);
    expect(takeEarly(EARLY_ENTRIES_KEY, T0)).toHaveLength(1);
    saveEarly('p1', [['track', 'x', {}]], T0);
    clearEarly();
    expect(data.size).toBe(0);
    data.set('tailor:optout:v1', '1');
    saveEarly('p1', [['track', 'x', {}]], T0);
    expect([...data.keys()]).toEqual(['tailor:optout:v1']);
  });

  it('never throws when storage does', () => {
    (globalThis as any).localStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(() => saveEarly('p', [['track', 'x', {}]], T0)).not.toThrow();
    expect(takeEarly(EARLY_CALLS_KEY, T0)).toEqual([]);
    expect(() => dropEarly('p')).not.toThrow();
    expect(() => clearEarly()).not.toThrow();
  });
});
