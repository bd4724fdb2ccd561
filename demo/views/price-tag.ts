import type { Product } from '../catalog/types';
import { effectivePriceCents } from '../catalog/types';
import { formatPrice } from '../lib/format-price';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import type { PageContext } from './page-context';

/** A product's price, with the struck-through list price when it is on sale. */
export function priceTag(ctx: PageContext, product: Product): SafeHtml {
  const now = formatPrice(effectivePriceCents(product), ctx.locale);
  if (product.salePriceCents === undefined) {
    return html`<span class="price"><span class="price-now">${now}</span></span>`;
  }
  return html`<span class="price price-on-sale"><span class="price-now">${now}</span> <s class="price-was">${formatPrice(
    product.priceCents,
    ctx.locale,
  )}</s></span>`;
}
