import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../../demo/catalog/catalog';
import { CATEGORIES } from '../../../demo/catalog/categories';
import type { Locale } from '../../../demo/i18n/locale';
import { attr, scriptTags } from './lib/scan-html';
import { makeShop } from './lib/shop-fixture';

const app = makeShop();

async function jsonLdOf(path: string): Promise<Record<string, unknown>[]> {
  const page = await (await app.request(path)).text();
  return scriptTags(page)
    .filter((s) => attr(s.attrs, 'type') === 'application/ld+json')
    .map((s) => JSON.parse(s.body) as Record<string, unknown>);
}

async function pageDataOf(path: string): Promise<Record<string, unknown>> {
  const page = await (await app.request(path)).text();
  const block = scriptTags(page).find((s) => attr(s.attrs, 'id') === 'shop-data');
  return JSON.parse(block?.body ?? 'null') as Record<string, unknown>;
}

const LOCALES: readonly [Locale, string][] = [
  ['en', ''],
  ['zh-CN', '/zh'],
];

describe('product pages', () => {
  it('carry one parseable schema.org Product with offers matching the catalogue, in both languages', async () => {
    for (const [locale, prefix] of LOCALES) {
      for (const p of PRODUCTS) {
        const path = `${prefix}/product/${p.id}`;
        const blocks = await jsonLdOf(path);
        expect(blocks, path).toHaveLength(1);
        const ld = blocks[0] ?? {};
        expect(ld['@context'], path).toBe('https://schema.org');
        expect(ld['@type'], path).toBe('Product');
        expect(ld['name'], path).toBe(p.name[locale]);
        expect(ld['sku'], path).toBe(p.sku);
        expect(ld['category'], path).toBe(CATEGORIES.find((c) => c.id === p.categoryId)?.analyticsName);
        expect(ld['image'], path).toBe(`http://localhost/img/${p.id}.svg`);
        const paid = (p.salePriceCents ?? p.priceCents) / 100;
        const availability = `https://schema.org/${p.availability}`;
        const offers = ld['offers'] as Record<string, unknown> | Record<string, unknown>[];
        if (p.offersShape === 'aggregate') {
          expect(offers, path).toMatchObject({ '@type': 'AggregateOffer', lowPrice: paid, priceCurrency: 'USD' });
        } else {
          expect(Array.isArray(offers), path).toBe(p.offersShape === 'array');
          const offer = (Array.isArray(offers) ? offers[0] : offers) ?? {};
          expect(offer, path).toMatchObject({ '@type': 'Offer', priceCurrency: 'USD', availability });
          expect(Number(offer['price']), path).toBe(paid);
        }
        if (p.rating) {
          expect(ld['aggregateRating'], path).toMatchObject({
            '@type': 'AggregateRating',
            ratingValue: p.rating.value,
            reviewCount: p.rating.count,
          });
        } else {
          expect(ld['aggregateRating'], path).toBeUndefined();
        }
      }
    }
  });

  it('marks the pre-sale price of sale items as a StrikethroughPrice', async () => {
    const onSale = PRODUCTS.filter((p) => p.salePriceCents !== undefined && p.offersShape === 'object');
    expect(onSale.length).toBeGreaterThan(0);
    for (const p of onSale) {
      const offer = (await jsonLdOf(`/product/${p.id}`))[0]?.['offers'] as Record<string, unknown>;
      expect(offer['priceSpecification']).toMatchObject({
        priceType: 'https://schema.org/StrikethroughPrice',
        price: (p.priceCents / 100).toFixed(2),
      });
    }
  });

  it('declares og:type product and tells shop.js which item is viewed', async () => {
    const page = await (await app.request('/product/gooseneck-kettle')).text();
    expect(page).toContain('<meta property="og:type" content="product">');
    expect(await (await app.request('/')).text()).toContain('<meta property="og:type" content="website">');
    const data = await pageDataOf('/product/gooseneck-kettle');
    expect(data['page']).toBe('product');
    expect(data['itemId']).toBe('gooseneck-kettle');
  });

  it('disables add-to-cart for sold-out products', async () => {
    const soldOut = PRODUCTS.find((p) => p.availability === 'OutOfStock');
    expect(soldOut).toBeDefined();
    const page = await (await app.request(`/product/${soldOut?.id}`)).text();
    expect(page).toMatch(/<button[^>]*data-testid="add-to-cart"[^>]*disabled>/);
    const inStock = await (await app.request('/product/french-press')).text();
    expect(inStock).not.toMatch(/<button[^>]*data-testid="add-to-cart"[^>]*disabled>/);
  });
});

