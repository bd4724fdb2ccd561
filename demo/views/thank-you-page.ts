import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { renderLayout } from './layout';
import { pageHref } from './page-context';
import type { PageContext } from './page-context';

/** Order ids shop.js generates look like "EL-LXYZ12-AB3C"; anything else in the URL is not shown. */
export const ORDER_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,39}$/;

/**
 * The order confirmation. The `purchase` event is pushed by shop.js here (not at submit time) because this page
 * proves the order went through and nothing is lost to the navigation, as on real stores.
 */
export function renderThankYouPage(ctx: PageContext, orderId: string | undefined): SafeHtml {
  const { t } = ctx;
  const validId = orderId !== undefined && ORDER_ID_PATTERN.test(orderId) ? orderId : undefined;
  const body = html`<section class="thank-you panel">
  <div class="thank-you-mark" aria-hidden="true">✓</div>
  <h1>${t.thankYouTitle}</h1>
  <p>${t.thankYouText}</p>
  ${validId !== undefined && html`<p class="order-number">${t.orderNumber}: <strong data-testid="order-number">${validId}</strong></p>`}
  <ul class="summary-lines" data-order-lines data-testid="order-lines"></ul>
  <dl class="totals" data-order-totals hidden>
    <div class="totals-row totals-total"><dt>${t.total}</dt><dd data-order-total data-testid="order-total"></dd></div>
  </dl>
  <a class="btn btn-primary" href="${pageHref(ctx, '/')}">${t.continueShopping}</a>
</section>`;
  return renderLayout(ctx, {
    title: t.thankYouTitle,
    path: '/thank-you',
    body,
    data: { page: 'thank-you', ...(validId !== undefined && { orderId: validId }) },
  });
}
