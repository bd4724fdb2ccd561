import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { attr, hrefs, scriptTags } from './lib/scan-html';
import { ALL_PAGE_PATHS, STRICT_CSP, TAILOR_SCRIPT, makeShop } from './lib/shop-fixture';

const HAN = /\p{Script=Han}/u;

describe('every page', () => {
  const app = makeShop({ csp: STRICT_CSP });

  it('is HTML with the CSP header and exactly one Tailor tag, async, in <head>', async () => {
    for (const path of ALL_PAGE_PATHS) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy'), path).toBe(STRICT_CSP);
      const page = await res.text();
      const tailorTags = scriptTags(page).filter((s) => attr(s.attrs, 'src') === TAILOR_SCRIPT);
      expect(tailorTags, path).toHaveLength(1);
      const tag = tailorTags[0]?.attrs ?? '';
      expect(tag, path).toMatch(/(^|\s)async(\s|$)/);
      expect(attr(tag, 'data-site'), path).toBe('demo');
      expect(attr(tag, 'data-endpoint'), path).toBe('http://localhost:8080');
      expect(attr(tag, 'data-locale'), path).toBe(path.startsWith('/zh') ? 'zh-CN' : 'en');
      expect(page.indexOf(TAILOR_SCRIPT), path).toBeLessThan(page.indexOf('</head>'));
      expect(page.split('localhost:8080/sdk').length - 1, path).toBe(1);
    }
  });

  it('has no inline script, inline handler or inline style (works under a strict CSP)', async () => {
    for (const path of ALL_PAGE_PATHS) {
      const page = await (await app.request(path)).text();
      for (const script of scriptTags(page)) {
        const src = attr(script.attrs, 'src');
        const type = attr(script.attrs, 'type');
        if (src !== undefined) {
          expect(script.body, path).toBe('');
          expect([TAILOR_SCRIPT, '/shop.js'], path).toContain(src);
        } else {
          expect(['application/ld+json', 'application/json'], path).toContain(type);
        }
      }
      expect(page, path).not.toMatch(/\son[a-z]+\s*=/i);
      expect(page, path).not.toMatch(/\sstyle\s*=/i);
      expect(page, path).not.toMatch(/<style/i);
      expect(page, path).not.toMatch(/javascript:/i);
    }
  });

  it('sets the language on <html> and shows Chinese text on /zh pages only', async () => {
    for (const path of ALL_PAGE_PATHS) {
      const page = await (await app.request(path)).text();
      const zh = path.startsWith('/zh');
      expect(page, path).toContain(`<html lang="${zh ? 'zh-CN' : 'en'}">`);
      const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? '';
      const mainText = /<main[^>]*>([\s\S]*)<\/main>/.exec(page)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
      if (zh) {
        expect(mainText, path).toMatch(HAN);
        expect(page, path).toContain('购物车');
      } else {
        expect(title, path).not.toMatch(HAN);
        expect(mainText, path).not.toMatch(HAN);
      }
    }
  });

  it('links to the same page in the other language', async () => {
    const en = await (await app.request('/product/french-press')).text();
    const zh = await (await app.request('/zh/product/french-press')).text();
    expect(en).toMatch(/href="\/zh\/product\/french-press"[^>]*data-testid="lang-switch"/);
    expect(zh).toMatch(/href="\/product\/french-press"[^>]*data-testid="lang-switch"/);
  });

  it('carries the stable test hooks the e2e tests rely on', async () => {
    const product = await (await app.request('/product/french-press')).text();
    for (const id of ['add-to-cart', 'cart-link', 'cart-count', 'search-input', 'product-link', 'lang-switch']) {
      expect(product, id).toContain(`data-testid="${id}"`);
    }
    expect(product.split('data-testid="add-to-cart"').length - 1).toBe(1);
    const checkout = await (await app.request('/checkout')).text();
    for (const id of ['coupon-input', 'coupon-apply', 'coupon-message', 'place-order', 'checkout-total']) {
      expect(checkout, id).toContain(`data-testid="${id}"`);
    }
    expect(await (await app.request('/cart')).text()).toContain('data-testid="checkout-button"');
  });
});

describe('without a CSP option', () => {
  it('sends no Content-Security-Policy header', async () => {
    const res = await makeShop().request('/');
    expect(res.headers.get('content-security-policy')).toBeNull();
  });
});

describe('basePath', () => {
  it('prefixes every site-relative link and asset, and works when mounted under that prefix', async () => {
    const shop = makeShop({ basePath: '/shop/' });
    const main = new Hono().route('/shop', shop);
    for (const path of ['/shop', '/shop/zh', '/shop/zh/', '/shop/product/french-press', '/shop/checkout', '/shop/search?q=tea']) {
      const res = await main.request(path);
      expect(res.status, path).toBe(200);
      const page = await res.text();
      const local = [...hrefs(page), ...[...page.matchAll(/\ssrc="(\/[^"]*)"/g)].map((m) => m[1] ?? '')].filter(
        (h) => h.startsWith('/'),
      );
      expect(local.length, path).toBeGreaterThan(5);
      for (const href of local) expect(href, path).toMatch(/^\/shop(\/|$)/);
      const data = JSON.parse(/<script type="application\/json" id="shop-data">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '');
      expect(data.hrefs.cart).toMatch(/^\/shop\/(zh\/)?cart$/);
    }
    const css = await main.request('/shop/shop.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('has no broken internal link on any page, whether mounted with route() or mount()', async () => {
    const shop = makeShop({ basePath: '/shop' });
    const mounts = [new Hono().route('/shop', shop), new Hono().mount('/shop', shop.fetch)];
    for (const main of mounts) {
      const seen = new Set<string>();
      for (const path of ['/shop', '/shop/zh', '/shop/product/gooseneck-kettle', '/shop/zh/search?q=tea']) {
        const page = await (await main.request(path)).text();
        const local = [...hrefs(page), ...[...page.matchAll(/\ssrc="(\/[^"]*)"/g)].map((m) => m[1] ?? '')];
        for (const href of local.filter((h) => h.startsWith('/') && !seen.has(h))) {
          seen.add(href);
          expect((await main.request(href.replace(/&amp;/g, '&'))).status, `${href} on ${path}`).toBe(200);
        }
      }
      expect(seen.size).toBeGreaterThan(40);
    }
  });
});

describe('404', () => {
  it('is a full shop page with the tag and CSP, in the language of the path', async () => {
    const app = makeShop({ csp: STRICT_CSP });
    for (const path of ['/nope', '/product/nope', '/category/nope', '/zh/product/nope']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy'), path).toBe(STRICT_CSP);
      const page = await res.text();
      expect(scriptTags(page).filter((s) => attr(s.attrs, 'src') === TAILOR_SCRIPT), path).toHaveLength(1);
      expect(page, path).toContain(path.startsWith('/zh') ? 'lang="zh-CN"' : 'lang="en"');
    }
  });
});
