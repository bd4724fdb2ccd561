import { searchProducts } from '../catalog/catalog';
import { formatMessage } from '../lib/format-message';
import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { renderLayout } from './layout';
import type { PageContext } from './page-context';
import { productGrid } from './product-card';

/** Longest query the search page accepts; longer input is cut, not rejected (it is a search box, not an API). */
export const MAX_QUERY_LENGTH = 100;

/** Search results for `?q=` (the header search box submits here). */
export function renderSearchPage(ctx: PageContext, rawQuery: string): SafeHtml {
  const { t } = ctx;
  const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  const results = searchProducts(query);
  let summary: SafeHtml;
  if (query === '') summary = html`<p class="muted">${t.searchPrompt}</p>`;
  else if (results.length === 0) {
    summary = html`<p class="empty-state" data-testid="search-empty">${formatMessage(t.searchNoResults, { query })}</p>`;
  } else {
    summary = html`<p class="muted" data-testid="search-summary">${formatMessage(t.searchResultsFor, {
      query,
      count: results.length,
    })}</p>`;
  }
  const body = html`<header class="page-header"><h1>${t.searchTitle}</h1>${summary}</header>
${results.length > 0 && productGrid(ctx, results)}`;
  return renderLayout(ctx, {
    title: query === '' ? t.searchTitle : `${t.searchTitle}: ${query}`,
    path: query === '' ? '/search' : `/search?q=${encodeURIComponent(query)}`,
    searchQuery: query,
    body,
    data: {
      page: 'search',
      ...(query !== '' && {
        searchTerm: query,
        list: { id: 'search_results', name: 'Search results', itemIds: results.map((p) => p.id) },
      }),
    },
  });
}
