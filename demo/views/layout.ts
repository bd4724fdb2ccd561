import { CATEGORIES } from '../catalog/categories';
import { FREE_SHIPPING_THRESHOLD_CENTS } from '../catalog/shipping';
import { LOCALES, otherLocale } from '../i18n/locale';
import { formatMessage } from '../lib/format-message';
import { formatPrice } from '../lib/format-price';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { absoluteUrl, assetHref, pageHref } from './page-context';
import type { PageContext } from './page-context';
import { pageDataScript } from './page-data';
import type { PageDataExtras } from './page-data';
import { tailorTag } from './tailor-tag';

/** What a page supplies to the shared document shell. */
export interface LayoutOptions {
  /** Page title, without the store name (added here). */
  readonly title: string;
  readonly description?: string;
  /** The page's path without base path or language prefix, query included, e.g. '/search?q=tea'. */
  readonly path: string;
  readonly ogType?: 'website' | 'product';
  /** Site-relative href of the page's representative image. */
  readonly ogImage?: string;
  /** Extra head markup (JSON-LD, product meta). */
  readonly head?: SafeHtml;
  readonly data: PageDataExtras;
  readonly activeCategory?: string;
  readonly searchQuery?: string;
  readonly body: SafeHtml;
}

function siteHeader(ctx: PageContext, o: LayoutOptions): SafeHtml {
  const { t } = ctx;
  const other = otherLocale(ctx.locale);
  const nav = CATEGORIES.map(
    (c) => html`<li><a href="${pageHref(ctx, `/category/${c.id}`)}" data-testid="nav-category"${
      o.activeCategory === c.id && html` aria-current="page"`
    }>${c.name[ctx.locale]}</a></li>`,
  );
  return html`<aside class="promo-bar" aria-label="${t.promoLabel}">${formatMessage(t.promoBar, {
    amount: formatPrice(FREE_SHIPPING_THRESHOLD_CENTS, ctx.locale),
  })}</aside>
<header class="site-header">
  <div class="container header-inner">
    <a class="logo" href="${pageHref(ctx, '/')}" data-testid="home-link"><span class="logo-mark" aria-hidden="true"></span>${t.storeName}</a>
    <nav class="main-nav" aria-label="${t.navLabel}"><ul>${nav}</ul></nav>
    <form class="search-form" role="search" action="${pageHref(ctx, '/search')}" method="get" data-search-form>
      <label class="visually-hidden" for="site-search">${t.searchLabel}</label>
      <input id="site-search" type="search" name="q" value="${o.searchQuery ?? ''}" placeholder="${t.searchPlaceholder}" autocomplete="off" data-testid="search-input">
      <button type="submit" class="btn btn-ghost" data-testid="search-submit">${t.searchButton}</button>
    </form>
    <div class="header-actions">
      <a class="lang-switch" href="${pageHref(ctx, o.path, other)}" hreflang="${other}" lang="${other}" title="${t.switchLanguageLabel}" data-testid="lang-switch">${t.switchLanguage}</a>
      <a class="cart-link" href="${pageHref(ctx, '/cart')}" data-testid="cart-link">${t.cart} <span class="cart-count" data-cart-count data-testid="cart-count">0</span><span class="visually-hidden"> ${t.cartCountLabel}</span></a>
    </div>
  </div>
</header>`;
}

function siteFooter(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  return html`<footer class="site-footer">
  <div class="container footer-grid">
    <section><h2>${t.footerAboutHeading}</h2><p>${t.footerAbout}</p></section>
    <section><h2>${t.footerShippingHeading}</h2><p>${t.footerShipping}</p></section>
    <section><h2>${t.footerContactHeading}</h2><p>${t.footerContact}</p></section>
  </div>
  <p class="container footer-note">© 2016–2025 ${t.storeName} · ${t.footerNote}</p>
</footer>`;
}

/**
 * The document shell shared by every page. Head order matters: the page-data block, then shop.js (a blocking
 * same-origin script, so `view_item` and friends are in dataLayer before anything async runs), then the single
 * async Tailor tag, which may therefore load before or after the shop's DOM is ready, as on a real store.
 */
export function renderLayout(ctx: PageContext, o: LayoutOptions): SafeHtml {
  const { t } = ctx;
  const canonical = absoluteUrl(ctx, pageHref(ctx, o.path));
  const alternates = LOCALES.map(
    ({ locale }) =>
      html`<link rel="alternate" hreflang="${locale}" href="${absoluteUrl(ctx, pageHref(ctx, o.path, locale))}">`,
  );
  const fullTitle = `${o.title} · ${t.storeName}`;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${o.description ?? t.tagline}">
<link rel="canonical" href="${canonical}">
${alternates}
<meta property="og:site_name" content="${t.storeName}">
<meta property="og:type" content="${o.ogType ?? 'website'}">
<meta property="og:title" content="${o.title}">
<meta property="og:url" content="${canonical}">
${o.ogImage !== undefined && html`<meta property="og:image" content="${absoluteUrl(ctx, o.ogImage)}">`}
${o.head}
<link rel="icon" href="${assetHref(ctx, '/favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetHref(ctx, '/shop.css')}">
${pageDataScript(ctx, o.data)}
<script src="${assetHref(ctx, '/shop.js')}"></script>
${tailorTag(ctx)}
</head>
<body>
<a class="skip-link" href="#main">${t.skipToContent}</a>
${siteHeader(ctx, o)}
<main id="main" class="container">
${o.body}
</main>
<div class="toast" data-toast role="status" aria-live="polite" hidden></div>
${siteFooter(ctx)}
</body>
</html>
`;
}
