import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CROCKFORD_ALPHABET, DAY_MS, MAX_TTL_DAYS, couponKey, dayOf, expiryDayFor, mintCouponCode, restoreExpiryDay,
  verifyCouponCode, type HmacSha256,
} from '../../../src/core/coupon';

const hmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
const key = couponKey('s'.repeat(40), 'test');
const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20Z, day 19675
const today = dayOf(T0);
const mint = (tier: number, expiryDay: number, bookId = 4242, site = 'demo') => mintCouponCode({ tier, expiryDay, bookId }, { site, key, hmac });
const verify = (code: string, now = T0, site = 'demo', otherSites: string[] = []) => verifyCouponCode(code, { site, key, hmac, now, otherSites });

describe('verifyCouponCode', () => {
  it('accepts a fresh code and reports its fields', () => {
    const code = mint(15, today + 7, 99);
    expect(verify(code.toLowerCase().replaceAll('-', ''))).toEqual({
      ok: true, code, tier: 15, site: 'demo', expiresAt: (today + 7) * DAY_MS, expiryDay: today + 7, bookId: 99, keyIndex: 0,
    });
  });

  it('refuses a code with any single symbol changed, as invalid_code', () => {
    const code = mint(20, today + 3).replaceAll('-', '');
    let tried = 0;
    for (let i = 0; i < code.length; i++) {
      for (const symbol of CROCKFORD_ALPHABET) {
        if (symbol === code[i]) continue;
        const tampered = code.slice(0, i) + symbol + code.slice(i + 1);
        const verdict = verify(tampered);
        expect(verdict.ok, tampered).toBe(false);
        if (!verdict.ok) expect(verdict.error, tampered).toBe('invalid_code');
        tried++;
      }
    }
    expect(tried).toBe(20 * 31);
  });

  it('refuses a 5 % code rewritten to say 20 % (the tier is signed)', () => {
    const five = mint(5, today + 3);
    const twenty = mint(20, today + 3);
    // Graft the 20 % code's first symbols (tier and expiry) onto the 5 % code's book id and tag.
    const grafted = twenty.slice(0, 3) + five.slice(3);
    expect(grafted).not.toBe(twenty);
    expect(verify(grafted)).toMatchObject({ ok: false, error: 'invalid_code' });
  });

  it('is valid until the start of its expiry day (UTC), expired from then on for 31 days', () => {
    const expiryDay = today + 2;
    const code = mint(10, expiryDay);
    expect(verify(code, expiryDay * DAY_MS - 1).ok).toBe(true);
    expect(verify(code, expiryDay * DAY_MS)).toMatchObject({ ok: false, error: 'expired' });
    expect(verify(code, (expiryDay + 31) * DAY_MS)).toMatchObject({ ok: false, error: 'expired' });
    // Past the look-back the day reads as a future one the tag was not made for.
    expect(verify(code, (expiryDay + 32) * DAY_MS)).toMatchObject({ ok: false, error: 'invalid_code' });
  });

  it('tells a genuine code of another known site (wrong_site) from a forgery (invalid_code)', () => {
    const code = mint(10, today + 5, 7, 'other-shop');
    expect(verify(code, T0, 'demo')).toMatchObject({ ok: false, error: 'invalid_code' });
    expect(verify(code, T0, 'demo', ['third', 'other-shop'])).toMatchObject({ ok: false, error: 'wrong_site' });
    expect(verify(code, T0, 'other-shop').ok).toBe(true);
  });

  it('refuses codes made with another secret', () => {
    const foreign = mintCouponCode({ tier: 10, expiryDay: today + 5, bookId: 1 }, { site: 'demo', key: couponKey('t'.repeat(40), 'test'), hmac });
    expect(verify(foreign)).toMatchObject({ ok: false, error: 'invalid_code' });
  });

  it('verifies the codes of retired keys, says which key signed them, and still tells sites apart', () => {
    const older = couponKey('o'.repeat(40), 'test');
    const old = couponKey('t'.repeat(40), 'test');
    const fields = { tier: 10, expiryDay: today + 5, bookId: 1 };
    const byOld = mintCouponCode(fields, { site: 'demo', key: old, hmac });
    const byOlder = mintCouponCode(fields, { site: 'demo', key: older, hmac });
    const rotated = (code: string, site = 'demo', otherSites: string[] = []) => verifyCouponCode(code, { site, key, retiredKeys: [old, older], hmac, now: T0, otherSites });
    expect(rotated(byOld)).toMatchObject({ ok: true, tier: 10, keyIndex: 1 });
    expect(rotated(byOlder)).toMatchObject({ ok: true, tier: 10, keyIndex: 2 });
    expect(rotated(mint(10, today + 5, 1))).toMatchObject({ ok: true, keyIndex: 0 });
    // A retired key's code for another site is that site's, not this one's.
    const elsewhere = mintCouponCode(fields, { site: 'other-shop', key: old, hmac });
    expect(rotated(elsewhere, 'demo', ['other-shop'])).toMatchObject({ ok: false, error: 'wrong_site' });
    // Expired codes of a retired key say so, like any other.
    expect(verifyCouponCode(byOld, { site: 'demo', key, retiredKeys: [old], hmac, now: T0 + 6 * DAY_MS })).toMatchObject({ ok: false, error: 'expired' });
  });
});

describe('expiry days', () => {
  it('restores every expiry day within [today - 31, today + 32] from its low 6 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 200_000 }), fc.integer({ min: -31, max: 32 }), (day, offset) => {
        expect(restoreExpiryDay((day + offset) % 64, day)).toBe(day + offset);
      }),
    );
  });

  it('rounds expiry up to the next UTC midnight at least ttlDays ahead', () => {
    // T0 is 22:13 UTC on day 19675; 7 days later is 22:13 on 19682, so the code lasts until 00:00 of 19683.
    expect(expiryDayFor(T0, 7)).toBe(19_683);
    expect(expiryDayFor(19_675 * DAY_MS, 7)).toBe(19_682);
    expect(() => expiryDayFor(T0, MAX_TTL_DAYS + 1)).toThrow(/'ttlDays' passed to 'expiryDayFor'/);
    expect(() => expiryDayFor(T0, 0)).toThrow(/'ttlDays'/);
  });

  it('keeps every code minted with the longest validity inside the window the verifier reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: MAX_TTL_DAYS }), (now, ttl) => {
        const code = mintCouponCode({ tier: 5, expiryDay: expiryDayFor(now, ttl), bookId: 1 }, { site: 'demo', key, hmac });
        expect(verifyCouponCode(code, { site: 'demo', key, hmac, now }).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('couponKey', () => {
  it('takes strings as UTF-8 and refuses secrets under 32 bytes, naming the caller', () => {
    expect(couponKey('é'.repeat(16), 'x')).toHaveLength(32);
    expect(() => couponKey('short', 'mountCoupons')).toThrow(/'secret' passed to 'mountCoupons' must be .* at least 32 bytes \(got 5 bytes\)/);
    expect(() => couponKey(new Uint8Array(31), 'verifyCoupon')).toThrow(/'verifyCoupon'/);
  });
});
