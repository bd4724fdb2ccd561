/**
 * Network manners of the one sending function: a request that hangs is cut off and logged, and a Retry-After
 * (seconds or an HTTP date) on a 429/503 pauses every request to the collector, across callers, until then.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/worker/store/memoryStore';
import { COLLECTOR_PAUSE_KEY, MAX_PAUSE_MS, OUTBOUND_LOG_KEY, retryAfterMs, send, type OutboundEntry } from '../../../src/worker/sync/send';
import { flushOutbox } from '../../../src/worker/sync/reports';

const NOW = Date.UTC(2026, 11, 3, 12);

describe('send', () => {
  it('aborts a request the collector does not answer in time, and says so in the outbound log', async () => {
    const store = createMemoryStore({ reason: 'test' });
    let aborted = false;
    const hanging = ((_url: string, init: RequestInit) => new Promise((_, reject) => {
      init.signal!.addEventListener('abort', () => {
        aborted = true;
        reject(new DOMException('aborted', 'AbortError'));
      });
    })) as unknown as typeof fetch;
    const started = Date.now();
    await expect(send({ endpoint: 'http://c', store, fetch: hanging, timeoutMs: 50, now: () => NOW }, 'GET', '/v1/config?site=s', undefined))
      .rejects.toThrow('no answer from the collector within 50 ms');
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    const log = (await store.getMeta<OutboundEntry[]>(OUTBOUND_LOG_KEY))!;
    expect(log).toEqual([{ ts: NOW, method: 'GET', path: '/v1/config?site=s', body: null, status: null, error: 'no answer from the collector within 50 ms' }]);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(retryAfterMs('999999999', NOW)).toBe(MAX_PAUSE_MS);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });

  it('after a 429 with Retry-After, sends nothing until then — reports wait at least as long', async () => {
    const store = createMemoryStore({ reason: 'test' });
    let clock = NOW;
    const calls: string[] = [];
    let answer = () => new Response('{}', { status: 429, headers: { 'Retry-After': '120' } });
    const fetchFn = (async (url: string) => {
      calls.push(url);
      return answer();
    }) as unknown as typeof fetch;
    const deps = { endpoint: 'http://c', store, fetch: fetchFn, now: () => clock };
    expect((await send(deps, 'POST', '/v1/coupons/book', { site: 's', tiers: [10] })).status).toBe(429);
    expect(await store.getMeta(COLLECTOR_PAUSE_KEY)).toEqual({ until: NOW + 120_000 });
    clock = NOW + 60_000;
    await expect(send(deps, 'GET', '/v1/config?site=s', undefined)).rejects.toThrow(/the collector asked to wait until .* \(Retry-After\); nothing sent/);
    expect(calls).toHaveLength(1);
    // A report due now is not sent either, and its next attempt is no earlier than the pause's end.
    await store.outboxPut({ id: 'r1', ts: NOW, sendAfter: NOW, report: { schema: 1 } } as never);
    const flushed = await flushOutbox({ ...deps, site: 's', rng: () => 0 });
    expect(flushed).toMatchObject({ sent: 0, dropped: 0 });
    expect(flushed.retryAt).toBeGreaterThanOrEqual(NOW + 120_000);
    expect(calls).toHaveLength(1);
    clock = NOW + 120_001;
    answer = () => new Response('{}', { status: 200 });
    expect((await send(deps, 'GET', '/v1/config?site=s', undefined)).status).toBe(200);
    expect(calls).toHaveLength(2);
  });
});
