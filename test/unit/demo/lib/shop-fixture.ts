import { PRODUCTS } from '../../../../demo/catalog/catalog';
import { createShopApp } from '../../../../demo/shop-app';
import type { ShopOptions } from '../../../../demo/shop-app';

/** Tailor as the lead's e2e setup runs it: another origin than the shop. */
export const TAILOR_ORIGIN = 'http://localhost:8080';
export const TAILOR_SCRIPT = `${TAILOR_ORIGIN}/sdk/tailor.js`;
export const STRICT_CSP = `default-src 'self'; script-src 'self' ${TAILOR_ORIGIN}; style-src 'self'; img-src 'self' data:`;

/** A shop app wired to a Tailor on another origin, with overrides. */
export function makeShop(overrides: Partial<ShopOptions> = {}) {
  return createShopApp({ tailorScriptUrl: TAILOR_SCRIPT, endpoint: TAILOR_ORIGIN, ...overrides });
}

/** Every HTML page path of one language (without the language prefix), one per route and every product. */
export const PAGE_PATHS: readonly string[] = [
  '/',
  '/category/coffee',
  '/category/tea?sort=price-asc',
  '/category/brewing-gear?sort=rating',
  ...PRODUCTS.map((p) => `/product/${p.id}`),
  '/search?q=tea',
  '/search',
  '/cart',
  '/checkout',
  '/thank-you?order=EL-ABC123-0F0F',
];

/** The same pages in both languages: [locale prefix + path]. */
export const ALL_PAGE_PATHS: readonly string[] = [...PAGE_PATHS, ...PAGE_PATHS.map((p) => `/zh${p}`)];
