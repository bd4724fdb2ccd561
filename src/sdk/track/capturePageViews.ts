/**
 * `page_view` on load and on single-page route changes (`pushState`,
 * `replaceState` that changes the path, `popstate`). The page type comes from
 * structured data, `og:type`, the dataLayer and URL rules (core/page-type).
 */
import { inferPageType, type PageRule } from '../../core/events/page-type';
import { jsonLdTypes } from '../../core/events/jsonld';
import { scrubPath } from '../../core/events/scrub';
import type { CaptureContext } from './context';
import { jsonLdTexts } from './captureProducts';
import { dataLayerHint } from './captureDataLayer';

/** Reads the current page's type and scrubbed path. */
export function readPage(rules: PageRule[] | undefined): { type: ReturnType<typeof inferPageType>; path: string } {
  const path = scrubPath(location.pathname + location.search);
  const ogType = document.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? undefined;
  const type = inferPageType({
    path: location.pathname,
    jsonLdTypes: jsonLdTypes(jsonLdTexts()),
    ogType,
    dataLayerHint,
    rules,
  });
  return { type, path };
}

/**
 * Installs route-change listeners; `onChange` runs after the page state is
 * updated for the new route. Returns the uninstall function.
 */
export function capturePageViews(ctx: CaptureContext, rules: PageRule[] | undefined, onChange: () => void, before: () => void): () => void {
  let lastPath = location.pathname + location.search;
  const view = () => {
    const { type, path } = readPage(rules);
    ctx.page.type = type;
    ctx.page.path = path;
    delete ctx.page.productId;
    ctx.page.viewId++;
    ctx.emit({ name: 'page_view', props: { page_type: type, path } });
  };
  const maybeView = () => {
    const now = location.pathname + location.search;
    if (now === lastPath) return;
    lastPath = now;
    // Let the app render the new route (and its JSON-LD) before reading it.
    setTimeout(() => {
      before();
      view();
      onChange();
    }, 0);
  };
  view();

  const h = history;
  const originalPush = h.pushState;
  const originalReplace = h.replaceState;
  h.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
    const result = originalPush.apply(this, args);
    maybeView();
    return result;
  };
  h.replaceState = function (this: History, ...args: Parameters<History['replaceState']>) {
    const result = originalReplace.apply(this, args);
    maybeView();
    return result;
  };
  addEventListener('popstate', maybeView);
  // A page restored from the back/forward cache is seen again: count it, as a fresh load would be.
  const onShow = (e: PageTransitionEvent) => {
    if (!e.persisted) return;
    before();
    view();
    onChange();
  };
  addEventListener('pageshow', onShow);
  return () => {
    removeEventListener('pageshow', onShow);
    h.pushState = originalPush;
    h.replaceState = originalReplace;
    removeEventListener('popstate', maybeView);
  };
}
