import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REDACTED, scrubPath, scrubText } from '../../../src/core/events/scrub';
import { looksLikeToken } from '../../../src/core/events/lib/token';

describe('scrubPath', () => {
  it('drops scheme, host, fragment and query parameters outside the allow-list', () => {
    expect(scrubPath('https://shop.example:8443/collections/shoes?page=2&utm_source=news&utm_medium=email&fbclid=x#reviews'))
      .toBe('/collections/shoes?utm_source=news&utm_medium=email');
    expect(scrubPath('//cdn.example/products/mug')).toBe('/products/mug');
    expect(scrubPath('products/mug')).toBe('/products/mug');
    expect(scrubPath('')).toBe('/');
  });

  it('keeps search parameters, scrubbed, decoded from form encoding, first occurrence only', () => {
    expect(scrubPath('/search?q=red+shoes&q=blue&type=product')).toBe('/search?q=red%20shoes');
    expect(scrubPath('/?s=jane%40example.com&post_type=product')).toBe(`/?s=${encodeURIComponent(REDACTED)}`);
    expect(scrubPath('/search?Query=x&SEARCH=y')).toBe('/search?query=x&search=y');
    expect(scrubPath('/search?q=&s=')).toBe('/search');
  });

  it('redacts e-mail addresses in paths, including percent-encoded ones', () => {
    expect(scrubPath('/account/jane.doe@example.com/orders')).toBe('/account/[redacted]/orders');
    expect(scrubPath('/account/jane.doe%40example.com/orders')).toBe('/account/[redacted]/orders');
    expect(scrubPath('/u/jane%2Bshop%40mail.example.co.uk')).toBe('/u/[redacted]');
  });

  it('redacts phone numbers written with separators but keeps numeric ids and dates', () => {
    expect(scrubPath('/callback/+44-20-7946-0958')).toBe('/callback/[redacted]');
    expect(scrubPath('/order/555.123.4567')).toBe('/order/[redacted]');
    expect(scrubPath('/products/10234567')).toBe('/products/10234567');
    expect(scrubPath('/p/SKU1234567')).toBe('/p/SKU1234567');
    expect(scrubPath('/blog/2023-11-28/sale')).toBe('/blog/2023-11-28/sale');
  });

  it('redacts tokens, hashes, UUIDs and JWTs but keeps readable slugs', () => {
    expect(scrubPath('/reset/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b')).toBe('/reset/[redacted]');
    expect(scrubPath('/orders/123e4567-e89b-12d3-a456-426614174000/status')).toBe('/orders/[redacted]/status');
    expect(scrubPath('/auth/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLXBhcnQ')).toBe('/auth/[redacted]');
    expect(scrubPath('/cart/c1a9Xk2LmQ7pZ3rT8vB4nW6y')).toBe('/cart/[redacted]');
    for (const slug of ['/products/mens-cotton-tshirt-blue-large', '/products/iphone15promax256gbblack',
      '/collections/nike-air-max-90-white-2023', '/products/super_long_product_handle_without_numbers']) {
      expect(scrubPath(slug)).toBe(slug);
    }
  });

  it('re-escapes only what would change meaning and tolerates malformed escapes', () => {
    expect(scrubPath('/zh/产品/a b')).toBe('/zh/产品/a%20b');
    expect(scrubPath('/a%zz%25b')).toBe('/a%25zz%25b');
    expect(scrubPath('/a%3Fb%23c')).toBe('/a%3Fb%23c');
    expect(scrubPath('/a\u0000b\nc')).toBe('/a%00b%0Ac');
  });

  it('cuts to maxLength on a character boundary and leaves out query parameters that do not fit', () => {
    const out = scrubPath('/' + 'é '.repeat(200) + '?q=shoes', 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(decodeURIComponent(out)).toMatch(/^\/(é )*é?$/);
    expect(scrubPath('/abc?q=' + 'x'.repeat(300), 60)).toBe('/abc');
  });

  it('is idempotent for outputs shorter than the cap, and always yields one leading slash', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), fc.webPath()), (url) => {
      const once = scrubPath(url, 2048);
      expect(once).toMatch(/^\/(?!\/)/);
      expect(scrubPath(once, 2048)).toBe(once);
    }), { numRuns: 3000 });
  });

  it('never leaks an e-mail address from any position of a URL', () => {
    const email = fc.emailAddress().filter((e) => !e.slice(0, e.indexOf('@')).includes('/'));
    fc.assert(fc.property(fc.webPath(), email, fc.webPath(), (a, e, b) => {
      const out = decodeURIComponent(scrubPath(`${a}/${e}/${b}?q=${encodeURIComponent(e)}`, 4096));
      expect(out).not.toContain(e);
      expect(out).not.toContain(e.slice(e.indexOf('@')));
    }));
  });
});

