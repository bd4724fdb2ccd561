import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { findCategory, findProduct } from './catalog/catalog';
import { productImageSvg } from './catalog/product-image';
import { LOCALES } from './i18n/locale';
import type { Locale } from './i18n/locale';
import type { SafeHtml } from './lib/html';
import { newOrderId } from './lib/new-order-id';
import { couponRoute } from './coupon-route';
import { normaliseShopOptions } from './shop-options';
import type { ShopConfig, ShopOptions } from './shop-options';
import { renderCartPage } from './views/cart-page';
import { parseSortOrder, renderCategoryPage } from './views/category-page';
import { renderCheckoutPage } from './views/checkout-page';
import { renderHomePage } from './views/home-page';
import { renderNotFoundPage } from './views/not-found-page';
import { createPageContext, pageHref } from './views/page-context';
import type { PageContext } from './views/page-context';
import { renderProductPage } from './views/product-page';
import { renderSearchPage } from './views/search-page';
import { ORDER_ID_PATTERN, renderThankYouPage } from './views/thank-you-page';

export type { ShopOptions } from './shop-options';

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#7a3415"/><path d="M16 6c-6 6-6 14 0 20 6-6 6-14 0-20z" fill="#f6e7d8"/></svg>`;

function readPublic(name: string): string {
  return readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8');
}

function sendPage(c: Context, config: ShopConfig, page: SafeHtml, status: 200 | 404 = 200): Response {
  if (config.csp !== undefined) c.header('Content-Security-Policy', config.csp);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.html(page.value, status);
}

function registerLocaleRoutes(app: Hono, config: ShopConfig, locale: Locale, prefix: string): void {
  const ctxOf = (c: Context): PageContext => createPageContext(config, locale, c.req.url);
  const notFound = (c: Context): Response => sendPage(c, config, renderNotFoundPage(ctxOf(c)), 404);

  const home = (c: Context): Response => sendPage(c, config, renderHomePage(ctxOf(c)));
  app.get(`${prefix}/`, home);
  if (prefix !== '') app.get(prefix, home);

  app.get(`${prefix}/category/:slug`, (c) => {
    const category = findCategory(c.req.param('slug'));
    if (!category) return notFound(c);
    return sendPage(c, config, renderCategoryPage(ctxOf(c), category, parseSortOrder(c.req.query('sort'))));
  });

  app.get(`${prefix}/product/:id`, (c) => {
    const product = findProduct(c.req.param('id'));
    if (!product) return notFound(c);
    return sendPage(c, config, renderProductPage(ctxOf(c), product, c.req.query('rated') === '1'));
  });

  // The no-JavaScript path of the rating form. The demo keeps no reviews, so a valid rating is acknowledged only.
  app.post(`${prefix}/product/:id/rate`, async (c) => {
    const product = findProduct(c.req.param('id'));
    if (!product) return notFound(c);
    const rating = Number((await c.req.parseBody())['rating']);
    const ok = Number.isInteger(rating) && rating >= 1 && rating <= 5;
    const path = `/product/${encodeURIComponent(product.id)}${ok ? '?rated=1' : ''}`;
    return c.redirect(pageHref(ctxOf(c), path), 303);
  });

  app.get(`${prefix}/search`, (c) => sendPage(c, config, renderSearchPage(ctxOf(c), c.req.query('q') ?? '')));
  app.get(`${prefix}/cart`, (c) => sendPage(c, config, renderCartPage(ctxOf(c))));
  app.get(`${prefix}/checkout`, (c) => sendPage(c, config, renderCheckoutPage(ctxOf(c))));

  // Post/redirect/get, so reloading the confirmation never re-submits the order.
  app.post(`${prefix}/checkout`, async (c) => {
    const posted = (await c.req.parseBody())['order'];
    const orderId = typeof posted === 'string' && ORDER_ID_PATTERN.test(posted) ? posted : newOrderId();
    return c.redirect(pageHref(ctxOf(c), `/thank-you?order=${encodeURIComponent(orderId)}`), 303);
  });

  app.get(`${prefix}/thank-you`, (c) => sendPage(c, config, renderThankYouPage(ctxOf(c), c.req.query('order'))));
}

/**
 * The demo shop: a small coffee-and-tea store standing in for a merchant's own site. Its only link to Tailor is the
 * single async script tag in every page's head; the checkout's coupon box posts to the shop's own backend, which
 * redeems at Tailor with the merchant's server key (./coupon-route.ts), as a merchant's own checkout would.
 *
 * Routes are relative to where the app is mounted; `basePath` only tells the pages how to link, so mount it at that
 * prefix (`main.route('/shop', app)` or `main.mount('/shop', app.fetch)`), or serve it directly when it is ''.
 */
export function createShopApp(opts: ShopOptions): Hono {
  const config = normaliseShopOptions(opts);
  const shopJs = readPublic('shop.js');
  const shopCss = readPublic('shop.css');
  const app = new Hono();

  for (const { locale, prefix } of LOCALES) registerLocaleRoutes(app, config, locale, prefix);
  app.post('/api/coupon', couponRoute(config));

  app.get('/img/:file', (c) => {
    const match = /^([a-z0-9-]+)\.svg$/.exec(c.req.param('file'));
    const product = match?.[1] === undefined ? undefined : findProduct(match[1]);
    if (!product) return c.text('Not found', 404);
    return c.body(productImageSvg(product), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  app.get('/favicon.svg', (c) =>
    c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }),
  );
  app.get('/shop.js', (c) => c.body(shopJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/shop.css', (c) => c.body(shopCss, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.notFound((c) => {
    const locale: Locale = c.req.path.split('/').includes('zh') ? 'zh-CN' : 'en';
    return sendPage(c, config, renderNotFoundPage(createPageContext(config, locale, c.req.url)), 404);
  });
  return app;
}
