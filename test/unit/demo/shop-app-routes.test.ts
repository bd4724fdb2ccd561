import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../../demo/catalog/catalog';
import { createShopApp } from '../../../demo/shop-app';
import { createPageContext } from '../../../demo/views/page-context';
import { productCard } from '../../../demo/views/product-card';
import { normaliseShopOptions } from '../../../demo/shop-options';
import type { Product } from '../../../demo/catalog/types';
import { attr, scriptTags } from './lib/scan-html';
import { TAILOR_SCRIPT, makeShop } from './lib/shop-fixture';

const app = makeShop();

describe('product images', () => {
  it('serves a deterministic SVG per product, different between products', async () => {
    const bodies = new Set<string>();
    for (const p of PRODUCTS) {
      const res = await app.request(`/img/${p.id}.svg`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      const svg = await res.text();
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 400 400"/);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(svg).not.toMatch(/<script|on[a-z]+=/i);
      expect(await (await app.request(`/img/${p.id}.svg`)).text()).toBe(svg);
      bodies.add(svg);
    }
    expect(bodies.size).toBe(PRODUCTS.length);
  });

  it('answers 404 for unknown products and other file names', async () => {
    for (const path of ['/img/nope.svg', '/img/french-press.png', '/img/..%2Fshop.js']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});

describe('static assets', () => {
  it('serves shop.js and shop.css with their content types', async () => {
    const js = await app.request('/shop.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain("dataLayer");
    const css = await app.request('/shop.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});

describe('checkout and rating posts', () => {
  const post = (path: string, fields: Record<string, string>) =>
    app.request(path, { method: 'POST', body: new URLSearchParams(fields) });

  it('redirects a placed order to the thank-you page, keeping a well-formed order id', async () => {
    const res = await post('/zh/checkout', { order: 'EL-ABC123-0F0F', name: 'Ada' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/zh/thank-you?order=EL-ABC123-0F0F');
  });

  it('replaces a missing or malformed order id with a fresh one', async () => {
    for (const order of ['', '<script>', 'el-lowercase']) {
      const location = (await post('/checkout', { order })).headers.get('location') ?? '';
      expect(location).toMatch(/^\/thank-you\?order=EL-[A-Z0-9]+-[0-9A-F]{4}$/);
    }
  });

  it('shows only a well-formed order id on the thank-you page', async () => {
    const good = await (await app.request('/thank-you?order=EL-ABC123-0F0F')).text();
    expect(good).toMatch(/data-testid="order-number">EL-ABC123-0F0F</);
    const bad = await (await app.request('/thank-you?order=%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
    expect(bad).not.toContain('order-number');
    expect(bad).not.toContain('alert(1)');
  });

  it('acknowledges a valid rating and ignores an invalid one', async () => {
    const ok = await post('/product/french-press/rate', { rating: '4' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/product/french-press?rated=1');
    const bad = await post('/product/french-press/rate', { rating: '9' });
    expect(bad.headers.get('location')).toBe('/product/french-press');
    const page = await (await app.request('/product/french-press?rated=1')).text();
    expect(page).toMatch(/<p class="notice" data-rate-thanks role="status">/);
  });
});

describe('escaping of untrusted text', () => {
  it('escapes a search query in the page and keeps it out of script blocks', async () => {
    const page = await (await app.request('/search?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const data = scriptTags(page).find((s) => attr(s.attrs, 'id') === 'shop-data');
    expect(JSON.parse(data?.body ?? '{}').searchTerm).toBe('</script><script>alert(1)</script>');
  });

  it('escapes a hostile product name in a product card', () => {
    const hostile: Product = {
      id: 'evil', sku: 'X-1', categoryId: 'coffee',
      name: { en: '<script>alert("x")</script>', 'zh-CN': '<img src=x onerror=alert(1)>' },
      description: { en: '', 'zh-CN': '' },
      priceCents: 100, availability: 'InStock', offersShape: 'object',
    };
    const config = normaliseShopOptions({ tailorScriptUrl: TAILOR_SCRIPT, endpoint: 'http://localhost:8080' });
    const en = productCard(createPageContext(config, 'en', 'http://shop.test/'), hostile).value;
    expect(en).not.toContain('<script>');
    expect(en).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const zh = productCard(createPageContext(config, 'zh-CN', 'http://shop.test/'), hostile).value;
    expect(zh).not.toContain('<img src=x');
  });
});

describe('options', () => {
  it('adds tagAttributes to the Tailor tag, escaped', async () => {
    const shop = makeShop({ site: 'acme', tagAttributes: { 'data-consent': 'required', 'data-note': '"><b>' } });
    const page = await (await shop.request('/')).text();
    const tag = scriptTags(page).find((s) => attr(s.attrs, 'src') === TAILOR_SCRIPT)?.attrs ?? '';
    expect(attr(tag, 'data-consent')).toBe('required');
    expect(attr(tag, 'data-site')).toBe('acme');
    expect(tag).toContain('data-note="&quot;&gt;&lt;b&gt;"');
  });

  it('rejects bad options with a message naming the option and the function', () => {
    const base = { tailorScriptUrl: TAILOR_SCRIPT, endpoint: 'http://localhost:8080' };
    expect(() => createShopApp({ ...base, tailorScriptUrl: 'javascript:alert(1)' })).toThrow(
      /'tailorScriptUrl' passed to 'createShopApp'/,
    );
    expect(() => createShopApp({ ...base, endpoint: '//evil.test' })).toThrow(/'endpoint' passed to 'createShopApp'/);
    expect(() => createShopApp({ ...base, basePath: 'shop' })).toThrow(/'basePath' passed to 'createShopApp'/);
    expect(() => createShopApp({ ...base, tagAttributes: { src: 'x' } })).toThrow(/'tagAttributes'/);
    expect(() => createShopApp({ ...base, tagAttributes: { 'a b': 'x' } })).toThrow(/'tagAttributes'/);
    expect(() => createShopApp({ ...base, csp: "default-src 'self'\r\nX: y" })).toThrow(/'csp'/);
    expect(() => createShopApp({ ...base, site: '' })).toThrow(/'site'/);
  });

  it('accepts a same-origin script path', async () => {
    const shop = createShopApp({ tailorScriptUrl: '/sdk/tailor.js', endpoint: 'http://localhost:8080' });
    const page = await (await shop.request('/')).text();
    expect(scriptTags(page).filter((s) => attr(s.attrs, 'src') === '/sdk/tailor.js')).toHaveLength(1);
  });
});
