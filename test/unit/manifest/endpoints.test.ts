/**
 * The manifest's network section against the code: every collector path in src/worker/sync is declared with
 * its method, every declared endpoint is used by the sync code and served by the server, and a full device
 * cycle (offer → coupon book, then a sync round → config + reports) sends exactly the declared bodies, query
 * parameters and transport options.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, TRANSPORT, findEndpoint, measurementFields, reportFields } from '../../../src/core/manifest';
import { createMemoryStore } from '../../../src/worker/store/memoryStore';
import { decideOffer } from '../../../src/worker/offers/decideOffer';
import { HOLDOUT_KEY } from '../../../src/worker/offers/shopperState';
import { syncCycle } from '../../../src/worker/sync/syncCycle';
import { effectivePolicy } from '../../../src/core/policy';
import { cachedPolicy } from '../../../src/worker/sync/policyConfig';
import { DEFAULT_CELL_SPEC, DEFAULT_CENTRAL_DP, cellCount, learnCellPolicy, servedCells, stopLossOf } from '../../../src/core/learning';
import { matchesIn, tsFiles } from './lib/source';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 12);
const COLLECTOR = 'http://collector.test';

describe('network section of the manifest', () => {
  it('declares every collector path the sync code contains, with the method it is sent with', () => {
    const sync = tsFiles('src/worker/sync');
    const literals = matchesIn(sync, /['`](\/v1\/[^'`?$]*)/g).map(({ match }) => match[1]!).filter((p) => p !== '/v1/');
    expect(literals.length).toBeGreaterThanOrEqual(ENDPOINTS.length);
    expect(literals.filter((p) => !ENDPOINTS.some((e) => e.path === p))).toEqual([]);
    const calls = matchesIn(sync, /\bsend\(\s*\w+\s*,\s*'(GET|POST)'\s*,\s*['`](\/v1\/[^'`?$]*)/g).map(({ match }) => `${match[1]} ${match[2]}`);
    expect(calls.filter((c) => !findEndpoint(c.split(' ')[0]!, c.split(' ')[1]!))).toEqual([]);
    // Nothing is declared that the device never sends.
    expect(ENDPOINTS.map((e) => `${e.method} ${e.path}`).filter((e) => !calls.includes(e))).toEqual([]);
  });

  it('declares only endpoints the server serves', () => {
    const routes = matchesIn(tsFiles('src/server'), /\bapp\.(get|post)\(\s*'(\/v1\/[^']+)'/g).map(({ match }) => `${match[1]!.toUpperCase()} ${match[2]}`);
    for (const e of ENDPOINTS) expect(routes, `${e.method} ${e.path}`).toContain(`${e.method} ${e.path}`);
  });

  it('matches every request of a full device cycle on either channel: method, path, query, body fields, transport', async () => {
    const local = await deviceCycle({ site: 'demo', version: '3' });
    const central = await deviceCycle(centralConfig());
    expect(local.sent.some((s) => s.url.pathname === '/v1/measurements')).toBe(false);
    expect(central.sent.some((s) => s.url.pathname === '/v1/reports')).toBe(false);
    const sent = [...local.sent, ...central.sent];
    expect(new Set(sent.map((s) => `${s.method} ${s.url.pathname}`))).toEqual(new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`)));
    for (const { method, url, init } of sent) {
      const spec = findEndpoint(method, url.pathname)!;
      expect(url.origin).toBe(COLLECTOR);
      expect([...url.searchParams.keys()].sort()).toEqual([...spec.query].sort());
      const body = init.body === undefined ? null : (JSON.parse(String(init.body)) as Record<string, unknown>);
      expect(body === null ? [] : Object.keys(body).sort()).toEqual([...spec.body].sort());
      if (url.pathname === '/v1/reports') {
        for (const report of (body!.reports as Record<string, unknown>[])) expect(Object.keys(report)).toEqual(reportFields().map((f) => f.field));
      }
      if (url.pathname === '/v1/measurements') {
        for (const m of (body!.measurements as Record<string, unknown>[])) expect(Object.keys(m)).toEqual(measurementFields().map((f) => f.field));
      }
      expect(init).toMatchObject({ credentials: TRANSPORT.credentials, referrerPolicy: TRANSPORT.referrerPolicy, cache: TRANSPORT.cache });
      const headers = (init.headers ?? {}) as Record<string, string>;
      expect(Object.keys(headers).filter((h) => h.toLowerCase() !== 'content-type')).toEqual([]);
      if (body !== null) expect(headers['Content-Type']).toBe(TRANSPORT.contentType);
    }
    // Every one of them is in the outbound log the audit panel shows, with its exact body.
    for (const run of [local, central]) {
      const log = (await run.store.getMeta<{ method: string; path: string; body: string | null }[]>('outbound-log'))!;
      expect(log.map((e) => `${e.method} ${e.path.split('?')[0]}`)).toEqual(run.sent.map((s) => `${s.method} ${s.url.pathname}`));
      expect(log.map((e) => e.body)).toEqual(run.sent.map((s) => (s.init.body === undefined ? null : s.init.body)));
    }
  });
});

type Sent = { method: string; url: URL; init: RequestInit };

/** A config of the central channel: the prior-only allocation of the default cells. */
function centralConfig(): Record<string, unknown> {
  const prior = Array.from({ length: cellCount(DEFAULT_CELL_SPEC) }, () => [0.1, 0.11, 0.12, 0.13, 0.14]);
  const policy = learnCellPolicy({ spec: DEFAULT_CELL_SPEC, batches: [], prior, grossMargin: 0.4 });
  return { site: 'demo', version: '3', channel: 'central', cells: servedCells(DEFAULT_CELL_SPEC, policy, DEFAULT_CENTRAL_DP, stopLossOf(DEFAULT_CELL_SPEC, [], 0.4)) };
}

