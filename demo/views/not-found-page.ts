import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import { renderLayout } from './layout';
import { pageHref } from './page-context';
import type { PageContext } from './page-context';

/** The shop's 404 page (still a full page with the Tailor tag, as on a real store). */
export function renderNotFoundPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="empty-state panel">
  <h1>${t.notFoundTitle}</h1>
  <p>${t.notFoundText}</p>
  <a class="btn btn-primary" href="${pageHref(ctx, '/')}">${t.continueShopping}</a>
</section>`;
  return renderLayout(ctx, { title: t.notFoundTitle, path: '/', body, data: { page: 'not-found' } });
}
