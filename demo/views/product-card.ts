import type { Product } from '../catalog/types';
import { salePercent } from '../catalog/types';
import { formatMessage } from '../lib/format-message';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { pageHref, productImageHref } from './page-context';
import type { PageContext } from './page-context';
import { priceTag } from './price-tag';
import { ratingSummary } from './rating-summary';

/** A product tile for grids (home, category, search, related), with a quick-add button. */
export function productCard(ctx: PageContext, product: Product): SafeHtml {
  const name = product.name[ctx.locale];
  const percent = salePercent(product);
  const available = product.availability !== 'OutOfStock';
  return html`<li class="card">
  <a class="card-link" href="${pageHref(ctx, `/product/${encodeURIComponent(product.id)}`)}" data-testid="product-link" data-product-id="${product.id}">
    <span class="card-media"><img src="${productImageHref(ctx, product.id)}" alt="" width="400" height="400" loading="lazy">${
      percent > 0 && html`<span class="badge badge-sale">${formatMessage(ctx.t.saleBadge, { percent })}</span>`
    }${!available && html`<span class="badge badge-soldout">${ctx.t.soldOut}</span>`}</span>
    <span class="card-title">${name}</span>
  </a>
  <div class="card-rating">${ratingSummary(ctx, product)}</div>
  <div class="card-footer">${priceTag(ctx, product)}${
    available
      ? html`<button type="button" class="btn btn-small" data-quick-add data-product-id="${product.id}" data-testid="quick-add" aria-label="${ctx.t.addToCart}: ${name}">${ctx.t.quickAdd}</button>`
      : html`<span class="muted">${ctx.t.soldOut}</span>`
  }</div>
</li>`;
}

/** A grid of product cards. */
export function productGrid(ctx: PageContext, products: readonly Product[]): SafeHtml {
  return html`<ul class="product-grid">${products.map((p) => productCard(ctx, p))}</ul>`;
}
