import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import type { PageContext } from './page-context';

/**
 * The totals table shared by cart and checkout; shop.js fills the cells (the cart lives in localStorage).
 * The discount row only exists at checkout, where a coupon can be applied.
 */
export function orderTotals(ctx: PageContext, scope: 'cart' | 'checkout'): SafeHtml {
  const { t } = ctx;
  return html`<dl class="totals">
  <div class="totals-row"><dt>${t.subtotal}</dt><dd data-subtotal data-testid="${scope}-subtotal">—</dd></div>
  ${scope === 'checkout' && html`<div class="totals-row totals-discount" data-discount-row hidden><dt data-discount-label></dt><dd data-discount data-testid="checkout-discount">—</dd></div>`}
  <div class="totals-row"><dt>${t.shipping}</dt><dd data-shipping data-testid="${scope}-shipping">—</dd></div>
  <div class="totals-row totals-total"><dt>${t.total}</dt><dd data-total data-testid="${scope}-total">—</dd></div>
</dl>
<p class="hint" data-shipping-hint></p>`;
}
