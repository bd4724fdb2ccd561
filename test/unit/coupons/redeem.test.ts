import { describe, expect, it } from 'vitest';
import { DAY, codeOf, couponHarness } from './lib/harness';

describe('POST /v1/coupons/redeem', () => {
  it('accepts a fresh code typed loosely and returns the tier, the discount in cents and the canonical code', async () => {
    const { book, redeem } = couponHarness();
    const code = codeOf(await book(), 15);
    const res = await redeem(` ${code.toLowerCase().replaceAll('-', '')} `, 59.99);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // 59.99 × 15 % = 8.9985 → 9.00
    expect(await res.json()).toEqual({ ok: true, tier: 15, discount: 9, code });
  });

  it('rounds the discount half-up to cents on exact cent arithmetic', async () => {
    const { book, redeem } = couponHarness();
    const cases: [number, number, number][] = [
      [10, 0.05, 0.01], // 0.5 cent → 1 cent
      [5, 19.9, 1], // 99.5 cents → 1.00
      [5, 19.89, 0.99], // 99.45 cents → 0.99
      [15, 1.01, 0.15], // 15.15 cents → 0.15
      [20, 1234.56, 246.91], // 24691.2 cents → 246.91
      [10, 0, 0],
    ];
    for (const [tier, orderValue, discount] of cases) {
      const res = await redeem(codeOf(await book(), tier), orderValue);
      expect((await res.json()).discount, `${tier} % of ${orderValue}`).toBe(discount);
    }
  });

  it('refuses a second use of the same code with 409', async () => {
    const { book, redeem } = couponHarness();
    const code = codeOf(await book(), 10);
    expect((await redeem(code)).status).toBe(200);
    const again = await redeem(code);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: 'already_redeemed', message: 'this coupon code has already been used' });
  });

  it('burns the whole book: after one code of a book is redeemed, its other tiers are refused', async () => {
    const { book, redeem } = couponHarness();
    const first = await book();
    const second = await book();
    expect((await redeem(codeOf(first, 10))).status).toBe(200);
    for (const tier of [5, 15, 20]) {
      const res = await redeem(codeOf(first, tier));
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: 'already_redeemed', message: expect.stringContaining('same coupon offer') });
    }
    // Another book is untouched.
    expect((await redeem(codeOf(second, 20))).status).toBe(200);
  });

  it('lets exactly one of many simultaneous redemptions of a book win', async () => {
    const { book, redeem } = couponHarness();
    const codes = await book();
    const attempts = [5, 10, 15, 20, 5, 10, 15, 20, 20, 20].map((tier) => redeem(codeOf(codes, tier)));
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  });

  it('lets exactly one of two simultaneous redemptions of the same code win', async () => {
    const { book, redeem } = couponHarness();
    const code = codeOf(await book(), 20);
    const statuses = (await Promise.all([redeem(code, 80), redeem(code, 80)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
  });

  it('refuses forged and garbled codes with 400 invalid_code', async () => {
    const { book, redeem } = couponHarness();
    const code = codeOf(await book(), 5);
    const last = code.at(-1) === 'Z' ? 'Y' : 'Z';
    for (const forged of [code.slice(0, -1) + last, 'AAAA-BBBB-CCCC-DDDD-EEEE', 'SAVE20', '']) {
      const res = await redeem(forged);
      expect(res.status, forged).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_code', message: 'this is not a valid coupon code' });
    }
  });

  it('refuses an expired code with 410 and a redeemed one that has since expired still with 410', async () => {
    const { book, redeem, clock } = couponHarness({ ttlDays: 1 });
    const codes = await book();
    expect((await redeem(codeOf(codes, 5))).status).toBe(200);
    clock.now = 19_677 * DAY; // the book's expiry: midnight after T0 + 1 day
    for (const tier of [5, 10]) {
      const res = await redeem(codeOf(codes, tier));
      expect(res.status).toBe(410);
      expect(await res.json()).toEqual({ error: 'expired', message: 'this coupon code expired on 2023-11-16' });
    }
  });

  it('refuses a code of another site with 400 wrong_site', async () => {
    const { book, redeem } = couponHarness({ site: undefined });
    const theirs = codeOf(await book('other'), 20);
    await book('demo');
    const res = await redeem(theirs, 100, { site: 'demo' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'wrong_site', message: 'this coupon code belongs to another shop' });
    expect((await redeem(theirs, 100, { site: 'other' })).status).toBe(200);
  });

  it('needs the site in the body only when the server serves several sites', async () => {
    const open = couponHarness({ site: undefined });
    const res = await open.redeem(codeOf(await open.book('demo'), 5));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad_request', message: "'site' is required: this merchant has more than one site" });
    const single = couponHarness();
    const mismatch = await single.redeem(codeOf(await single.book(), 5), 10, { site: 'other' });
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error).toBe('wrong_site');
  });

  it('names the field in every validation error', async () => {
    const { post } = couponHarness();
    const cases: [unknown, string][] = [
      [{ orderValue: 10 }, "'code' is required"],
      [{ code: 42, orderValue: 10 }, "'code' must be a string"],
      [{ code: 'X'.repeat(65), orderValue: 10 }, "'code' must be at most 64 characters"],
      [{ code: 'X' }, "'orderValue' is required"],
      [{ code: 'X', orderValue: '10' }, "'orderValue' must be a number from 0 to 1000000000"],
      [{ code: 'X', orderValue: -0.01 }, "'orderValue' must be a number from 0 to 1000000000"],
      [{ code: 'X', orderValue: 1e10 }, "'orderValue' must be a number from 0 to 1000000000"],
      [{ code: 'X', orderValue: 1, site: 'Not A Site' }, "'site' must be 1-64 characters of a-z, 0-9, '-' or '_'"],
      ['', 'the request body must be a JSON object'],
      ['null', 'the request body must be a JSON object'],
    ];
    for (const [body, message] of cases) {
      const res = await post('/v1/coupons/redeem', body);
      expect(res.status, message).toBe(400);
      expect(await res.json()).toEqual({ error: 'bad_request', message });
    }
  });

  it('refuses bodies over 4 KB with 413 before parsing them', async () => {
    const { post } = couponHarness();
    const big = await post('/v1/coupons/redeem', { code: 'X', orderValue: 1, pad: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'payload_too_large', message: 'request body exceeds 4096 bytes' });
    expect((await post('/v1/coupons/book', { site: 'demo', pad: 'x'.repeat(5000) })).status).toBe(413);
    expect((await post('/v1/coupons/book', { site: 'demo', pad: 'x'.repeat(3900) })).status).toBe(200);
  });

  it('stops guessing at one book after 30 refused codes with 429 and Retry-After, then one guess per 20 s; other books and callers unaffected', async () => {
    const { book, post, clock } = couponHarness();
    const good = codeOf(await book(), 10);
    // Every string of the code's length parses to a book id: a guesser varying only the tag stays on one book.
    const guess = (code = 'AAAA-BBBB-CCCC-DDDD-EEEE') => post('/v1/coupons/redeem', { code, orderValue: 10 }, '198.51.100.7');
    for (let i = 0; i < 30; i++) expect((await guess(i % 2 ? 'AAAA-BBBB-CCCC-DDDD-EEEE' : 'AAAA-BBBB-CCCC-DDDD-EEEF')).status).toBe(400);
    clock.now += 5_000;
    const stopped = await guess();
    expect(stopped.status).toBe(429);
    // 30 refusals per 10 minutes: one more refusal is allowed every 20 s.
    expect(stopped.headers.get('retry-after')).toBe('15');
    expect((await stopped.json()).error).toBe('rate_limited');
    // The same caller (the merchant's backend) redeems another book's code at once.
    expect((await guess(good)).status).toBe(200);
    clock.now += 15_000;
    expect((await guess()).status).toBe(400);
    expect((await guess()).status).toBe(429);
  });

  it('limits refused codes per shopper network when the checkout passes shopperAddress, never per caller', async () => {
    const { book, post } = couponHarness({ rateLimit: { failedRedeems: { limit: 3, windowMs: 60_000 } } });
    const codes = await book();
    const from = (shopperAddress: string, code: string) => post('/v1/coupons/redeem', { code, orderValue: 10, shopperAddress }, '10.0.0.1');
    // Three wrong codes of three different books from one shopper /64 …
    for (const code of ['1111-2222-3333-4444-5555', '6666-7777-8888-9999-AAAA', 'BBBB-CCCC-DDDD-EEEE-FFFF']) expect((await from('2001:db8:1:2::1', code)).status).toBe(400);
    // … and the fourth try from anywhere in that /64 is stopped, even with a genuine code.
    expect((await from('2001:db8:1:2::ffff', codeOf(codes, 5))).status).toBe(429);
    // Another shopper, through the same backend address, is not.
    expect((await from('203.0.113.9', codeOf(codes, 5))).status).toBe(200);
    const bad = await post('/v1/coupons/redeem', { code: codeOf(codes, 5), orderValue: 10, shopperAddress: 'not-an-ip' });
    expect(await bad.json()).toEqual({ error: 'bad_request', message: "'shopperAddress' must be an IPv4 or IPv6 address" });
  });

  it('does not count successes, reuse or expiry against a book', async () => {
    const { book, post } = couponHarness({ rateLimit: { failedRedeems: { limit: 2, windowMs: 60_000 } } });
    const codes = await book();
    const send = (code: string) => post('/v1/coupons/redeem', { code, orderValue: 10 }, '192.0.2.1');
    expect((await send(codeOf(codes, 5))).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await send(codeOf(codes, 5))).status).toBe(409);
    // Two forgeries of this book's 10 % code (its tag changed) use up the book's allowance …
    const ten = codeOf(codes, 10);
    const forged = (last: string) => ten.slice(0, -1) + last;
    const lasts = ['Z', 'Y', 'X'].filter((l) => l !== ten.at(-1)).slice(0, 2);
    for (const last of lasts) expect((await send(forged(last))).status).toBe(400);
    // … so the book's genuine (already spent) 10 % code is now stopped before it is even read.
    expect((await send(ten)).status).toBe(429);
  });
});
