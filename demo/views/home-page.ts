import { featuredProducts, productsInCategory, saleProducts } from '../catalog/catalog';
import { CATEGORIES } from '../catalog/categories';
import { formatMessage } from '../lib/format-message';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { renderLayout } from './layout';
import { pageHref, productImageHref } from './page-context';
import type { PageContext } from './page-context';
import { productGrid } from './product-card';

/** The storefront: hero, category tiles, favourites and the week's sale items. */
export function renderHomePage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const featured = featuredProducts(8);
  const sale = saleProducts();
  const heroProduct = featured[0];
  const tiles = CATEGORIES.map((c) => {
    const cover = productsInCategory(c.id)[0];
    return html`<li><a class="category-tile" href="${pageHref(ctx, `/category/${c.id}`)}" data-testid="category-link">
  ${cover && html`<img src="${productImageHref(ctx, cover.id)}" alt="" width="400" height="400" loading="lazy">`}
  <span class="category-tile-text"><span class="category-tile-name">${c.name[ctx.locale]}</span>
  <span class="category-tile-blurb">${c.blurb[ctx.locale]}</span>
  <span class="category-tile-cta">${formatMessage(t.shopCategory, { category: c.name[ctx.locale] })} →</span></span>
</a></li>`;
  });
  const body = html`<section class="hero">
  <div class="hero-text">
    <h1>${t.heroTitle}</h1>
    <p>${t.heroText}</p>
    <a class="btn btn-primary" href="${pageHref(ctx, '/category/coffee')}">${t.heroCta}</a>
  </div>
  ${heroProduct && html`<img class="hero-media" src="${productImageHref(ctx, heroProduct.id)}" alt="" width="400" height="400">`}
</section>
<section class="section">
  <h2>${t.categoriesHeading}</h2>
  <ul class="category-tiles">${tiles}</ul>
</section>
<section class="section">
  <h2>${t.featuredHeading}</h2>
  ${productGrid(ctx, featured)}
</section>
<section class="section">
  <h2>${t.onSaleHeading}</h2>
  ${productGrid(ctx, sale)}
</section>`;
  return renderLayout(ctx, {
    title: t.heroTitle,
    path: '/',
    body,
    data: {
      page: 'home',
      // One list per page keeps view_item_list unambiguous; the favourites are what a shopper sees first.
      list: { id: 'home_favourites', name: 'Home – customer favourites', itemIds: featured.map((p) => p.id) },
    },
  });
}
