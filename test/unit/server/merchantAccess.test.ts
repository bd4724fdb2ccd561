/**
 * Issue 16, "open merchant data" and "coupons": the attacks as an outsider would run them against the real app, and
 * what the merchant keeps being able to do meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/server/db';
import { createTailorApp } from '../../../src/server/app';
import { keyHash, MerchantAccess, newMerchantKey, parseMerchants, SESSION_COOKIE } from '../../../src/server/merchants';
import { kindOfKey } from '../../../src/server/merchants/keys';
import { asReader, bearer, READ_KEY, RIVAL_READ_KEY, RIVAL_SERVER_KEY, SERVER_KEY, testAccess, testMerchants } from '../lib/merchants';
import { fakeSdkDir } from './lib/sdkDir';

let db: Db;
let sdkDir: string;
beforeEach(() => {
  db = openDatabase(':memory:');
  sdkDir = fakeSdkDir();
});
afterEach(() => db.close());

const clock = { now: Date.UTC(2026, 11, 4, 12) };
const app = (access: MerchantAccess | null = testAccess(() => clock.now)) =>
  createTailorApp({
    db,
    sdkDir,
    coupons: { secret: 'x'.repeat(32), site: 'demo', now: () => clock.now },
    privacy: { now: () => clock.now },
    ...(access !== null ? { merchants: access } : {}),
  });
const json = { 'Content-Type': 'application/json' };
const MERCHANT_READS = ['/v1/estimates?site=demo', '/v1/estimates/daily?site=demo'];

async function bookCode(a: ReturnType<typeof app>, tier = 10): Promise<string> {
  const res = await a.request('/v1/coupons/book', { method: 'POST', headers: json, body: JSON.stringify({ site: 'demo' }) });
  const body = (await res.json()) as { codes: { tier: number; code: string }[] };
  return body.codes.find((c) => c.tier === tier)!.code;
}
const redeem = (a: ReturnType<typeof app>, code: string, headers: Record<string, string>, orderValue = 40) =>
  a.request('/v1/coupons/redeem', { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ code, orderValue }) });

describe('merchant data is closed to anyone without the merchant key', () => {
  it('answers estimates 401 with a Bearer challenge, and sends the dashboard to the sign-in form', async () => {
    const a = app();
    for (const path of MERCHANT_READS) {
      const res = await a.request(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate'), path).toBe('Bearer realm="tailor"');
      const body = await res.json();
      expect(body.error).toBe('unauthorized');
      expect(JSON.stringify(body)).not.toMatch(/groups|conversion|profit/);
    }
    const page = await a.request('/dashboard?site=demo&from=2026-12-01');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/dashboard/login?next=${encodeURIComponent('/dashboard?site=demo&from=2026-12-01')}`);
    // A wrong or malformed key is told apart from a missing one.
    for (const key of ['tk_read_nope', READ_KEY.replace('A', 'B'), '']) {
      expect((await a.request('/v1/estimates?site=demo', { headers: bearer(key) })).status, key).toBe(401);
    }
  });

  it('is closed by default: an app given no merchants lets no key in', async () => {
    const a = app(null);
    expect((await a.request('/v1/estimates?site=demo', asReader)).status).toBe(401);
    expect((await redeem(a, await bookCode(a), bearer(SERVER_KEY))).status).toBe(401);
  });

  it("refuses another merchant's key for this site with 403, the same as for a site that does not exist", async () => {
    const a = app();
    const theirs = { headers: bearer(RIVAL_READ_KEY) };
    const demo = await a.request('/v1/estimates?site=demo', theirs);
    const ghost = await a.request('/v1/estimates?site=no-such-site', theirs);
    expect([demo.status, ghost.status]).toEqual([403, 403]);
    expect((await demo.json()).error).toBe('forbidden_site');
    expect((await ghost.json()).error).toBe('forbidden_site');
    expect((await a.request('/dashboard?site=demo', theirs)).status).toBe(403);
    // Its own site reads fine, and a request without a site reads its own.
    expect((await a.request('/v1/estimates?site=rival', theirs)).status).toBe(200);
    expect(((await (await a.request('/v1/estimates', theirs)).json()) as { site: string }).site).toBe('rival');
  });

  it('sends no CORS headers on merchant endpoints, and keeps them on the devices\u2019 API', async () => {
    const a = app();
    const origin = { Origin: 'https://evil.example' };
    for (const path of ['/v1/estimates?site=demo', '/v1/coupons/redeem', '/v1/coupons/check']) {
      const pre = await a.request(path, { method: 'OPTIONS', headers: { ...origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' } });
      expect(pre.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    expect((await a.request('/v1/estimates?site=demo', { headers: { ...origin, ...bearer(READ_KEY) } })).headers.get('access-control-allow-origin')).toBeNull();
    expect((await a.request('/v1/config?site=demo', { headers: origin })).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('rate limits the merchant endpoints per client, with Retry-After', async () => {
    const a = app();
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await a.request('/v1/estimates?site=demo', asReader)).status);
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    const stopped = await a.request('/v1/estimates?site=demo', asReader);
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('dashboard sign-in', () => {
  const signIn = (a: ReturnType<typeof app>, key: string, next = '/dashboard?site=demo') =>
    a.request('/dashboard/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key, next }).toString() });
  const cookieOf = (res: Response) => /tailor_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

  it('trades a key for an HttpOnly, SameSite=Strict session that reads, and never redeems', async () => {
    const a = app();
    const wrong = await signIn(a, RIVAL_READ_KEY.replace('C', 'E'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('not a live merchant key');

    const res = await signIn(a, READ_KEY, '/dashboard?site=demo&from=2026-11-20');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard?site=demo&from=2026-11-20');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(READ_KEY);
    const cookie = { Cookie: `${SESSION_COOKIE}=${cookieOf(res)}` };
    const page = await a.request('/dashboard?site=demo', { headers: cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Signed in as <strong>Test shop</strong>');
    expect(html).toContain('action="/dashboard/logout"');
    expect((await a.request('/v1/estimates/daily?site=demo', { headers: cookie })).status).toBe(200);
    // Even a session signed in with the server key cannot redeem: a cookie travels on its own.
    const serverSession = cookieOf(await signIn(a, SERVER_KEY));
    expect((await redeem(a, await bookCode(a), { Cookie: `${SESSION_COOKIE}=${serverSession}` })).status).toBe(401);
  });

  it('refuses tampered, expired and revoked sessions, and only returns to dashboard paths', async () => {
    const a = app();
    const value = cookieOf(await signIn(a, READ_KEY))!;
    const at = (v: string) => a.request('/dashboard?site=demo', { headers: { Cookie: `${SESSION_COOKIE}=${v}` } });
    expect((await at(value.replace('test.', 'rival.'))).status).toBe(303);
    expect((await at(value.slice(0, -2) + (value.endsWith('AA') ? 'BB' : 'AA'))).status).toBe(303);
    clock.now += 8 * 3_600_000;
    expect((await at(value)).status).toBe(303);
    clock.now -= 8 * 3_600_000;
    expect((await at(value)).status).toBe(200);
    // The same database (same session secret) with the key removed from the configuration: the session is dead.
    const [test] = testMerchants();
    const revoked = app(new MerchantAccess([{ ...test!, keys: test!.keys.filter((k) => k.id !== 'r1') }], () => clock.now));
    expect((await revoked.request('/dashboard?site=demo', { headers: { Cookie: `${SESSION_COOKIE}=${value}` } })).status).toBe(303);
    for (const next of ['https://evil.example/', '//evil.example', '/v1/estimates', '/dashboard\\@evil']) {
      expect((await signIn(a, READ_KEY, next)).headers.get('location'), next).toBe('/dashboard');
    }
    const out = await a.request('/dashboard/logout', { method: 'POST' });
    expect(out.headers.get('set-cookie')).toMatch(/tailor_session=;.*Max-Age=0/);
  });

  it('stops a client after 10 wrong keys, while the right key still signs in', async () => {
    const a = app();
    for (let i = 0; i < 10; i++) expect((await signIn(a, `tk_read_${String(i).repeat(43)}`)).status).toBe(401);
    expect((await signIn(a, `tk_read_${'x'.repeat(43)}`)).status).toBe(429);
    expect((await signIn(a, READ_KEY)).status).toBe(303);
  });
});

describe("the checkout's coupon calls", () => {
  it('need the server key of the site\u2019s merchant: no key 401, a read key 403, a rival\u2019s 403', async () => {
    const a = app();
    const code = await bookCode(a);
    expect((await redeem(a, code, {})).status).toBe(401);
    const read = await redeem(a, code, bearer(READ_KEY));
    expect(read.status).toBe(403);
    expect((await read.json()).error).toBe('insufficient_scope');
    const rival = await redeem(a, code, bearer(RIVAL_SERVER_KEY));
    expect(rival.status).toBe(403);
    // None of that spent the code: the merchant's checkout redeems it.
    expect((await redeem(a, code, bearer(SERVER_KEY))).status).toBe(200);
  });

  it('checks a code without spending it, then refuses the check once the book is spent', async () => {
    const a = app();
    const code = await bookCode(a, 15);
    const check = () => a.request('/v1/coupons/check', { method: 'POST', headers: { ...json, ...bearer(SERVER_KEY) }, body: JSON.stringify({ code }) });
    for (let i = 0; i < 3; i++) {
      const res = await check();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, tier: 15, code });
    }
    expect((await redeem(a, code, bearer(SERVER_KEY))).status).toBe(200);
    const after = await check();
    expect(after.status).toBe(409);
    expect((await after.json()).error).toBe('already_redeemed');
  });

  it("bounds the order value by the merchant's maxOrderValue (default 100,000), naming the field", async () => {
    const a = app();
    const code = await bookCode(a);
    const huge = await redeem(a, code, bearer(SERVER_KEY), 1e9);
    expect(huge.status).toBe(400);
    expect((await huge.json()).message).toBe("'orderValue' must be at most 100000 for this merchant (its maxOrderValue), got 1000000000");
    expect((await redeem(a, code, bearer(SERVER_KEY), 99_999.99)).status).toBe(200);
  });

  it('answers a malformed body 400 only to a caller with the server key', async () => {
    const a = app();
    const bad = (headers: Record<string, string>) => a.request('/v1/coupons/redeem', { method: 'POST', headers: { ...json, ...headers }, body: '{"code": 7}' });
    expect((await bad({})).status).toBe(401);
    expect((await bad(bearer(SERVER_KEY))).status).toBe(400);
  });
});

describe('keys and their configuration', () => {
  it('makes keys of 32 random bytes behind a kind prefix, and stores only their hash', () => {
    const a = newMerchantKey('read');
    const b = newMerchantKey('server');
    expect(a).toMatch(/^tk_read_[A-Za-z0-9_-]{43}$/);
    expect(b).toMatch(/^tk_server_[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 50 }, () => newMerchantKey('read'))).size).toBe(50);
    expect([kindOfKey(a), kindOfKey(b), kindOfKey('sk_live_x')]).toEqual(['read', 'server', null]);
    expect(keyHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rotates: an old and a new key work side by side until the old one expires', () => {
    const old = newMerchantKey('server');
    const fresh = newMerchantKey('server');
    const [m] = parseMerchants(
      { merchants: [{ id: 'shop', sites: ['shop'], keys: [{ id: 'old', kind: 'server', sha256: keyHash(old), expires: '2026-12-10' }, { id: 'new', kind: 'server', sha256: keyHash(fresh) }] }] },
      'test',
    );
    const now = { t: Date.UTC(2026, 11, 9) };
    const access = new MerchantAccess([m!], () => now.t);
    expect(access.authenticate(old)?.key.id).toBe('old');
    expect(access.authenticate(fresh)?.key.id).toBe('new');
    now.t = Date.UTC(2026, 11, 10);
    expect(access.authenticate(old)).toBeNull();
    expect(access.authenticate(fresh)?.key.id).toBe('new');
  });

  it('refuses a configuration it cannot trust, naming the field', () => {
    const key = { id: 'k', kind: 'read', sha256: keyHash(READ_KEY) };
    const bad: [unknown, RegExp][] = [
      [{}, /'merchants' must be an array/],
      [{ merchants: [{ id: 'A B', sites: ['s'], keys: [key] }] }, /'merchants\[0\]\.id'/],
      [{ merchants: [{ id: 'a', sites: ['s'], keys: [key] }, { id: 'b', sites: ['s'], keys: [key] }] }, /'merchants\[1\]\.sites\[0\]' is already merchant 'a''s/],
      [{ merchants: [{ id: 'a', sites: ['s'], keys: [{ ...key, sha256: READ_KEY }] }] }, /'merchants\[0\]\.keys\[0\]\.sha256'/],
      [{ merchants: [{ id: 'a', sites: ['s'], keys: [{ ...key, kind: 'admin' }] }] }, /'merchants\[0\]\.keys\[0\]\.kind'/],
      [{ merchants: [{ id: 'a', sites: ['s'], keys: [{ ...key, expires: 'soon' }] }] }, /'merchants\[0\]\.keys\[0\]\.expires'/],
      [{ merchants: [{ id: 'a', sites: ['s'], maxOrderValue: -1, keys: [key] }] }, /'merchants\[0\]\.maxOrderValue'/],
      [{ merchants: [{ id: 'a', sites: [], keys: [key] }] }, /'merchants\[0\]\.sites'/],
    ];
    for (const [raw, message] of bad) expect(() => parseMerchants(raw, 'TAILOR_MERCHANTS'), message.source).toThrow(message);
  });
});
