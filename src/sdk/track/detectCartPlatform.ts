/**
 * Whether the page runs on a shop platform whose cart Tailor reads by itself (captureCart.ts), from the globals
 * each storefront defines. Kept apart so that pages on other platforms never load the cart reader.
 */

/** A platform whose cart can be read, and where. */
export interface CartPlatform {
  readonly platform: 'shopify' | 'woocommerce';
  /** Same-origin path of the platform's cart API. */
  readonly url: string;
}

/** Shopify (`window.Shopify`, `{root}cart.js`) or WooCommerce (its globals or body class, the Store API); null elsewhere. */
export function detectCartPlatform(w: Window = window): CartPlatform | null {
  const g = w as unknown as { Shopify?: { shop?: unknown; routes?: { root?: unknown } }; wcSettings?: unknown; wc?: unknown; woocommerce_params?: unknown; wc_add_to_cart_params?: unknown };
  if (g.Shopify && typeof g.Shopify === 'object' && (g.Shopify.shop !== undefined || g.Shopify.routes !== undefined)) {
    const root = typeof g.Shopify.routes?.root === 'string' && g.Shopify.routes.root.startsWith('/') ? g.Shopify.routes.root : '/';
    return { platform: 'shopify', url: `${root.endsWith('/') ? root : `${root}/`}cart.js` };
  }
  const body = w.document?.body;
  const woo = g.wcSettings !== undefined || g.wc !== undefined || g.woocommerce_params !== undefined || g.wc_add_to_cart_params !== undefined;
  if (woo || body?.classList.contains('woocommerce') || body?.classList.contains('woocommerce-page')) {
    return { platform: 'woocommerce', url: '/wp-json/wc/store/v1/cart' };
  }
  return null;
}
