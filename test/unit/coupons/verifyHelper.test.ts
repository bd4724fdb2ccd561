import { describe, expect, it } from 'vitest';
import { verifyCoupon } from '../../../src/verify';
import { DAY, SECRET, T0, codeOf, couponHarness } from './lib/harness';

const STATUS_OF = { invalid_code: 400, wrong_site: 400, expired: 410 } as const;

describe('verifyCoupon (offline merchant helper)', () => {
  it('agrees with the server on valid, forged and expired codes', async () => {
    const h = couponHarness({ ttlDays: 2 });
    const cases: { code: string; now: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const book = await h.book();
      const code = codeOf(book, [5, 10, 15, 20][i % 4]!);
      const flipped = code.slice(0, 5 + i) + (code[5 + i] === 'Q' ? 'R' : 'Q') + code.slice(6 + i);
      cases.push({ code, now: T0 }, { code: flipped, now: T0 }, { code, now: T0 + 3 * DAY });
    }
    cases.push({ code: 'SUMMER-SALE', now: T0 }, { code: '0000-0000-0000-0000-0000', now: T0 });

    const seen = new Set<string>();
    for (const { code, now } of cases) {
      const offline = verifyCoupon(code, { secret: SECRET, site: 'demo', now });
      h.clock.now = now;
      // A fresh server each time, so single use (which only the server knows) never enters the comparison.
      const server = couponHarness({ ttlDays: 2 });
      server.clock.now = now;
      const res = await server.redeem(code, 50);
      const body = await res.json();
      if (offline.ok) {
        expect(res.status, code).toBe(200);
        expect(body.tier).toBe(offline.tier);
        expect(body.code).toBe(offline.code);
        seen.add('valid');
      } else {
        expect(res.status, code).toBe(STATUS_OF[offline.error]);
        expect(body.error).toBe(offline.error);
        seen.add(offline.error);
      }
    }
    expect([...seen].sort()).toEqual(['expired', 'invalid_code', 'valid']);
  });

  it('reports tier, site, expiry and a book id shared by all codes of a book, distinct between books', async () => {
    const h = couponHarness();
    const [a, b] = [await h.book(), await h.book()];
    const results = [...a.values(), codeOf(b, 5)].map((code) => verifyCoupon(code, { secret: SECRET, site: 'demo', now: new Date(T0) }));
    for (const r of results) expect(r).toMatchObject({ ok: true, site: 'demo', expiresAt: 19_683 * DAY });
    expect(results.map((r) => (r.ok ? r.tier : 0))).toEqual([5, 10, 15, 20, 5]);
    const books = results.map((r) => (r.ok ? r.book : ''));
    expect(new Set(books.slice(0, 4)).size).toBe(1);
    expect(books[4]).not.toBe(books[0]);
  });

  it('cannot know about reuse: a code the server has redeemed still verifies offline', async () => {
    const h = couponHarness();
    const code = codeOf(await h.book(), 10);
    expect((await h.redeem(code)).status).toBe(200);
    expect((await h.redeem(code)).status).toBe(409);
    expect(verifyCoupon(code, { secret: SECRET, site: 'demo', now: T0 }).ok).toBe(true);
  });

  it('refuses codes of other sites, naming them wrong_site when told about those sites', async () => {
    const h = couponHarness({ site: undefined });
    const code = codeOf(await h.book('outlet'), 10);
    expect(verifyCoupon(code, { secret: SECRET, site: 'demo', now: T0 })).toMatchObject({ ok: false, error: 'invalid_code' });
    expect(verifyCoupon(code, { secret: SECRET, site: 'demo', now: T0, otherSites: ['outlet'] })).toMatchObject({ ok: false, error: 'wrong_site' });
    expect(verifyCoupon(code, { secret: SECRET, site: 'outlet', now: T0 })).toMatchObject({ ok: true, site: 'outlet' });
  });

  it('throws on bad arguments, naming them, but never on a bad code', () => {
    expect(() => verifyCoupon('x', { secret: 'too short', site: 'demo' })).toThrow(/'secret' passed to 'verifyCoupon'/);
    expect(() => verifyCoupon('x', { secret: SECRET, site: 'Demo!' })).toThrow(/'options.site' passed to 'verifyCoupon'/);
    expect(() => verifyCoupon('x', { secret: SECRET, site: 'demo', now: Number.NaN })).toThrow(/'options.now'/);
    expect(verifyCoupon(undefined as unknown as string, { secret: SECRET, site: 'demo' })).toMatchObject({ ok: false, error: 'invalid_code' });
    expect(verifyCoupon('x'.repeat(10_000), { secret: SECRET, site: 'demo' })).toMatchObject({ ok: false, error: 'invalid_code' });
  });
});
