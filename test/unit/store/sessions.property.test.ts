/**
 * Sessions do not depend on how events arrive: whatever the batching, the batch order and the writer (two tabs
 * at once for IndexedDB), the stored sessions are the runs of events less than 30 minutes apart, and each row
 * counts exactly its events.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { BACKENDS, installIdbClasses, MINUTE, pageView, purchase, T0 } from './lib/harness';
import { SESSION_IDLE_MS } from '../../../src/worker/store/lib/sessionRule';
import type { StoredEventInput } from '../../../src/worker/store/schema';

beforeAll(installIdbClasses);
afterAll(() => vi.unstubAllGlobals());

/** Reference partition: sort by ts and cut where the gap reaches 30 minutes. Returns sets of ids. */
function referenceSessions(events: readonly StoredEventInput[]): string[][] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  const runs: string[][] = [];
  sorted.forEach((event, i) => {
    const previous = sorted[i - 1];
    if (!previous || event.ts - previous.ts >= SESSION_IDLE_MS) runs.push([]);
    runs[runs.length - 1]!.push(event.id);
  });
  return runs.map((run) => run.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

// Gaps in seconds, biased around the 30-minute boundary; every ts is distinct so the landing page is defined.
const gapSeconds = fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1700, max: 1900 }), fc.integer({ min: 3600, max: 90_000 }));
const scenario = fc
  .record({
    gaps: fc.array(gapSeconds, { minLength: 1, maxLength: 30 }),
    batchOf: fc.array(fc.nat(5), { minLength: 30, maxLength: 30 }),
    order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
    repeats: fc.array(fc.nat(29), { maxLength: 5 }),
  })
  .map(({ gaps, batchOf, order, repeats }) => {
    let ts = T0;
    const events = gaps.map((gap, i) => {
      ts += gap * 1000;
      return i % 7 === 3 ? purchase(i + 1, ts, 10 + i) : pageView(i + 1, ts, i % 2 ? 'product' : 'category');
    });
    const batches: StoredEventInput[][] = [[], [], [], [], [], []];
    events.forEach((event, i) => batches[batchOf[i]!]!.push(event));
    // Re-sending events (a retried flush) must change nothing.
    for (const r of repeats) if (events[r % events.length]) batches[(r + 1) % 6]!.push(events[r % events.length]!);
    const ranked = batches.map((batch, i) => ({ batch, rank: order[i]! })).sort((a, b) => a.rank - b.rank);
    return { events, batches: ranked.map(({ batch }) => batch).filter((batch) => batch.length > 0) };
  });

describe.each(BACKENDS)('sessions on $name', (backend) => {
  it('are the runs under 30 minutes, whatever the batching and arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, batches }) => {
        const [a, b] = await backend.openPair();
        // Even batches go to one writer, odd ones to the other, all in flight together.
        await Promise.all(batches.map((batch, i) => (i % 2 === 0 ? a : b).appendEvents(batch)));

        const stored = await a.allEvents();
        expect(stored.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
        const byId = new Map(events.map((e) => [e.id, e]));
        const groups = new Map<string, string[]>();
        for (const e of stored) groups.set(e.session_id, [...(groups.get(e.session_id) ?? []), e.id]);
        expect([...groups.values()].map((ids) => ids.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1))).toEqual(referenceSessions(events));

        const rows = await a.sessions();
        expect(rows.map((r) => r.id).sort()).toEqual([...groups.keys()].sort());
        for (const row of rows) {
          const own = (groups.get(row.id) ?? []).map((id) => byId.get(id)!).sort((x, y) => x.ts - y.ts);
          const purchases = own.filter((e) => e.name === 'purchase');
          expect(row).toEqual({
            id: row.id,
            start: own[0]!.ts,
            end: own[own.length - 1]!.ts,
            events: own.length,
            page_views: own.length - purchases.length,
            product_views: 0,
            add_to_cart: 0,
            purchases: purchases.length,
            revenue: purchases.reduce((sum, e) => sum + (e.name === 'purchase' ? e.props.value : 0), 0),
            landing_page_type: own[0]!.page_type,
          });
        }
        const last = events[events.length - 1]!.ts;
        const state = await b.visitorState(last);
        expect(state.visitCount).toBe(rows.length);
        expect(state.lastVisitEnd).toBe(rows.length > 1 ? rows[rows.length - 2]!.end : undefined);
        a.close();
        b.close();
      }),
      { numRuns: backend.name === 'indexeddb' ? 40 : 100 },
    );
  });
});

it('the reference itself cuts at exactly 30 minutes', () => {
  const events = [pageView(1, T0), pageView(2, T0 + 30 * MINUTE - 1), pageView(3, T0 + 60 * MINUTE - 1)];
  expect(referenceSessions(events)).toEqual([[events[0]!.id, events[1]!.id], [events[2]!.id]]);
});
