import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import type { PageContext } from './page-context';

/** One step of a breadcrumb trail; the last step has no href (it is the current page). */
export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

/** A breadcrumb trail. */
export function breadcrumbs(ctx: PageContext, crumbs: readonly Crumb[]): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="${ctx.t.breadcrumbLabel}"><ol>${crumbs.map((c) =>
    c.href === undefined
      ? html`<li><span aria-current="page">${c.label}</span></li>`
      : html`<li><a href="${c.href}">${c.label}</a></li>`,
  )}</ol></nav>`;
}
