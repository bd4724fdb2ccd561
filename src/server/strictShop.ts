/**
 * The demo shop mounted on Tailor's own origin under a strict CSP
 * (`script-src 'self'; worker-src 'self'`), the setup a security-minded
 * merchant who self-hosts tailor.js would run. It proves Tailor needs no
 * inline script, no eval and no blob worker when served same-origin.
 */
import type { Hono } from 'hono';
import { createShopApp } from '../../demo/shop-app';

/** Path prefix of the strict-CSP shop on Tailor's origin. */
export const STRICT_CSP_PATH = '/strict-shop';

/** The policy sent with every strict-shop page. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Mounts the strict shop on `app`, loading tailor.js same-origin; its backend redeems with `couponServerKey`. */
export function mountStrictShop(app: Hono, tailorUrl: string, couponServerKey?: string): void {
  const shop = createShopApp({
    tailorScriptUrl: '/sdk/tailor.js',
    endpoint: tailorUrl,
    site: 'demo',
    csp: STRICT_CSP,
    basePath: STRICT_CSP_PATH,
    ...(couponServerKey ? { couponServerKey } : {}),
  });
  // mount() strips the prefix, so `/strict-shop/` reaches the shop as `/`.
  app.mount(STRICT_CSP_PATH, shop.fetch);
}
