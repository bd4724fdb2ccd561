/**
 * Issue 16's server hardening: headers on every response, the trusted-proxy switch, 4xx JSON for malformed input,
 * and the collector limiter's client grouping (one budget per IPv6 /64, mapped IPv4 as IPv4) at O(1) per request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTailorApp, FRAME_ANCESTORS, HSTS } from '../../../src/server/app';
import { openDatabase, type Db } from '../../../src/server/db';
import { ClientRateLimiter } from '../../../src/server/collector/rateLimiter';
import { cameOverTls, forwardedAddress } from '../../../src/server/lib/clientAddress';
import { report } from '../collector/lib/harness';
import type { Context } from 'hono';
import { asReader, testAccess } from '../lib/merchants';
import { fakeSdkDir } from './lib/sdkDir';

let db: Db;
let sdkDir: string;

beforeEach(() => {
  db = openDatabase(':memory:');
  sdkDir = fakeSdkDir();
});
afterEach(() => db.close());

const app = (trustProxy?: boolean, limit = 100_000) =>
  createTailorApp({
    db,
    sdkDir,
    coupons: { secret: 'x'.repeat(32), site: 'demo' },
    privacy: { rateLimit: { limit, windowMs: 60_000 } },
    merchants: testAccess(),
    ...(trustProxy === undefined ? {} : { trustProxy }),
  });
/** What @hono/node-server passes as the env: the Node request, whose socket has the peer address. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const upload = (a: ReturnType<typeof app>, headers: Record<string, string>, address = '10.0.0.9') =>
  a.request('/v1/reports', { method: 'POST', body: JSON.stringify({ reports: [report(Math.floor(Math.random() * 1e9))] }), headers: { 'Content-Type': 'application/json', ...headers } }, from(address));

describe('security headers', () => {
  it('sends nosniff on every response, JSON, errors and 404s included', async () => {
    const a = app();
    for (const path of ['/healthz', '/v1/config?site=demo', '/v1/estimates?site=NOT OK', '/v1/nothing', '/nothing', '/sdk/tailor.js', '/dashboard?site=demo']) {
      const res = await a.request(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it("forbids framing the dashboard (frame-ancestors 'none'), keeping its own CSP", async () => {
    const res = await app().request('/dashboard?site=demo', asReader);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
    expect(csp).toContain(FRAME_ANCESTORS);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // A page that sets no CSP of its own (the query-error page sets one; a bare HTML route does not) gets the rule.
    const bare = app();
    bare.get('/bare', (c) => c.html('<p>hi</p>'));
    expect((await bare.request('/bare')).headers.get('content-security-policy')).toBe(FRAME_ANCESTORS);
  });

  it('sends HSTS only over TLS; X-Forwarded-Proto counts only behind a trusted proxy', async () => {
    expect((await app().request('http://tailor.test/healthz')).headers.get('strict-transport-security')).toBeNull();
    expect((await app().request('https://tailor.test/healthz')).headers.get('strict-transport-security')).toBe(HSTS);
    const spoofed = await app().request('http://tailor.test/healthz', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
    const proxied = await app(true).request('http://tailor.test/healthz', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toBe(HSTS);
  });
});

describe('the trusted-proxy switch (TAILOR_TRUST_PROXY)', () => {
  it('off: X-Forwarded-For is ignored, so a client cannot pick a fresh budget per request', async () => {
    const a = app(false, 2);
    expect((await upload(a, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(200);
    expect((await upload(a, { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(200);
    expect((await upload(a, { 'X-Forwarded-For': '198.51.100.3' })).status).toBe(429);
  });

  it("on: the client is the address the proxy appended (the last hop), never one the client wrote before it", async () => {
    const a = app(true, 2);
    for (let i = 0; i < 2; i++) expect((await upload(a, { 'X-Forwarded-For': `1.1.1.${i}, 198.51.100.1` })).status).toBe(200);
    expect((await upload(a, { 'X-Forwarded-For': '1.1.1.9, 198.51.100.1' })).status).toBe(429);
    // Another client behind the same proxy (same TCP peer) has its own budget.
    expect((await upload(a, { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(200);
  });

  it('reads the headers as documented', () => {
    const ctx = (url: string, headers: Record<string, string>, address?: string) =>
      ({ req: { url, header: (name: string) => headers[name] }, env: address ? from(address) : {} }) as unknown as Context;
    expect(forwardedAddress(ctx('http://t/', { 'X-Forwarded-For': ' 203.0.113.1 ,  198.51.100.4 ' }))).toBe('198.51.100.4');
    expect(cameOverTls(ctx('http://t/', { 'X-Forwarded-Proto': 'http, https' }), true)).toBe(true);
    expect(cameOverTls(ctx('http://t/', { 'X-Forwarded-Proto': 'https' }), false)).toBe(false);
  });
});

describe('malformed requests', () => {
  it('answer 4xx JSON without a stack trace', async () => {
    const a = app();
    const cases: [string, RequestInit | undefined][] = [
      ['/sdk/%ZZ', undefined],
      ['/v1/%ZZ', undefined],
      ['/dashboard/assets/%E0%A4%A', undefined],
      ['/v1/config?site=%ZZ', undefined],
      ['/v1/estimates?from=%ZZ', undefined],
      ['/v1/reports', { method: 'POST', body: '{"reports": [', headers: { 'Content-Type': 'application/json' } }],
      ['/v1/reports', { method: 'POST', body: '\u0000\u0001', headers: { 'Content-Type': 'text/plain' } }],
      ['/v1/coupons/redeem', { method: 'POST', body: 'nope', headers: { 'Content-Type': 'application/json' } }],
      ['/v1/coupons/book', { method: 'POST', body: '{"site": 7}', headers: { 'Content-Type': 'application/json' } }],
      ['/v1/config/recompute?site=demo', { method: 'POST', headers: { Authorization: 'Bearer \u00ff' } }],
    ];
    for (const [path, init] of cases) {
      const res = await a.request(path, init);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      const text = await res.text();
      expect(text, path).not.toMatch(/at .*\.ts:\d+|Error:|node_modules/);
      expect(JSON.parse(text), path).toHaveProperty('error');
    }
  });

  it('answers an unexpected failure 500 with a generic body, the stack only in the log', async () => {
    const a = app();
    a.get('/boom', () => {
      throw new Error('secret detail at /srv/tailor/x.ts:1');
    });
    const original = console.error;
    console.error = () => {};
    try {
      const res = await a.request('/boom');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'internal', message: 'internal server error' });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      console.error = original;
    }
  });
});

describe('the collector limiter', () => {
  it('gives the 6,000 addresses of one IPv6 /64 one budget', () => {
    const limiter = new ClientRateLimiter({ limit: 60, windowMs: 60_000, now: () => 0 });
    const verdicts = Array.from({ length: 6000 }, (_, i) => limiter.hit(`2001:db8:aa:bb:${(i >> 8).toString(16)}:${(i & 255).toString(16)}::${(i % 7) + 1}`).allowed);
    expect(verdicts.filter(Boolean)).toHaveLength(60);
    expect(limiter.size).toBe(1);
    expect(limiter.hit('2001:db8:aa:bc::1').allowed).toBe(true);
  });

  it('gives ::ffff:a.b.c.d and a.b.c.d one budget', () => {
    const limiter = new ClientRateLimiter({ limit: 2, windowMs: 60_000, now: () => 0 });
    expect(limiter.hit('192.0.2.44').allowed).toBe(true);
    expect(limiter.hit('::ffff:192.0.2.44').allowed).toBe(true);
    expect(limiter.hit('::FFFF:192.0.2.44').allowed).toBe(false);
    expect(limiter.size).toBe(1);
  });

  it('does the same work per request with 50 000 requests logged for the client', () => {
    let now = 0;
    const limiter = new ClientRateLimiter({ limit: 100_000, windowMs: 60_000, now: () => now });
    limiter.hit('203.0.113.1');
    const first = limiter.lastWork;
    for (; now < 50_000; now++) limiter.hit('203.0.113.1');
    expect(limiter.lastWork).toBe(first);
    expect(limiter.size).toBe(1);
  });
});