describe('page data for shop.js', () => {
  it('lists a category in display order and prices every product in the page language', async () => {
    const data = await pageDataOf('/zh/category/tea?sort=price-desc');
    const list = data['list'] as { id: string; itemIds: string[] };
    expect(list.id).toBe('tea');
    const prices = list.itemIds.map((id) => {
      const p = PRODUCTS.find((q) => q.id === id);
      return p?.salePriceCents ?? p?.priceCents ?? NaN;
    });
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    expect(list.itemIds.sort()).toEqual(PRODUCTS.filter((p) => p.categoryId === 'tea').map((p) => p.id).sort());
    const catalog = data['catalog'] as Record<string, { name: string; url: string; priceCents: number }>;
    expect(Object.keys(catalog)).toHaveLength(PRODUCTS.length);
    expect(catalog['west-lake-longjing']?.name).toBe('西湖龙井');
    expect(catalog['west-lake-longjing']?.url).toBe('/zh/product/west-lake-longjing');
  });

  it("gives the checkout the shop's own coupon endpoint, which redeems at Tailor with the server key", async () => {
    const data = await pageDataOf('/checkout');
    expect(data['couponUrl']).toBe('/api/coupon');
    const mounted = makeShop({ basePath: '/shop' });
    expect(await (await mounted.request('/checkout')).text()).toContain('"couponUrl":"/shop/api/coupon"');
    // The key never reaches a page.
    const keyed = makeShop({ couponServerKey: 'tk_server_secret-never-in-a-page' });
    expect(await (await keyed.request('/checkout')).text()).not.toContain('tk_server_');
    // Without a key the coupon box is told coupons are unavailable; a bad body is refused before Tailor is called.
    const post = (shop: ReturnType<typeof makeShop>, body: string) => shop.request('/api/coupon', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect((await post(makeShop(), '{"code":"X","orderValue":1}')).status).toBe(503);
    expect((await post(keyed, '{"code":7}')).status).toBe(400);
  });

  it('forwards a coupon to Tailor with the Bearer server key, the site and the shopper address, and relays the answer', async () => {
    const seen: { auth: string | null; body: unknown }[] = [];
    const { serve } = await import('@hono/node-server');
    const { Hono } = await import('hono');
    const tailor = new Hono();
    tailor.post('/v1/coupons/redeem', async (c) => {
      seen.push({ auth: c.req.header('Authorization') ?? null, body: await c.req.json() });
      return c.json({ error: 'already_redeemed', message: 'used' }, 409);
    });
    const server = await new Promise<{ close(): void; port: number }>((done) => {
      const s = serve({ fetch: tailor.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done({ close: () => s.close(), port: info.port }));
    });
    try {
      const shop = makeShop({ endpoint: `http://127.0.0.1:${server.port}`, couponServerKey: 'tk_server_k' });
      const res = await shop.request('/api/coupon', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"code":"ABCD","orderValue":12.5}' }, { incoming: { socket: { remoteAddress: '203.0.113.4' } } });
      expect(res.status).toBe(409);
      expect((await res.json()).error).toBe('already_redeemed');
      expect(seen).toEqual([{ auth: 'Bearer tk_server_k', body: { code: 'ABCD', orderValue: 12.5, site: 'demo', shopperAddress: '203.0.113.4' } }]);
    } finally {
      server.close();
    }
  });

  it('reports the search term and its results', async () => {
    const data = await pageDataOf('/search?q=%20Kettle%20');
    expect(data['searchTerm']).toBe('Kettle');
    expect((data['list'] as { itemIds: string[] }).itemIds).toContain('gooseneck-kettle');
    expect((await pageDataOf('/search'))['searchTerm']).toBeUndefined();
  });
});
