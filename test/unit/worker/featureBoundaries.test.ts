/**
 * Issue 21 regression: the worker's feature path across calendar boundaries in several time zones.
 *
 * For each zone and each local boundary (midnight, Friday → Saturday, Sunday → Monday, the end of November, the
 * end of the year, and the zone's own daylight-saving changes) a shopper's visit is under way when the boundary
 * passes: the log is ingested with the worker's clock just before it, then the visit goes on past it one event
 * at a time, then a new visit starts after it. Every event after the log must be folded (never a rebuild), the
 * incremental record must equal a full recompute and Node's `computeFeatures`, and the calendar features must
 * name the local date of the visit's start, computed here with Intl, independently of the code under test.
 *
 * The clock is pinned (`now` of the worker), so nothing here depends on the day the suite runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { DEFAULT_TRIGGERS } from '../../../src/core/config';
import { MONTH_LEVELS } from '../../../src/core/features/spec';
import { createWorkerApi } from '../../../src/worker/api';
import { openStore } from '../../../src/worker/store/openStore';
import type { WireEvent } from '../../../src/worker/protocol';
import { shopperLog } from '../sessionFeatures/lib/shopperLog';
import { featureDelta } from '../sessionFeatures/lib/featureDelta';
import { nodeFeatureRecord } from '../sessionFeatures/lib/nodeFeatureRecord';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const config = { site: 's', endpoint: null, consent: 'granted' as const, locale: 'en' as const, debug: false, personaliseUnderGpc: true, triggers: { ...DEFAULT_TRIGGERS }, theme: {} };
const all = { store: true, personalise: true, sync: true };
const SAME_RECORD = { worst: expect.closeTo(0, 9), mismatched: [] };

/** The local civil date and weekday of `ts` in `zone`, as Intl gives them. */
function localDate(ts: number, zone: string): { year: number; month: number; day: number; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' }).formatToParts(ts);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), weekday: get('weekday') };
}

/** Minutes east of UTC in `zone` at `ts` (Intl's own offset, not the runtime's). */
function offsetMinutes(ts: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(ts);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Math.round((Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - Math.floor(ts / MIN) * MIN) / MIN);
}

/** The instant of local midnight starting `year-month-day` in `zone`. */
function localMidnight(zone: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  let t = wall - offsetMinutes(wall, zone) * MIN;
  t = wall - offsetMinutes(t, zone) * MIN; // once more: the offset at the instant itself
  expect(localDate(t, zone)).toMatchObject({ year, month, day });
  expect(localDate(t - 1, zone).day).not.toBe(day);
  return t;
}

/** The zone's offset changes between `from` and `to` (found by scanning days, then bisecting to the minute). */
function offsetChanges(zone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  for (let t = from; t < to; t += DAY) {
    if (offsetMinutes(t, zone) === offsetMinutes(t + DAY, zone)) continue;
    let [lo, hi] = [t, t + DAY];
    while (hi - lo > MIN) {
      const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
      if (offsetMinutes(mid, zone) === offsetMinutes(lo, zone)) lo = mid;
      else hi = mid;
    }
    changes.push(hi);
  }
  return changes;
}

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'] as const;

/** Every boundary the suite crosses in `zone`: named, with its instant. */
function boundaries(zone: string): { name: string; at: number; changesDate: boolean }[] {
  const midnight = (name: string, year: number, month: number, day: number) => ({ name, at: localMidnight(zone, year, month, day), changesDate: true });
  const list = [
    midnight('midnight, Wednesday → Thursday', 2026, 12, 3),
    midnight('week: Friday → Saturday (the weekend starts)', 2026, 12, 5),
    midnight('week: Sunday → Monday (the weekend ends)', 2026, 12, 7),
    midnight('month: November → December', 2026, 12, 1),
    midnight('year: 2026 → 2027', 2027, 1, 1),
  ];
  const dst = offsetChanges(zone, Date.UTC(2026, 6, 1), Date.UTC(2027, 6, 1));
  for (const at of dst) list.push({ name: `daylight saving ${offsetMinutes(at - MIN, zone)} → ${offsetMinutes(at, zone)} min`, at, changesDate: false });
  return list;
}

