import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FeatureContext, FeatureEvent, RawFeatureRecord } from '../../../src/core/sessionFeatures';
import { computeFeatures, createAccumulator, summariseHistory } from '../../../src/core/sessionFeatures';
import { MIN, T0, pageView, purchase } from './lib/eventBuilders';
import { eventStream } from './lib/arbitraryEvents';

/** Every feature equal: strings and nulls exactly, numbers within 1e-9. */
function expectSameRecord(actual: RawFeatureRecord, expected: RawFeatureRecord, where: string): void {
  expect(Object.keys(actual).sort(), where).toEqual(Object.keys(expected).sort());
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (typeof want === 'number' && typeof got === 'number') expect(Math.abs(got - want), `${where}: ${name} ${got} vs ${want}`).toBeLessThanOrEqual(1e-9);
    else expect(got, `${where}: ${name}`).toBe(want);
  }
}

const contextArb = fc.record({
  past: eventStream(25, T0 - 40 * 24 * 60 * MIN),
  visitor: fc.option(fc.record({ priorSessions: fc.integer({ min: 0, max: 3 }), persistent: fc.boolean() }), { nil: undefined }),
  offset: fc.constantFrom(-300, 0, 480),
  // A served page-value table over some of the stream's paths, or none (history rule and missingness flag).
  pageValues: fc.option(fc.dictionary(fc.constantFrom('/p/a', '/p/b', '/c/shoes', '/cart', '/'), fc.double({ min: 0, max: 300, noNaN: true })), { nil: undefined }),
});
const toContext = (c: { past: FeatureEvent[]; visitor: FeatureContext['visitor']; offset: number; pageValues: Record<string, number> | undefined }): FeatureContext => ({
  now: T0, history: summariseHistory(c.past), utcOffsetMinutes: c.offset, ...(c.visitor ? { visitor: c.visitor } : {}),
  ...(c.pageValues ? { pageValues: { version: 1, source: 'orders', asOf: '2024-03-01', values: c.pageValues } } : {}),
});

describe('FeatureAccumulator', () => {
  it('equals a full recompute after every event of random streams (property)', () => {
    fc.assert(fc.property(eventStream(60), contextArb, (events, c) => {
      const context = toContext(c);
      const acc = createAccumulator(context);
      expectSameRecord(acc.raw(), computeFeatures([], context), 'empty');
      events.forEach((event, i) => {
        acc.add(event);
        expectSameRecord(acc.raw(), computeFeatures(events.slice(0, i + 1), context), `prefix ${i + 1}`);
      });
    }), { numRuns: 250 });
  });

  it('continues identically after a JSON snapshot is restored into a fresh accumulator (property)', () => {
    fc.assert(fc.property(eventStream(50), contextArb, fc.nat(), (events, c, cutSeed) => {
      const context = toContext(c);
      const cut = events.length === 0 ? 0 : cutSeed % events.length;
      const original = createAccumulator(context);
      events.slice(0, cut).forEach((e) => original.add(e));
      const resumed = createAccumulator(context);
      resumed.restore(JSON.parse(JSON.stringify(original.snapshot())));
      for (const e of events.slice(cut)) {
        original.add(e);
        resumed.add(e);
        expectSameRecord(resumed.raw(), original.raw(), 'after restore');
      }
    }), { numRuns: 150 });
  });

  it('starting from summariseHistory(past) equals recomputing past and present together', () => {
    const past = [pageView(T0, 'product', '/p/a'), purchase(T0 + MIN, 120), pageView(T0 + 3 * MIN, 'cart', '/cart')];
    const present = [pageView(T0 + 5 * 24 * 60 * MIN, 'product', '/p/a'), pageView(T0 + 5 * 24 * 60 * MIN + MIN, 'home', '/')];
    const acc = createAccumulator({ now: T0, utcOffsetMinutes: 0, history: summariseHistory(past) });
    present.forEach((e) => acc.add(e));
    const full = computeFeatures([...past, ...present], { now: T0, utcOffsetMinutes: 0 });
    expectSameRecord(acc.raw(), full, 'summary start');
    expect(full.PageValues).toBe(120); // /p/a preceded 120 of revenue in its only past session
  });

  it('moves recency with raw(now) but never before the latest event', () => {
    const acc = createAccumulator({ now: T0, utcOffsetMinutes: 0 });
    acc.add(purchase(T0, 10));
    acc.add(pageView(T0 + 24 * 60 * MIN, 'home', '/')); // a new session a day later
    expect(acc.raw().recency_days).toBe(1);
    expect(acc.raw(T0 + 3 * 24 * 60 * MIN).recency_days).toBe(3);
    expect(acc.raw(T0).recency_days).toBe(1);
    expect(() => acc.raw(Number.NaN)).toThrow(/'now' passed to 'raw'/);
  });

  it('rejects malformed events and snapshots, naming the argument', () => {
    const acc = createAccumulator({ now: T0 });
    expect(() => acc.add({ name: 'page_view' } as never)).toThrow(/'event' passed to 'add'/);
    // Version 1 snapshots predate the category counters: refused, with the way out in the message.
    expect(() => acc.restore({ version: 1 } as never)).toThrow(/'snapshot' passed to 'restore' must be an AccumulatorSnapshot of version 2, got 1 .*rebuild/);
    expect(() => createAccumulator({ now: T0, utcOffsetMinutes: 5000 })).toThrow(/'context.utcOffsetMinutes' passed to 'createAccumulator'/);
  });
});
