import type { Product } from '../catalog/types';
import { formatMessage } from '../lib/format-message';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import type { PageContext } from './page-context';

/**
 * Star rating and review count for a product, or a "no reviews" note. Text stars keep it free of inline styles;
 * screen readers get the sentence instead of the star glyphs.
 */
export function ratingSummary(ctx: PageContext, product: Product): SafeHtml {
  if (!product.rating) return html`<span class="rating rating-none">${ctx.t.noReviews}</span>`;
  const { value, count } = product.rating;
  const filled = Math.round(value);
  return html`<span class="rating"><span class="stars" aria-hidden="true">${
    '★'.repeat(filled) + '☆'.repeat(5 - filled)
  }</span><span class="visually-hidden">${formatMessage(ctx.t.ratingOutOf, {
    rating: value.toFixed(1),
  })}</span> <span class="rating-value" aria-hidden="true">${value.toFixed(1)}</span> <span class="rating-count">(${formatMessage(
    ctx.t.reviews,
    { count },
  )})</span></span>`;
}
