/**
 * The one dataLayer observer: the page's push runs first and its result is returned; one wrapper for any number of
 * listeners; a throwing listener never reaches the page; a read-only push is polled instead of breaking.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeDataLayer, POLL_MS } from '../../../src/sdk/lib/observeDataLayer';

type DL = unknown[] & { push: (...items: unknown[]) => number };

beforeEach(() => {
  vi.useFakeTimers();
  // Node has no window events; the observer only registers a page-hide read.
  vi.stubGlobal('addEventListener', () => {});
  vi.stubGlobal('removeEventListener', () => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('observeDataLayer', () => {
  it('wraps push once for every listener, returns the page\'s result, and restores push after the last listener', () => {
    const dl = [] as unknown as DL;
    const original = dl.push;
    const a: unknown[] = [];
    const b: unknown[] = [];
    const first = observeDataLayer(dl, (e) => a.push(e));
    const second = observeDataLayer(dl, (e) => {
      b.push(e);
      throw new Error('listener bug');
    });
    expect(first.mode).toBe('wrapped');
    expect(dl.push({ event: 'x' }, { event: 'y' })).toBe(2);
    expect(a).toEqual([{ event: 'x' }, { event: 'y' }]);
    expect(b).toEqual(a);
    first.stop();
    expect(dl.push).not.toBe(original);
    second.stop();
    expect(dl.push).toBe(original);
  });

  it('polls a dataLayer whose push is read-only, missing nothing pushed', () => {
    const dl = [] as unknown as DL;
    Object.defineProperty(dl, 'push', { value: Array.prototype.push, writable: false });
    const seen: unknown[] = [];
    const observed = observeDataLayer(dl, (e) => seen.push(e));
    expect(observed.mode).toBe('polled');
    dl.push({ event: 'purchase' });
    dl.push({ event: 'add_to_cart' }, { event: 'view_cart' });
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(POLL_MS);
    expect(seen).toEqual([{ event: 'purchase' }, { event: 'add_to_cart' }, { event: 'view_cart' }]);
    observed.stop();
    dl.push({ event: 'late' });
    vi.advanceTimersByTime(POLL_MS * 4);
    expect(seen).toHaveLength(3);
  });
});