describe('scrubText', () => {
  it('redacts e-mail addresses, phone numbers and tokens in free text', () => {
    expect(scrubText('mail jane.doe+shop@example.co.uk now')).toBe('mail [redacted] now');
    expect(scrubText('call +1 (555) 123-4567 or 5551234567')).toBe('call [redacted] or [redacted]');
    expect(scrubText('code dQw4w9WgXcQkL8mZ3pQ2aB9x please')).toBe('code [redacted] please');
  });

  it('keeps ordinary search queries, product codes, sizes and prices', () => {
    for (const q of ['red shoes size 42', 'SKU1234567', 'iphone 15 pro max 256gb', 'dress under 1,299.00', '2023-11-28 sale', 'éte 夏季 连衣裙']) {
      expect(scrubText(q)).toBe(q);
    }
  });

  it('leaves no digit of a phone number written with any common separator', () => {
    const phone = fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 2, maxLength: 5 })
      .chain((groups) => fc.constantFrom(' ', '-', '.', ' - ').map((sep) => groups.join(sep)))
      .filter((p) => p.replace(/\D/g, '').length >= 7 && !/^\d{4}([-./])\d\d?\1\d\d?$/.test(p));
    fc.assert(fc.property(phone, fc.boolean(), (p, plus) => {
      expect(scrubText(`call me ${plus ? '+' : ''}${p} tonight`)).toBe(`call me ${REDACTED} tonight`);
    }));
  });

  it('stays linear on inputs built to make regular expressions backtrack', () => {
    const hostile = ['a'.repeat(2048), 'a@'.repeat(1024), '1-'.repeat(1024), 'a.'.repeat(1023) + '@', 'eyJ'.repeat(682),
      'a'.repeat(60) + '@' + 'b-'.repeat(990), '12 '.repeat(682), 'f'.repeat(7) + '-'.repeat(2000)];
    // Catastrophic backtracking is exponential: on these inputs it would run for minutes. The bound is far
    // above any scheduling noise on a loaded CI machine, so this is a correctness check, not a speed test.
    for (const s of hostile) {
      const started = performance.now();
      scrubText(s);
      scrubPath('/' + s + '?q=' + s, 4096);
      expect(performance.now() - started, s.slice(0, 12)).toBeLessThan(2000);
    }
  });

  it('bounds its input', () => {
    expect(scrubText('word '.repeat(2000))).toBe('word '.repeat(2000).slice(0, 2048));
  });
});

describe('looksLikeToken', () => {
  it('flags at least 99 % of random base64url tokens and 100 % of random hex', () => {
    const b64 = fc.sample(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 24, maxLength: 64 }), { numRuns: 2000, seed: 42 });
    const flagged = b64.filter(looksLikeToken).length;
    expect(flagged / b64.length).toBeGreaterThanOrEqual(0.99);
    const hex = fc.sample(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 20, maxLength: 64 }), { numRuns: 500, seed: 7 });
    expect(hex.every(looksLikeToken)).toBe(true);
  });

  it('does not flag slugs', () => {
    for (const s of ['mens-cotton-tshirt-blue-large', 'iphone15promax256gbblack', 'nike-air-max-90-white-2023', 'summer_collection_2024_sale_items']) {
      expect(looksLikeToken(s)).toBe(false);
    }
  });
});
