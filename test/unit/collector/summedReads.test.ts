/**
 * Estimates summed in SQL (issue 16): reads return one row per cell of what they keep, however many days or policy
 * versions the range holds, with exactly the counts the unsummed rows add up to; the dashboard lists every version
 * but renders views for the newest MAX_VERSION_VIEWS only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Db } from '../../../src/server/db';
import { mountCollector, type SqliteReportStore } from '../../../src/server/collector';
import { ALL_VERSIONS } from '../../../src/server/collector/reportStore';
import { mountDashboard, MAX_VERSION_VIEWS } from '../../../src/server/dashboard';
import type { CountRow } from '../../../src/core/privacy';
import { NOW, TODAY, longHistory } from './lib/harness';
import { asReader, testGuard } from '../lib/merchants';

let db: Db;
afterEach(() => db?.close());

const VERSIONS = 40;
const DAYS = 5;

/** Reports of both arms over DAYS days and VERSIONS versions. */
function filled(): SqliteReportStore {
  const history = longHistory(VERSIONS, DAYS, 3);
  db = history.db;
  return history.store;
}

/** Sums rows by `key` (the cell plus what the read keeps). */
const sums = (rows: readonly CountRow[], key: (r: CountRow) => string) => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(`${key(r)}|${r.arm}|${r.schema}|${r.epsilon}|${r.field}|${r.value}`, (out.get(`${key(r)}|${r.arm}|${r.schema}|${r.epsilon}|${r.field}|${r.value}`) ?? 0) + r.count);
  return out;
};

describe('summed report reads', () => {
  const range = { site: 'demo', fromDay: TODAY - DAYS + 1, toDay: TODAY };

  it('sums over the days: one row per (version, cell), the same totals as the raw rows', () => {
    const store = filled();
    const raw = store.aggregate(range);
    const summed = store.aggregate({ ...range, sumOver: 'days' });
    expect(summed.length).toBeLessThan(raw.length / 2);
    expect(new Set(summed.map((r) => r.day))).toEqual(new Set([range.fromDay]));
    expect(sums(summed, (r) => r.policyVersion)).toEqual(sums(raw, (r) => r.policyVersion));
    expect(new Set(summed.map((r) => `${r.policyVersion}|${r.arm}|${r.field}|${r.value}`)).size).toBe(summed.length);
  });

  it('sums over the versions: one row per (day, cell), for one version when the filter names it', () => {
    const store = filled();
    const raw = store.aggregate(range);
    const summed = store.aggregate({ ...range, sumOver: 'versions' });
    expect(new Set(summed.map((r) => r.policyVersion))).toEqual(new Set([ALL_VERSIONS]));
    expect(sums(summed, (r) => String(r.day))).toEqual(sums(raw, (r) => String(r.day)));
    const one = store.aggregate({ ...range, sumOver: 'versions', policyVersion: '7' });
    expect(new Set(one.map((r) => r.policyVersion))).toEqual(new Set(['7']));
    expect(sums(one, (r) => String(r.day))).toEqual(sums(raw.filter((r) => r.policyVersion === '7'), (r) => String(r.day)));
  });

  it('the dashboard lists every version, renders the newest rows only and says how many it left out', async () => {
    filled();
    const shared = { db, now: () => NOW, rateLimit: { limit: 100_000, windowMs: 60_000 }, merchants: testGuard({ now: () => NOW }) };
    const app = new Hono();
    mountCollector(app, shared);
    mountDashboard(app, shared);
    const res = await app.request(`/dashboard?site=demo&from=${range.fromDay}&to=${range.toDay}`, asReader);
    expect(res.status).toBe(200);
    const page = await res.text();
    const section = page.slice(page.indexOf('id="versions"'));
    const rows = [...section.slice(0, section.indexOf('</table>')).matchAll(/<tr><th scope="row">(\d+)<\/th>/g)].map((m) => Number(m[1]));
    expect(rows).toEqual(Array.from({ length: MAX_VERSION_VIEWS }, (_, i) => VERSIONS - MAX_VERSION_VIEWS + 1 + i));
    expect(section).toContain(`The ${VERSIONS - MAX_VERSION_VIEWS} older versions in this range are not listed`);
    // Every version can still be picked in the filter.
    expect([...page.matchAll(/<option value="(\d+)"/g)]).toHaveLength(VERSIONS);
  });
});
