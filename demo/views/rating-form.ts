import type { Product } from '../catalog/types';
import { formatMessage } from '../lib/format-message';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { pageHref } from './page-context';
import type { PageContext } from './page-context';

/**
 * A five-star rating form built from radio buttons, so it works with the keyboard and without JavaScript (it posts
 * to the server, which redirects back); shop.js upgrades it to submit in place.
 */
export function ratingForm(ctx: PageContext, product: Product, justRated: boolean): SafeHtml {
  const { t } = ctx;
  const stars = [1, 2, 3, 4, 5].map((n) => {
    const label = formatMessage(t.rateStar, { n });
    return html`<input type="radio" id="rate-${n}" name="rating" value="${n}" required data-testid="rate-${n}"><label for="rate-${n}" title="${label}"><span aria-hidden="true">★</span><span class="visually-hidden">${label}</span></label>`;
  });
  return html`<section class="section rate-section">
  <form class="rate-form" method="post" action="${pageHref(ctx, `/product/${encodeURIComponent(product.id)}/rate`)}" data-rate-form data-product-id="${product.id}">
    <fieldset>
      <legend>${t.rateHeading}</legend>
      <div class="star-input">${stars}</div>
      <button type="submit" class="btn" data-testid="rate-submit">${t.rateSubmit}</button>
    </fieldset>
    <p class="notice" data-rate-thanks role="status"${!justRated && html` hidden`}>${t.rateThanks}</p>
  </form>
</section>`;
}
