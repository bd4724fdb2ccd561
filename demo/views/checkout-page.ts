import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { renderLayout } from './layout';
import { pageHref } from './page-context';
import type { PageContext } from './page-context';
import { orderTotals } from './order-totals';

const COUNTRIES: readonly { readonly code: string; readonly en: string; readonly zh: string }[] = [
  { code: 'US', en: 'United States', zh: '美国' },
  { code: 'CN', en: 'China', zh: '中国' },
  { code: 'GB', en: 'United Kingdom', zh: '英国' },
  { code: 'DE', en: 'Germany', zh: '德国' },
  { code: 'JP', en: 'Japan', zh: '日本' },
  { code: 'AU', en: 'Australia', zh: '澳大利亚' },
];

function field(id: string, label: string, attrs: SafeHtml): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label><input id="${id}" ${attrs}></div>`;
}

/**
 * Checkout: shipping form, order summary and the coupon box. The coupon goes to the shop's own backend
 * (`/api/coupon`, which redeems at Tailor with the merchant's server key), whose URL shop.js reads from the page data.
 */
export function renderCheckoutPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const countries = COUNTRIES.map(
    (c) => html`<option value="${c.code}"${(ctx.locale === 'zh-CN' ? c.code === 'CN' : c.code === 'US') && html` selected`}>${
      ctx.locale === 'zh-CN' ? c.zh : c.en
    }</option>`,
  );
  const body = html`<header class="page-header"><h1>${t.checkoutTitle}</h1></header>
<form class="checkout-layout" method="post" action="${pageHref(ctx, '/checkout')}" data-checkout-form>
  <input type="hidden" name="order" value="" data-order-input>
  <section class="panel" aria-labelledby="shipping-heading">
    <h2 id="shipping-heading">${t.contactHeading}</h2>
    ${field('name', t.fullName, html`name="name" autocomplete="name" required data-testid="checkout-name"`)}
    ${field('email', t.email, html`name="email" type="email" autocomplete="email" required data-testid="checkout-email"`)}
    ${field('address', t.address, html`name="address" autocomplete="street-address" required data-testid="checkout-address"`)}
    <div class="field-row">
      ${field('city', t.city, html`name="city" autocomplete="address-level2" required data-testid="checkout-city"`)}
      ${field('postcode', t.postcode, html`name="postcode" autocomplete="postal-code" required data-testid="checkout-postcode"`)}
    </div>
    <div class="field"><label for="country">${t.country}</label><select id="country" name="country" autocomplete="country" data-testid="checkout-country">${countries}</select></div>
  </section>
  <aside class="panel summary" aria-labelledby="checkout-summary-heading">
    <h2 id="checkout-summary-heading">${t.orderSummary}</h2>
    <ul class="summary-lines" data-summary-lines data-testid="checkout-lines"><li class="muted">${t.loading}</li></ul>
    <div class="coupon">
      <label for="coupon-code">${t.couponLabel}</label>
      <div class="coupon-row">
        <input id="coupon-code" name="coupon" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="${t.couponPlaceholder}" data-coupon-input data-testid="coupon-input">
        <button type="button" class="btn" data-coupon-apply data-testid="coupon-apply">${t.couponApply}</button>
      </div>
      <p class="coupon-message" data-coupon-message data-testid="coupon-message" role="status" aria-live="polite"></p>
    </div>
    ${orderTotals(ctx, 'checkout')}
    <p class="form-error" data-checkout-error data-testid="checkout-error" role="alert" hidden></p>
    <button type="submit" class="btn btn-primary btn-block" data-testid="place-order">${t.placeOrder}</button>
    <noscript><p class="notice">${t.noscript}</p></noscript>
  </aside>
</form>`;
  return renderLayout(ctx, {
    title: t.checkoutTitle,
    path: '/checkout',
    body,
    data: { page: 'checkout', couponUrl: `${ctx.config.basePath}/api/coupon` },
  });
}
