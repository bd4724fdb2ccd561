import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_PAGE_RULES, inferPageType } from '../../../src/core/events/page-type';
import { matchPattern } from '../../../src/core/events/lib/glob';

describe('matchPattern', () => {
  it('treats a pattern without wildcards as a segment prefix', () => {
    expect(matchPattern('/cart', '/cart')).toBe(true);
    expect(matchPattern('/cart', '/cart/')).toBe(true);
    expect(matchPattern('/cart', '/CART/items')).toBe(true);
    expect(matchPattern('/cart', '/cartier-watches')).toBe(false);
    expect(matchPattern('/shop/', '/shop/x')).toBe(true);
  });

  it('matches * within a segment, ** across segments, ? as one character', () => {
    expect(matchPattern('/shop/*/item', '/shop/shoes/item')).toBe(true);
    expect(matchPattern('/shop/*/item', '/shop/a/b/item')).toBe(false);
    expect(matchPattern('/shop/**/item', '/shop/a/b/item')).toBe(true);
    expect(matchPattern('**/products/?**', '/collections/all/products/mug')).toBe(true);
    expect(matchPattern('**/products/?**', '/products/')).toBe(false);
    expect(matchPattern('**/thank?you', '/checkouts/c/x/thank-you')).toBe(true);
    expect(matchPattern('**/thank?you', '/checkouts/c/x/thank/you')).toBe(false);
  });

  it('agrees with a regular-expression reference on random patterns and stays fast on pathological ones', () => {
    const toRegex = (p: string) => new RegExp('^' + p.replace(/\*\*|\*|\?|[.+^${}()|[\]\\/]/g, (t) =>
      t === '**' ? '.*' : t === '*' ? '[^/]*' : t === '?' ? '[^/]' : '\\' + t) + '$', 'i');
    const seg = fc.constantFrom('a', 'b', '/', '*', '**', '?', '-');
    fc.assert(fc.property(fc.array(seg, { minLength: 1, maxLength: 8 }).map((s) => s.join('')), fc.stringMatching(/^[ab/-]{0,12}$/), (p, s) => {
      fc.pre(/[*?]/.test(p));
      expect(matchPattern(p, s)).toBe(toRegex(p).test(s));
    }), { numRuns: 3000 });
    const started = performance.now();
    expect(matchPattern('**a**a**a**a**a**a**a**a**b', 'a'.repeat(500))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('inferPageType', () => {
  it('recognises the common platforms by URL', () => {
    const cases: [string, string][] = [
      ['/', 'home'], ['/zh/', 'home'], ['/en-gb', 'home'],
      ['/products/linen-shirt', 'product'], ['/collections/summer/products/linen-shirt', 'product'],
      ['/zh/products/linen-shirt', 'product'], ['/product/hoodie-with-logo/', 'product'], ['/p/12345', 'product'],
      ['/collections/summer', 'category'], ['/product-category/hoodies/', 'category'], ['/c/shoes', 'category'],
      ['/category/shoes', 'category'], ['/shop/', 'category'],
      ['/cart', 'cart'], ['/zh/cart', 'cart'], ['/checkout/cart/', 'cart'],
      ['/checkout', 'checkout'], ['/checkouts/c/[redacted]/information', 'checkout'],
      ['/checkouts/c/[redacted]/thank-you', 'purchase'], ['/checkout/order-received/123/', 'purchase'],
      ['/checkout/onepage/success/', 'purchase'],
      ['/search?q=shoes', 'search'], ['/catalogsearch/result/?q=x', 'search'], ['/?s=hoodie', 'search'],
      ['/blog/how-to-wash-linen', 'other'], ['/cartier-watches', 'other'],
    ];
    for (const [path, type] of cases) expect(inferPageType({ path }), path).toBe(type);
    expect(inferPageType({ path: 'https://shop.example/products/x?variant=1#reviews' })).toBe('product');
  });

  it('lets merchant rules win over everything', () => {
    const rules = [{ pattern: '/sale/*', type: 'category' as const }, { pattern: '/', type: 'other' as const }];
    expect(inferPageType({ path: '/sale/summer', rules, jsonLdTypes: ['Product'] })).toBe('category');
    expect(inferPageType({ path: '/', rules })).toBe('other');
  });

  it('keeps funnel URLs above structured data but catalog URLs below it', () => {
    // A cart page that marks up one recommended product is still the cart.
    expect(inferPageType({ path: '/cart', jsonLdTypes: ['Product'] })).toBe('cart');
    // A Magento product at /some-name.html is known only from its markup.
    expect(inferPageType({ path: '/linen-shirt.html', jsonLdTypes: ['Product'] })).toBe('product');
    // Markup beats a catalog URL rule: /products/ with a CollectionPage is a listing.
    expect(inferPageType({ path: '/products/all', jsonLdTypes: ['CollectionPage'] })).toBe('category');
  });

  it('uses the dataLayer hint before markup, and og:type after it', () => {
    expect(inferPageType({ path: '/x', dataLayerHint: 'product', jsonLdTypes: ['CollectionPage'] })).toBe('product');
    expect(inferPageType({ path: '/x', ogType: 'product' })).toBe('product');
    expect(inferPageType({ path: '/x', ogType: 'og:product' })).toBe('product');
    expect(inferPageType({ path: '/x', ogType: 'website' })).toBe('other');
    expect(inferPageType({ path: '/', dataLayerHint: 'category' })).toBe('home');
  });

  it('ships rules of every funnel and catalog type', () => {
    expect(new Set(DEFAULT_PAGE_RULES.map((r) => r.type))).toEqual(new Set(['purchase', 'cart', 'checkout', 'search', 'product', 'category']));
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (path, ogType) => {
      inferPageType({ path: path as string, ogType: ogType as string });
    }));
    expect(inferPageType(null as unknown as { path: string })).toBe('other');
  });
});
