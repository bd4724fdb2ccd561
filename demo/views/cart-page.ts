import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { renderLayout } from './layout';
import { pageHref } from './page-context';
import type { PageContext } from './page-context';
import { orderTotals } from './order-totals';

/** The cart. Its lines are rendered by shop.js from localStorage, so the server sends the frame only. */
export function renderCartPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<header class="page-header"><h1>${t.cartTitle}</h1></header>
<div class="cart-layout" data-cart>
  <div class="panel">
    <ul class="cart-lines" data-cart-lines data-testid="cart-lines"><li class="muted">${t.loading}</li></ul>
    <noscript><p class="notice">${t.noscript}</p></noscript>
  </div>
  <aside class="panel summary" aria-labelledby="cart-summary-heading">
    <h2 id="cart-summary-heading">${t.orderSummary}</h2>
    ${orderTotals(ctx, 'cart')}
    <a class="btn btn-primary btn-block" href="${pageHref(ctx, '/checkout')}" data-checkout-link data-testid="checkout-button">${t.checkoutButton}</a>
    <a class="btn btn-ghost btn-block" href="${pageHref(ctx, '/')}">${t.continueShopping}</a>
  </aside>
</div>`;
  return renderLayout(ctx, { title: t.cartTitle, path: '/cart', body, data: { page: 'cart' } });
}