const originalZone = process.env.TZ;
afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

/** The first event of the log's last visit (GA4's 30-minute rule), read from the log itself. */
function visitStart(log: readonly WireEvent[]): number {
  let i = log.length - 1;
  while (i > 0 && log[i]!.ts - log[i - 1]!.ts < 30 * MIN) i--;
  return log[i]!.ts;
}

const productEvent = (id: string, ts: number, n: number): WireEvent[] => {
  const path = `/products/tea-${n}`;
  return [
    { id: `${id}-view`, name: 'page_view', ts, page_type: 'product', path, props: { page_type: 'product', path } },
    { id: `${id}-product`, name: 'product_view', ts: ts + 20, page_type: 'product', path, props: { product_id: `tea-${n}`, name: `tea-${n}`, price: 20 + n, category: 'Tea' } },
  ] as WireEvent[];
};

describe('the feature path across calendar boundaries', () => {
  it('finds the daylight-saving changes it must cross (two a year where the zone has them)', () => {
    const count = (zone: string) => offsetChanges(zone, Date.UTC(2026, 6, 1), Date.UTC(2027, 6, 1)).length;
    expect([count('America/New_York'), count('Europe/London'), count('Australia/Sydney'), count('Asia/Shanghai'), count('Asia/Kolkata')]).toEqual([2, 2, 2, 0, 0]);
  });

  for (const zone of ZONES) {
    describe(zone, () => {
      for (const { name, at, changesDate } of boundaries(zone)) {
        it(`${name}: folded without a rebuild, equal to a full recompute and to Node, on the local calendar`, async () => {
          process.env.TZ = zone; // Node resets its time zone when TZ is assigned; the worker reads local time
          // (Compared by offset, not by name: ICU may report an alias such as Asia/Calcutta.)
          for (const t of [at - MIN, at + MIN]) expect(-new Date(t).getTimezoneOffset() || 0).toBe(offsetMinutes(t, zone)); // `|| 0`: -0 is 0
          let clock = at - MIN;
          const api = createWorkerApi({ open: () => openStore({ indexedDB: new IDBFactory() }), now: () => clock });
          await api.init({ config, consent: all, sdkBase: 'http://x/sdk/' });
          await api.features(); // the running features exist before anything arrives

          const log = shopperLog({ end: at - 2 * MIN, seed: 41, sessions: 3 });
          for (let i = 0; i < log.length; i += 25) await api.ingest(log.slice(i, i + 25));
          const start = visitStart(log);
          expect(start).toBeLessThan(at);

          // The visit goes on past the boundary (gaps under 30 minutes), then a new one starts after it.
          const onward = [...productEvent('cross-a', at + 30_000, 1), ...productEvent('cross-b', at + 4 * MIN, 2)];
          const next = productEvent('next', at + 45 * MIN, 3);
          const sent: WireEvent[] = [...log];
          for (const e of [...onward, ...next]) {
            clock = e.ts + 500;
            await api.ingest([e]);
            sent.push(e);
            const view = await api.features();
            expect(view.timing.rebuilt).toBe(false);
            const full = await api.features({ full: true });
            expect(featureDelta(view.raw, full.raw)).toEqual(SAME_RECORD);
            expect(featureDelta(view.raw, nodeFeatureRecord(sent, view.inputs).raw)).toEqual(SAME_RECORD);

            // The calendar features belong to the start of the visit the event is in, on the local calendar.
            const visit = next.includes(e) ? next[0]!.ts : start;
            const date = localDate(visit, zone);
            expect(view.raw.Month).toBe(MONTH_LEVELS[date.month - 1]);
            expect(view.raw.Weekend).toBe(date.weekday === 'Sat' || date.weekday === 'Sun' ? 1 : 0);
          }
          // The new visit is one more session, on the date after the boundary.
          const after = await api.features();
          expect(after.raw.ProductRelated).toBe(1);
          // A date boundary really lies between the two visits (a daylight-saving change need not).
          if (changesDate) expect(localDate(next[0]!.ts, zone)).not.toEqual(localDate(start, zone));
        });
      }
    });
  }
});
