import { categoryOf, relatedProducts } from '../catalog/catalog';
import { productJsonLd } from '../catalog/product-json-ld';
import type { Product } from '../catalog/types';
import { effectivePriceCents, salePercent } from '../catalog/types';
import { formatMessage } from '../lib/format-message';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { jsonScript } from '../lib/json-script';
import { breadcrumbs } from './breadcrumbs';
import { renderLayout } from './layout';
import { absoluteUrl, pageHref, productImageHref } from './page-context';
import type { PageContext } from './page-context';
import { priceTag } from './price-tag';
import { productGrid } from './product-card';
import { ratingForm } from './rating-form';
import { ratingSummary } from './rating-summary';

function stockNote(ctx: PageContext, product: Product): SafeHtml {
  switch (product.availability) {
    case 'InStock':
      return html`<p class="stock stock-in">${ctx.t.inStock}</p>`;
    case 'LimitedAvailability':
      return html`<p class="stock stock-low">${ctx.t.limitedStock}</p>`;
    case 'OutOfStock':
      return html`<p class="stock stock-out">${ctx.t.outOfStock}</p>`;
  }
}

/** A product detail page with schema.org Product JSON-LD, add-to-cart form and rating form. */
export function renderProductPage(ctx: PageContext, product: Product, justRated: boolean): SafeHtml {
  const { t } = ctx;
  const name = product.name[ctx.locale];
  const category = categoryOf(product);
  const path = `/product/${encodeURIComponent(product.id)}`;
  const imageHref = productImageHref(ctx, product.id);
  const available = product.availability !== 'OutOfStock';
  const percent = salePercent(product);
  const jsonLd = productJsonLd(product, ctx.locale, {
    page: absoluteUrl(ctx, pageHref(ctx, path)),
    image: absoluteUrl(ctx, imageHref),
  });
  const head = html`<meta property="product:price:amount" content="${(effectivePriceCents(product) / 100).toFixed(2)}">
<meta property="product:price:currency" content="USD">
${jsonScript('application/ld+json', jsonLd)}`;
  const body = html`${breadcrumbs(ctx, [
    { label: t.home, href: pageHref(ctx, '/') },
    { label: category.name[ctx.locale], href: pageHref(ctx, `/category/${category.id}`) },
    { label: name },
  ])}
<article class="product-layout">
  <div class="product-media">
    <img src="${imageHref}" alt="${name}" width="400" height="400">
    ${percent > 0 && html`<span class="badge badge-sale">${formatMessage(t.saleBadge, { percent })}</span>`}
  </div>
  <div class="product-info">
    <h1 data-testid="product-name">${name}</h1>
    <div class="product-rating">${ratingSummary(ctx, product)}</div>
    <div class="product-price" data-testid="product-price">${priceTag(ctx, product)}</div>
    <p class="product-description">${product.description[ctx.locale]}</p>
    ${stockNote(ctx, product)}
    <form class="add-form" data-add-form data-product-id="${product.id}">
      <label for="quantity">${t.quantity}</label>
      <input id="quantity" type="number" name="quantity" min="1" max="99" value="1" inputmode="numeric" data-qty-input data-testid="quantity-input"${
        !available && html` disabled`
      }>
      <button type="submit" class="btn btn-primary" data-testid="add-to-cart" data-product-id="${product.id}"${
        !available && html` disabled`
      }>${available ? t.addToCart : t.soldOut}</button>
    </form>
    <dl class="product-meta">
      <dt>${t.sku}</dt><dd>${product.sku}</dd>
    </dl>
  </div>
</article>
${ratingForm(ctx, product, justRated)}
<section class="section">
  <h2>${t.relatedHeading}</h2>
  ${productGrid(ctx, relatedProducts(product, 4))}
</section>`;
  return renderLayout(ctx, {
    title: name,
    description: product.description[ctx.locale],
    path,
    ogType: 'product',
    ogImage: imageHref,
    head,
    activeCategory: category.id,
    body,
    data: { page: 'product', itemId: product.id },
  });
}
