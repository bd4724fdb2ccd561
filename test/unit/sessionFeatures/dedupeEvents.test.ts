import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FeatureEvent } from '../../../src/core/sessionFeatures';
import { DUPLICATE_WINDOW_MS, ID_WINDOW_MS, dedupeEvents } from '../../../src/core/sessionFeatures';
import { MIN, T0, addToCart, pageView, purchase } from './lib/eventBuilders';

/** Quadratic reference: compare each event with every kept one. */
function reference(events: readonly FeatureEvent[]): FeatureEvent[] {
  const kept: { e: FeatureEvent; t: number }[] = [];
  let clock = -Infinity;
  for (const e of events) {
    const t = Math.max(clock, e.ts);
    const content = (x: FeatureEvent) => ({ name: x.name, page_type: x.page_type, path: x.path, props: x.props });
    const dup = kept.some((k) => (e.id !== undefined && k.e.id === e.id && t - k.t < ID_WINDOW_MS)
      || (isDeepStrictEqual(content(k.e), content(e)) && t - k.t <= DUPLICATE_WINDOW_MS));
    if (!dup) {
      kept.push({ e, t });
      clock = t;
    }
  }
  return kept.map((k) => k.e);
}

describe('dedupeEvents', () => {
  it('drops a repeated id within the session window and keeps it after', () => {
    const a = pageView(T0, 'home', '/', 'id-1');
    const retry = { ...a, ts: T0 + 5 * MIN };
    const later = { ...a, ts: T0 + 40 * MIN };
    expect(dedupeEvents([a, retry])).toEqual([a]);
    expect(dedupeEvents([a, later])).toEqual([a, later]);
  });

  it('drops identical events up to 1 s apart whatever their ids (double-fired tags)', () => {
    const a = { ...purchase(T0, 50, [{ id: 'x', quantity: 1 }]), id: 'a' };
    const at = (ms: number, id: string) => ({ ...a, ts: T0 + ms, id });
    expect(dedupeEvents([a, at(800, 'b')])).toEqual([a]);
    expect(dedupeEvents([a, at(1000, 'b')])).toEqual([a]);
    expect(dedupeEvents([a, at(1001, 'b')])).toHaveLength(2);
    // The window is measured from the kept event, so a third firing 1.2 s after the first is kept.
    expect(dedupeEvents([a, at(600, 'b'), at(1200, 'c')]).map((e) => e.id)).toEqual(['a', 'c']);
  });

  it('compares props by content, not key order, and keeps events that differ', () => {
    const a: FeatureEvent = { name: 'add_to_cart', ts: T0, props: { items: [{ id: 'x', quantity: 1 }], value: 5 } };
    const reordered: FeatureEvent = { name: 'add_to_cart', ts: T0 + 10, props: { value: 5, items: [{ quantity: 1, id: 'x' }] } };
    expect(dedupeEvents([a, reordered])).toEqual([a]);
    expect(dedupeEvents([addToCart(T0, 'x'), addToCart(T0 + 10, 'y')])).toHaveLength(2);
    expect(dedupeEvents([pageView(T0, 'product', '/p/1'), { ...pageView(T0 + 10, 'product', '/p/1'), path: '/other' }])).toHaveLength(2);
  });

  it('returns a new array and leaves its input alone', () => {
    const events = [addToCart(T0), addToCart(T0 + 1)];
    const copy = structuredClone(events);
    const kept = dedupeEvents(events);
    expect(kept).not.toBe(events);
    expect(events).toEqual(copy);
  });

  it('rejects what is not an event array, naming the argument', () => {
    expect(() => dedupeEvents('x' as never)).toThrow(/'events' passed to 'dedupeEvents'/);
    expect(() => dedupeEvents([{ name: 'dwell', ts: Number.NaN, props: {} }] as never)).toThrow(/'events\[0\]' passed to 'dedupeEvents'/);
  });

  it('agrees with a quadratic reference on random streams with repeats (property)', () => {
    const base = fc.record({
      kind: fc.constantFrom('cart', 'view'),
      item: fc.constantFrom('a', 'b'),
      id: fc.option(fc.constantFrom('i1', 'i2', 'i3'), { nil: undefined }),
      dt: fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: 0, max: 40 * MIN })),
    });
    fc.assert(fc.property(fc.array(base, { maxLength: 40 }), (specs) => {
      let ts = T0;
      const events = specs.map((s) => {
        ts += s.dt;
        const e = s.kind === 'cart' ? addToCart(ts, s.item) : pageView(ts, 'product', `/p/${s.item}`);
        return s.id === undefined ? e : { ...e, id: s.id };
      });
      expect(dedupeEvents(events)).toEqual(reference(events));
    }), { numRuns: 300 });
  });
});
