import type { Locale } from '../i18n/locale';
import { localePrefix } from '../i18n/locale';
import { messagesFor } from '../i18n/messages';
import type { Messages } from '../i18n/messages';
import type { ShopConfig } from '../shop-options';

/** Everything a view needs to know about the request it renders for. */
export interface PageContext {
  readonly config: ShopConfig;
  readonly locale: Locale;
  readonly t: Messages;
  /** scheme://host of the request, for absolute URLs in JSON-LD and Open Graph tags. */
  readonly origin: string;
}

/** Builds the context for one request. */
export function createPageContext(config: ShopConfig, locale: Locale, requestUrl: string): PageContext {
  return { config, locale, t: messagesFor(locale), origin: new URL(requestUrl).origin };
}

/**
 * The href of a page in the shop: base path, then the language prefix, then `path` (which starts with '/', and may
 * carry a query). Every link goes through here so a shop mounted under a prefix never links outside it.
 * A prefixed home page has no trailing slash ('/shop', '/zh'): Hono's `route('/shop', app)` serves a sub-app's '/'
 * at '/shop' only, so that form works however the app is mounted.
 */
export function pageHref(ctx: PageContext, path: string, locale: Locale = ctx.locale): string {
  const prefix = `${ctx.config.basePath}${localePrefix(locale)}`;
  return path === '/' && prefix !== '' ? prefix : `${prefix}${path}`;
}

/** The href of a language-independent asset (CSS, JS, images), honouring the base path. */
export function assetHref(ctx: PageContext, path: string): string {
  return `${ctx.config.basePath}${path}`;
}

/** Turns a site-relative href into an absolute URL on the request's origin. */
export function absoluteUrl(ctx: PageContext, href: string): string {
  return `${ctx.origin}${href}`;
}

/** The href of a product's generated image. */
export function productImageHref(ctx: PageContext, productId: string): string {
  return assetHref(ctx, `/img/${encodeURIComponent(productId)}.svg`);
}
