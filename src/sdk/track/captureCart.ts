/**
 * The cart from the shop platform's own storefront API, zero code: on a Shopify shop `GET {root}cart.js`, on a
 * WooCommerce shop `GET /wp-json/wc/store/v1/cart` (core/cart/platformCarts.ts parses both). Same origin, a GET
 * with the shop's own cookie, nothing of Tailor's in it: the shopper's browser asks the shop what is in its cart,
 * as the shop's own theme does. Read at start, when the tab comes back, and shortly after the shopper uses a
 * cart control; a changed cart is emitted as a `view_cart` snapshot. Shops on neither platform publish the cart
 * through GA4 (`view_cart`, `add_to_cart`, … in the dataLayer) or call `tailor.cart({...})`.
 */
import { cartFromShopify, cartFromWooStore } from '../../core/cart/platformCarts';
import type { CaptureContext } from './context';
import type { CartPlatform } from './detectCartPlatform';

/** Controls that change a cart on these platforms' themes: after a click or submit on one, the cart is read again. */
const CART_CONTROLS = [
  'form[action*="/cart"]', '[name="add"]', '[data-add-to-cart]', '.add_to_cart_button', '.single_add_to_cart_button',
  '.remove_from_cart_button', '[name="update_cart"]', 'a.remove', '[href*="/cart/change"]',
].join(',');
const READ_TIMEOUT_MS = 3000;
/** Themes update the cart with their own request after the click: read once soon, once when it surely landed. */
const AFTER_CONTROL_MS = [800, 2500];

/** Starts reading the cart of `platform` (detected by detectCartPlatform.ts; this chunk loads only there). */
export function captureCart(ctx: CaptureContext, platform: CartPlatform): { refresh(): Promise<void>; stop(): void } {
  const source = { ...platform, parse: platform.platform === 'shopify' ? cartFromShopify : cartFromWooStore };
  let last: string | null = null;
  let inFlight: Promise<void> | null = null;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const read = async (): Promise<void> => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), READ_TIMEOUT_MS);
    try {
      const response = await fetch(source.url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: abort.signal });
      const read = response.ok ? source.parse(await response.json()) : null;
      if (!read) {
        ctx.counters.failedCartReads += 1;
        return;
      }
      ctx.counters.ignoredItems += read.ignoredItems;
      const key = JSON.stringify(read.cart);
      if (key === last) return;
      last = key;
      ctx.emit({ name: 'view_cart', props: read.cart });
    } catch (error) {
      ctx.counters.failedCartReads += 1;
      ctx.log.debug(`${source.platform} cart not read:`, error);
    } finally {
      clearTimeout(timer);
    }
  };
  // One read at a time: a read asked for during one joins it.
  const refresh = () => (inFlight ??= read().finally(() => (inFlight = null)));
  const later = (ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      void refresh();
    }, ms);
    timers.add(t);
  };
  const onControl = (e: Event) => {
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest(CART_CONTROLS)) for (const ms of AFTER_CONTROL_MS) later(ms);
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') void refresh();
  };
  const onShow = (e: PageTransitionEvent) => {
    if (e.persisted) void refresh();
  };
  addEventListener('click', onControl, { capture: true, passive: true });
  addEventListener('submit', onControl, { capture: true });
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('pageshow', onShow);
  void refresh();
  return {
    refresh,
    stop() {
      for (const t of timers) clearTimeout(t);
      removeEventListener('click', onControl, { capture: true });
      removeEventListener('submit', onControl, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
      removeEventListener('pageshow', onShow);
    },
  };
}
