import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { couponKey, verifyCouponCode, type HmacSha256 } from '../../../src/core/coupon';
import { DAY, SECRET, T0, couponHarness } from './lib/harness';

const hmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
const verifyAt = (code: string, site = 'demo', now = T0) => verifyCouponCode(code, { site, key: couponKey(SECRET, 'test'), hmac, now });

describe('POST /v1/coupons/book', () => {
  it('returns one signed code per default tier, all sharing one book and one expiry, never cached', async () => {
    const { post } = couponHarness();
    const res = await post('/v1/coupons/book', { site: 'demo' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { codes: { tier: number; code: string; expiresAt: number }[]; expiresAt: number };
    expect(body.codes.map((c) => c.tier)).toEqual([5, 10, 15, 20]);
    // 7 days from 22:13 UTC on day 19675, rounded up to midnight: the start of day 19683.
    expect(body.expiresAt).toBe(19_683 * DAY);
    const verdicts = body.codes.map((c) => verifyAt(c.code));
    for (const [i, v] of verdicts.entries()) {
      expect(v).toMatchObject({ ok: true, tier: body.codes[i]!.tier, expiresAt: body.expiresAt });
      expect(body.codes[i]!.expiresAt).toBe(body.expiresAt);
    }
    expect(new Set(verdicts.map((v) => (v.ok ? v.bookId : -1))).size).toBe(1);
  });

  it('gives every book its own id', async () => {
    const { book } = couponHarness();
    const ids = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const v = verifyAt((await book()).get(10)!);
      if (v.ok) ids.add(v.bookId);
    }
    expect(ids.size).toBe(20);
  });

  it('honours a requested subset of the allowed tiers, and configured tiers and validity', async () => {
    const { post } = couponHarness({ tiers: [20, 3, 12], ttlDays: 2 });
    const all = (await (await post('/v1/coupons/book', { site: 'demo' })).json()) as { codes: { tier: number }[]; expiresAt: number };
    expect(all.codes.map((c) => c.tier)).toEqual([3, 12, 20]);
    expect(all.expiresAt).toBe(19_678 * DAY);
    const some = (await (await post('/v1/coupons/book', { site: 'demo', tiers: [12, 3] })).json()) as { codes: { tier: number }[] };
    expect(some.codes.map((c) => c.tier)).toEqual([3, 12]);
  });

  it('refuses tiers the merchant did not allow, so a device cannot ask for a bigger discount', async () => {
    const { post } = couponHarness();
    const res = await post('/v1/coupons/book', { site: 'demo', tiers: [10, 90] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad_request', message: "'tiers[1]' must be one of 5, 10, 15, 20" });
  });

  it('names the field in every validation error', async () => {
    const { post } = couponHarness();
    const cases: [unknown, string][] = [
      [{}, "'site' is required"],
      [{ site: 'Demo Shop' }, "'site' must be 1-64 characters of a-z, 0-9, '-' or '_'"],
      [{ site: 'demo', tiers: 'all' }, "'tiers' must be an array of tiers from 5, 10, 15, 20"],
      [{ site: 'demo', tiers: [] }, "'tiers' must list at least one tier from 5, 10, 15, 20"],
      [{ site: 'demo', tiers: [5, 5] }, "'tiers' must not repeat a tier"],
      ['{not json', 'the request body must be a JSON object'],
      [[1, 2], 'the request body must be a JSON object'],
    ];
    for (const [body, message] of cases) {
      const res = await post('/v1/coupons/book', body);
      expect(res.status, message).toBe(400);
      expect(await res.json()).toEqual({ error: 'bad_request', message });
    }
  });

  it('mints only for its own site when configured with one, and for any site otherwise', async () => {
    const single = couponHarness();
    const res = await single.post('/v1/coupons/book', { site: 'elsewhere' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('wrong_site');
    const open = couponHarness({ site: undefined });
    const code = (await open.book('elsewhere')).get(5)!;
    expect(verifyAt(code, 'elsewhere').ok).toBe(true);
    expect(verifyAt(code, 'demo').ok).toBe(false);
  });

  it('allows a burst of 30 books per site and client, then one per 20 s (30 per 10 minutes), answering 429 with Retry-After', async () => {
    const { post, clock } = couponHarness({ site: undefined });
    const ask = (site: string, address: string) => post('/v1/coupons/book', { site }, address);
    const start = clock.now;
    for (let i = 0; i < 30; i++) expect((await ask('demo', '203.0.113.9')).status).toBe(200);
    clock.now = start + 5_000;
    const refused = await ask('demo', '203.0.113.9');
    expect(refused.status).toBe(429);
    // The bucket refills 30 tokens per 600 s: the next one 20 s after the burst, 15 s from now.
    expect(refused.headers.get('retry-after')).toBe('15');
    expect(await refused.json()).toEqual({ error: 'rate_limited', message: 'too many coupon books from this network; retry in 15 s' });
    clock.now = start + 20_000;
    expect((await ask('demo', '203.0.113.9')).status).toBe(200);
    expect((await ask('demo', '203.0.113.9')).status).toBe(429);

    // Other clients, another site of the same client, and the same /64 of an IPv6 client are counted apart/together.
    expect((await ask('demo', '203.0.113.10')).status).toBe(200);
    expect((await ask('other', '203.0.113.9')).status).toBe(200);
    expect((await ask('demo', '::ffff:203.0.113.9')).status).toBe(429);

    // A whole window later the whole burst is back, and no more.
    clock.now = start + 20_000 + 600_000;
    for (let i = 0; i < 30; i++) expect((await ask('demo', '203.0.113.9')).status).toBe(200);
    expect((await ask('demo', '203.0.113.9')).status).toBe(429);
  });

  it('counts every address of one IPv6 /64 as one client', async () => {
    const { post } = couponHarness({ rateLimit: { books: { limit: 2, windowMs: 60_000 } } });
    expect((await post('/v1/coupons/book', { site: 'demo' }, '2001:db8:1:2::1')).status).toBe(200);
    expect((await post('/v1/coupons/book', { site: 'demo' }, '2001:db8:1:2:ffff::9')).status).toBe(200);
    expect((await post('/v1/coupons/book', { site: 'demo' }, '2001:0db8:0001:0002:0:0:0:7')).status).toBe(429);
    expect((await post('/v1/coupons/book', { site: 'demo' }, '2001:db8:1:3::1')).status).toBe(200);
  });
});
