import { describe, expect, it } from 'vitest';
import { ClientKeys, coarseAddress } from '../../../src/server/coupons/lib/clientKey';
import { discountFor, orderValueBucket } from '../../../src/server/coupons/lib/money';
import { TokenBucketLimiter } from '../../../src/server/lib/tokenBucket';

describe('coarseAddress', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, cuts IPv6 to its /64, and folds everything else into one bucket', () => {
    expect(coarseAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(coarseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(coarseAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(coarseAddress('2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(coarseAddress('::1')).toBe('0:0:0:0::/64');
    expect(coarseAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(coarseAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(coarseAddress(undefined)).toBe('unknown');
    expect(coarseAddress('not-an-address')).toBe('unknown');
    // Mapped IPv4 in its hex spelling, and bracketed IPv6, are the same client as their plain forms.
    expect(coarseAddress('::ffff:c000:201')).toBe('192.0.2.1');
    expect(coarseAddress('[2001:db8:1:2::1]')).toBe('2001:db8:1:2::/64');
    expect(coarseAddress('::')).toBe('0:0:0:0::/64');
    expect(coarseAddress('1::')).toBe('1:0:0:0::/64');
  });
});

describe('ClientKeys', () => {
  it('derives opaque keys that never contain the address and change with each process salt', () => {
    const keys = new ClientKeys();
    const k = keys.key('book', 'demo', '203.0.113.5');
    expect(k).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(keys.key('book', 'demo', '203.0.113.5')).toBe(k);
    expect(keys.key('book', 'other', '203.0.113.5')).not.toBe(k);
    expect(keys.key('redeem', 'demo', '203.0.113.5')).not.toBe(k);
    expect(new ClientKeys().key('book', 'demo', '203.0.113.5')).not.toBe(k);
  });
});

describe('TokenBucketLimiter', () => {
  it('allows a burst of `limit`, then one per windowMs / limit, reports the wait for the next token, and forgets refilled keys', () => {
    const limiter = new TokenBucketLimiter({ limit: 2, windowMs: 10_000 });
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 1_000)).toEqual({ allowed: false, retryAfterS: 4 });
    expect(limiter.check('a', 4_999)).toEqual({ allowed: false, retryAfterS: 1 });
    expect(limiter.take('a', 5_000).allowed).toBe(true);
    expect(limiter.take('a', 5_000).allowed).toBe(false);
    limiter.hit('b', 10_000);
    expect(limiter.size).toBe(2);
    limiter.hit('c', 30_000); // a sweep: 'a' and 'b' have refilled, as good as new
    expect(limiter.size).toBe(1);
  });

  it('counts a hit past the limit as debt, capped at one window', () => {
    const limiter = new TokenBucketLimiter({ limit: 2, windowMs: 10_000 });
    for (let i = 0; i < 10; i++) limiter.hit('a', 0);
    // Two tokens of debt plus the one to spend: three refills, 15 s.
    expect(limiter.check('a', 0)).toEqual({ allowed: false, retryAfterS: 15 });
  });

  it('bounds memory by forgetting the least recently seen key', () => {
    const limiter = new TokenBucketLimiter({ limit: 1, windowMs: 60_000 }, 3);
    for (const key of ['a', 'b', 'c', 'd']) limiter.hit(key, 0);
    expect(limiter.size).toBe(3);
    expect(limiter.check('a', 1).allowed).toBe(true);
    expect(limiter.check('d', 1).allowed).toBe(false);
  });

  it('costs O(1) per call: two numbers per key, and the same work with 50 000 events or 50 000 keys', () => {
    const limiter = new TokenBucketLimiter({ limit: 60, windowMs: 60_000 });
    limiter.take('busy', 0);
    const first = limiter.lastWork;
    for (let i = 1; i <= 50_000; i++) limiter.take('busy', i);
    expect(limiter.lastWork).toBe(first);
    expect(limiter.size).toBe(1);
    for (let i = 0; i < 50_000; i++) limiter.take(`key-${i}`, 50_000);
    expect(limiter.size).toBe(50_001);
    limiter.take('busy', 50_001);
    expect(limiter.lastWork).toBeLessThanOrEqual(first + 1);
  });

  it('refuses nonsense limits, naming them', () => {
    expect(() => new TokenBucketLimiter({ limit: 0, windowMs: 1 })).toThrow(/'window.limit' passed to 'TokenBucketLimiter'/);
    expect(() => new TokenBucketLimiter({ limit: 1, windowMs: 0 })).toThrow(/'window.windowMs'/);
    expect(() => new TokenBucketLimiter({ limit: 1, windowMs: 1 }, 0)).toThrow(/'maxKeys' passed to 'TokenBucketLimiter'/);
  });
});

describe('money', () => {
  it('buckets order values by powers of two', () => {
    expect([0, 0.99, 1, 1.5, 2, 73.5, 128, 1000].map(orderValueBucket)).toEqual([0, 0, 1, 1, 2, 64, 128, 512]);
  });

  it('computes discounts on cents where floating point would round wrongly', () => {
    // 1.005 * 100 is 100.49999999999999 in binary; the order value meant is 100.5 cents, which rounds to 101.
    expect(discountFor(1.005, 100)).toBe(1.01);
    expect(discountFor(0.29, 50)).toBe(0.15); // 14.5 cents → 15; 0.29 * 0.5 = 0.145 in floats rounds to 0.14
    expect(discountFor(999_999_999.99, 20)).toBe(200_000_000);
  });
});
