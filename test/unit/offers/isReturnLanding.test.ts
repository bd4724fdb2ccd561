/** The return-visit trigger applies on the first page of a returning visitor's visit, and nowhere else. */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/worker/store/memoryStore';
import { isReturnLanding } from '../../../src/worker/offers/isReturnLanding';
import type { StoredEventInput } from '../../../src/worker/store/schema';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 9);
const view = (id: string, ts: number): StoredEventInput => ({ id, name: 'page_view', ts, props: { page_type: 'home', path: '/' } }) as StoredEventInput;

describe('isReturnLanding', () => {
  it('is false for a first visit, on every page of it', async () => {
    const store = createMemoryStore({ reason: 'test' });
    expect(await isReturnLanding(store, T0)).toBe(false);
    await store.appendEvents([view('a', T0)]);
    expect(await isReturnLanding(store, T0 + 1000)).toBe(false);
  });

  it("is true on a returning visitor's landing page and false on the next page of that visit", async () => {
    const store = createMemoryStore({ reason: 'test' });
    await store.appendEvents([view('a', T0), view('b', T0 + MIN)]);
    const back = T0 + 2 * DAY;
    await store.appendEvents([view('c', back)]);
    expect(await isReturnLanding(store, back + 1000)).toBe(true);
    await store.appendEvents([view('d', back + MIN)]);
    expect(await isReturnLanding(store, back + MIN + 1000)).toBe(false);
  });

  it('is false outside any open session (the landing page view not stored yet counts as none)', async () => {
    const store = createMemoryStore({ reason: 'test' });
    await store.appendEvents([view('a', T0), view('b', T0 + 2 * DAY)]);
    expect(await isReturnLanding(store, T0 + 2 * DAY + 40 * MIN)).toBe(false);
  });
});
