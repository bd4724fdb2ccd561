/**
 * The warm-up watcher loads what a decision needs only once a decision is plausible: engagement on a product or
 * cart page, the product-dwell trigger within its lead, or a cart event; once, in idle time, and never on a
 * connection that asks to save data.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRIGGERS, type TriggerSettings } from '../../../src/core/config';
import { ENGAGED_MS, LEAD_MS, mayPrefetch, plausibleFromDwell, watchWarmUp, type ConnectionInfo, type WarmReason } from '../../../src/sdk/offers/warmUp';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function harness(opts: { pageType: string; triggers?: Partial<TriggerSettings>; connection?: ConnectionInfo }) {
  let dwell = 0;
  const listeners: ((name: string) => void)[] = [];
  const idled: (() => void)[] = [];
  const warmed: WarmReason[] = [];
  const stop = watchWarmUp({
    triggers: { ...DEFAULT_TRIGGERS, ...opts.triggers },
    sources: { pageType: () => opts.pageType, activeDwellMs: () => dwell, onEvent: (fn) => listeners.push(fn) },
    connection: () => opts.connection,
    idle: (fn) => idled.push(fn),
    warm: (reason) => warmed.push(reason),
  });
  return {
    stop,
    warmed,
    /** Advances active dwell and the clock together by `ms`. */
    dwellFor(ms: number) {
      for (let t = 0; t < ms; t += 1000) {
        dwell += 1000;
        vi.advanceTimersByTime(1000);
      }
    },
    emit: (name: string) => listeners.forEach((fn) => fn(name)),
    runIdle: () => idled.splice(0).forEach((fn) => fn()),
    idlePending: () => idled.length,
  };
}

describe('mayPrefetch', () => {
  it('fetches ahead unless the connection asks to save data or is 2G', () => {
    expect(mayPrefetch(undefined)).toBe(true);
    expect(mayPrefetch({ effectiveType: '4g' })).toBe(true);
    expect(mayPrefetch({ effectiveType: '3g', saveData: false })).toBe(true);
    expect(mayPrefetch({ effectiveType: '4g', saveData: true })).toBe(false);
    expect(mayPrefetch({ effectiveType: '2g' })).toBe(false);
    expect(mayPrefetch({ effectiveType: 'slow-2g' })).toBe(false);
  });
});

describe('plausibleFromDwell', () => {
  it('is never plausible off product and cart pages, however long the dwell', () => {
    for (const page of ['home', 'category', 'search', 'other', 'checkout']) expect(plausibleFromDwell(DEFAULT_TRIGGERS, page, 10 * 60_000)).toBeNull();
  });
  it('warms a product page within the lead of its dwell trigger, and on engagement before that', () => {
    const triggers = { ...DEFAULT_TRIGGERS, productDwellMs: 60_000 };
    expect(plausibleFromDwell(triggers, 'product', ENGAGED_MS - 1)).toBeNull();
    expect(plausibleFromDwell(triggers, 'product', ENGAGED_MS)).toBe('engaged');
    expect(plausibleFromDwell(triggers, 'product', 60_000 - LEAD_MS)).toBe('dwell-near');
    // A dwell trigger shorter than the lead is near from the first second.
    expect(plausibleFromDwell({ ...DEFAULT_TRIGGERS, productDwellMs: 5_000 }, 'product', 0)).toBe('dwell-near');
  });
  it('is not plausible by dwell when neither exit intent nor the dwell trigger is on', () => {
    const triggers = { ...DEFAULT_TRIGGERS, exitIntent: false, productDwellMs: 0 };
    expect(plausibleFromDwell(triggers, 'product', 10 * 60_000)).toBeNull();
    expect(plausibleFromDwell(triggers, 'cart', 10 * 60_000)).toBeNull();
    expect(plausibleFromDwell({ ...triggers, exitIntent: true }, 'cart', ENGAGED_MS)).toBe('engaged');
  });
});

describe('watchWarmUp', () => {
  it('loads nothing in the first seconds of a product page, then once, in idle time, after engagement', () => {
    const h = harness({ pageType: 'product' });
    h.dwellFor(ENGAGED_MS - 1000);
    expect(h.idlePending()).toBe(0);
    h.dwellFor(1000);
    expect(h.warmed).toEqual([]); // queued for idle time, not run in the timer's task
    h.runIdle();
    expect(h.warmed).toEqual(['engaged']);
    h.dwellFor(60_000);
    h.emit('add_to_cart');
    h.runIdle();
    expect(h.warmed).toEqual(['engaged']);
  });

  it('warms on a cart event on any page, at once', () => {
    const h = harness({ pageType: 'home' });
    h.dwellFor(5 * 60_000);
    h.emit('page_view');
    h.emit('product_view');
    expect(h.idlePending()).toBe(0);
    h.emit('add_to_cart');
    h.runIdle();
    expect(h.warmed).toEqual(['cart']);
  });

  it('never warms ahead on Save-Data or 2G: the decision loads what it needs when it is asked for', () => {
    for (const connection of [{ saveData: true }, { effectiveType: '2g' }]) {
      const h = harness({ pageType: 'product', connection });
      h.dwellFor(ENGAGED_MS + 5000);
      h.emit('begin_checkout');
      h.runIdle();
      expect(h.warmed).toEqual([]);
    }
  });

  it('stops watching when stopped', () => {
    const h = harness({ pageType: 'product' });
    h.stop();
    h.dwellFor(ENGAGED_MS * 2);
    h.emit('view_cart');
    h.runIdle();
    expect(h.warmed).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
