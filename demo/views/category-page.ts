import { SORT_ORDERS, productsInCategory } from '../catalog/catalog';
import type { SortOrder } from '../catalog/catalog';
import type { Category } from '../catalog/types';
import { formatMessage } from '../lib/format-message';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { breadcrumbs } from './breadcrumbs';
import { renderLayout } from './layout';
import { pageHref } from './page-context';
import type { PageContext } from './page-context';
import { productGrid } from './product-card';

/** Parses the ?sort= query value, falling back to the default order for anything unknown. */
export function parseSortOrder(value: string | undefined): SortOrder {
  return SORT_ORDERS.find((s) => s === value) ?? 'featured';
}

/** A category listing with sort links. */
export function renderCategoryPage(ctx: PageContext, category: Category, sort: SortOrder): SafeHtml {
  const { t } = ctx;
  const products = productsInCategory(category.id, sort);
  const name = category.name[ctx.locale];
  const sortLabels: Record<SortOrder, string> = {
    featured: t.sortFeatured,
    'price-asc': t.sortPriceAsc,
    'price-desc': t.sortPriceDesc,
    rating: t.sortRating,
  };
  const basePath = `/category/${category.id}`;
  const sortLinks = SORT_ORDERS.map((s) => {
    const href = pageHref(ctx, s === 'featured' ? basePath : `${basePath}?sort=${s}`);
    return s === sort
      ? html`<li><a href="${href}" aria-current="true">${sortLabels[s]}</a></li>`
      : html`<li><a href="${href}" data-testid="sort-link">${sortLabels[s]}</a></li>`;
  });
  const body = html`${breadcrumbs(ctx, [{ label: t.home, href: pageHref(ctx, '/') }, { label: name }])}
<header class="page-header">
  <h1>${name}</h1>
  <p>${category.blurb[ctx.locale]}</p>
</header>
<div class="toolbar">
  <span class="muted">${formatMessage(t.productCount, { count: products.length })}</span>
  <nav class="sort-links" aria-label="${t.sortLabel}"><span>${t.sortLabel}:</span><ul>${sortLinks}</ul></nav>
</div>
${productGrid(ctx, products)}`;
  return renderLayout(ctx, {
    title: name,
    description: category.blurb[ctx.locale],
    path: sort === 'featured' ? basePath : `${basePath}?sort=${sort}`,
    activeCategory: category.id,
    body,
    data: {
      page: 'category',
      list: { id: category.id, name: category.analyticsName, itemIds: products.map((p) => p.id) },
    },
  });
}
