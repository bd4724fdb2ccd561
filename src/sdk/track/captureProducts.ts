/**
 * Product views from schema.org structured data: JSON-LD first, microdata as
 * the fallback. JSON-LD inserted after load (single-page shops, lazy widgets)
 * is read through a throttled MutationObserver. One `product_view` per product
 * per page view.
 */
import { productsFromJsonLd } from '../../core/events/jsonld';
import { productsFromMicrodata } from '../../core/events/microdata';
import type { Capture } from './context';
import { throttle } from '../lib/throttle';

/** Texts of every JSON-LD block on the page. */
export function jsonLdTexts(root: ParentNode = document): string[] {
  return Array.from(root.querySelectorAll('script[type="application/ld+json"]'), (s) => s.textContent ?? '');
}

export const captureProducts: Capture = (ctx) => {
  let seen = new Set<string>();
  let seenView = ctx.page.viewId;
  const scan = () => {
    try {
      if (ctx.page.viewId !== seenView) {
        seen = new Set();
        seenView = ctx.page.viewId;
      }
      let products = productsFromJsonLd(jsonLdTexts());
      if (products.length === 0) products = productsFromMicrodata(document.documentElement);
      for (const product of products) {
        if (seen.has(product.product_id)) continue;
        seen.add(product.product_id);
        if (ctx.page.type === 'product' && !ctx.page.productId) ctx.page.productId = product.product_id;
        ctx.emit({ name: 'product_view', props: product });
      }
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
