/**
 * Product views from schema.org structured data: JSON-LD first, microdata as
 * the fallback. JSON-LD inserted after load (single-page shops, lazy widgets)
 * is read through a throttled MutationObserver. One `product_view` per product
 * per page view. The same scan reads a schema.org `Order` as the cart (a
 * `view_cart` snapshot whenever it changes).
 */
import { jsonLdNodes, productsFromJsonLd } from '../../core/events/jsonld';
import { productsFromMicrodata } from '../../core/events/microdata';
import type { Capture } from './context';
import type { ProductInfo } from '../../core/events/schema';
import { throttle } from '../lib/throttle';
import type { PlatformCart } from '../../core/cart/platformCarts';

/**
 * The product of a Shopify product page's `ShopifyAnalytics.meta`, when the theme prints no structured data; its
 * reader is a chunk of its own, loaded only on pages that define the global.
 */
async function shopifyProduct(variant: string | undefined): Promise<ProductInfo[]> {
  const g = window as unknown as { ShopifyAnalytics?: { meta?: { product?: unknown } }; Shopify?: { currency?: { active?: string } } };
  if (!g.ShopifyAnalytics?.meta?.product) return [];
  const { productFromShopifyMeta } = await import('../../core/events/shopifyMeta');
  const product = productFromShopifyMeta(g.ShopifyAnalytics.meta, variant, g.Shopify?.currency?.active);
  return product ? [product] : [];
}

/**
 * The cart a schema.org `Order` on the page implies (core/cart/schemaOrder.ts), read by a chunk of its own that
 * loads only on pages whose JSON-LD mentions an Order.
 */
async function schemaOrderCart(texts: readonly string[]): Promise<PlatformCart | null> {
  if (!texts.some((t) => t.includes('Order'))) return null;
  const { cartFromSchemaOrder } = await import('../../core/cart/schemaOrder');
  return cartFromSchemaOrder(jsonLdNodes(texts));
}

/** Texts of every JSON-LD block on the page. */
export function jsonLdTexts(root: ParentNode = document): string[] {
  return Array.from(root.querySelectorAll('script[type="application/ld+json"]'), (s) => s.textContent ?? '');
}

export const captureProducts: Capture = (ctx) => {
  let seen = new Set<string>();
  let seenView = ctx.page.viewId;
  // The last Order cart emitted: a scan that finds the same one again says nothing new.
  let lastCart: string | null = null;
  const emitCart = (found: PlatformCart | null) => {
    if (!found) return;
    const key = JSON.stringify(found.cart);
    if (key === lastCart) return;
    lastCart = key;
    ctx.counters.ignoredItems += found.ignoredItems;
    ctx.emit({ name: 'view_cart', props: found.cart });
  };
  const emitAll = (products: readonly ProductInfo[]) => {
    for (const product of products) {
      if (seen.has(product.product_id)) continue;
      seen.add(product.product_id);
      if (ctx.page.type === 'product' && !ctx.page.productId) ctx.page.productId = product.product_id;
      ctx.emit({ name: 'product_view', props: product });
    }
  };
  const scan = () => {
    try {
      if (ctx.page.viewId !== seenView) {
        seen = new Set();
        seenView = ctx.page.viewId;
      }
      // A ProductGroup's selected variant is the one in the URL (Shopify: ?variant=123), re-read on every scan.
      const variant = new URLSearchParams(location.search).get('variant') ?? undefined;
      const texts = jsonLdTexts();
      void schemaOrderCart(texts).then(emitCart, (error: unknown) => ctx.log.debug('Order markup ignored:', error));
      let products = productsFromJsonLd(texts, variant ? { variant } : {});
      if (products.length === 0) products = productsFromMicrodata(document.documentElement);
      if (products.length === 0) {
        const view = ctx.page.viewId;
        void shopifyProduct(variant).then((found) => ctx.page.viewId === view && emitAll(found), (error: unknown) => ctx.log.debug('Shopify meta ignored:', error));
      }
      emitAll(products);
    } catch (error) {
      ctx.log.debug('structured data ignored:', error);
    }
  };
  scan();
  ctx.onPageView(scan);
  const later = throttle(scan, 500);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const node of Array.from(r.addedNodes)) {
        if (node instanceof HTMLScriptElement ? node.type === 'application/ld+json' : node instanceof Element && node.querySelector('script[type="application/ld+json"],[itemtype]')) {
          later();
          return;
        }
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
};