/**
 * An offer, then sync rounds: a normal round pulls the config and queues the report; a page hide once its random
 * send time (≤ 6 h) has passed delivers it with keepalive. Before that time nothing is sent, page hide or not.
 */
async function deviceCycle(config: Record<string, unknown>): Promise<{ sent: Sent[]; store: ReturnType<typeof createMemoryStore> }> {
  const sent: Sent[] = [];
  const expiresAt = NOW + 7 * DAY;
  const fakeFetch = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    sent.push({ method: init.method ?? 'GET', url, init });
    if (url.pathname === '/v1/coupons/book') return new Response(JSON.stringify({ codes: [5, 10, 15, 20].map((tier) => ({ tier, code: `C${tier}`, expiresAt })), expiresAt }));
    if (url.pathname === '/v1/config') return new Response(JSON.stringify(config));
    return new Response(JSON.stringify({ accepted: 1, duplicates: 0 }));
  }) as typeof fetch;
  const store = createMemoryStore({ reason: 'test', clock: () => NOW });
  await store.setMeta(HOLDOUT_KEY, { holdout: false, rate: 0.1, assignedAt: NOW });
  const decisionTime = NOW - 2 * DAY;
  // The device decides with what the config serves (the cells' allocation on the central channel).
  await syncCycle({ store, endpoint: COLLECTOR, site: 'demo', rng: () => 0.5, now: () => decisionTime - 1000, fetch: fakeFetch });
  const { policy, cells } = effectivePolicy((await cachedPolicy(store))!);
  await decideOffer(
    {
      store, config: policy, cells, site: 'demo', endpoint: COLLECTOR,
      features: async () => ({ raw: { PageValues: 0 }, bot: false }),
      score: async () => [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p })),
      rng: () => 0.5, now: () => decisionTime, fetch: fakeFetch,
    },
    { trigger: 'exit_intent', pageType: 'product', productPrice: 100 },
    'dec-1',
  );
  await syncCycle({ store, endpoint: COLLECTOR, site: 'demo', rng: () => 0.5, now: () => NOW, fetch: fakeFetch, }, { forceConfig: true });
  await syncCycle({ store, endpoint: COLLECTOR, site: 'demo', rng: () => 0.5, now: () => NOW + 1, fetch: fakeFetch }, { keepalive: true });
  expect(sent.some((s) => s.url.pathname === '/v1/reports' || s.url.pathname === '/v1/measurements')).toBe(false);
  await syncCycle({ store, endpoint: COLLECTOR, site: 'demo', rng: () => 0.5, now: () => NOW + 7 * 3_600_000, fetch: fakeFetch }, { keepalive: true });
  expect(sent.filter((s) => s.url.pathname === '/v1/reports' || s.url.pathname === '/v1/measurements')).toHaveLength(1);
  return { sent, store };
}
