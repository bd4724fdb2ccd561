import { PRODUCTS, categoryOf } from '../catalog/catalog';
import { FREE_SHIPPING_THRESHOLD_CENTS, SHIPPING_CENTS } from '../catalog/shipping';
import { effectivePriceCents } from '../catalog/types';
import { clientMessagesFor } from '../i18n/messages';
import type { ClientMessages } from '../i18n/messages';
import type { Locale } from '../i18n/locale';
import { jsonScript } from '../lib/json-script';
import type { SafeHtml } from '../lib/html';
import { pageHref, productImageHref } from './page-context';
import type { PageContext } from './page-context';

/** Which page is being rendered; shop.js decides which dataLayer events to push from this. */
export type PageKind =
  | 'home' | 'category' | 'product' | 'search' | 'cart' | 'checkout' | 'thank-you' | 'not-found';

/** One product as shop.js sees it: enough to build GA4 items and cart lines in the page's language. */
export interface ClientProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  /** Stable English category (GA4 item_category). */
  readonly category: string;
  /** What the shopper pays per unit now (sale price when on sale). */
  readonly priceCents: number;
  /** Pre-sale price; equal to priceCents when not on sale. */
  readonly listPriceCents: number;
  readonly url: string;
  readonly image: string;
  readonly available: boolean;
}

/** A product list shown on the page (GA4 view_item_list). */
export interface PageList {
  readonly id: string;
  readonly name: string;
  readonly itemIds: readonly string[];
}

/** What the server tells shop.js about the page, embedded as a JSON data block (no inline script needed). */
export interface PageData {
  readonly page: PageKind;
  readonly locale: Locale;
  readonly currency: 'USD';
  readonly catalog: Readonly<Record<string, ClientProduct>>;
  readonly itemId?: string;
  readonly list?: PageList;
  readonly searchTerm?: string;
  readonly couponUrl?: string;
  readonly orderId?: string;
  readonly freeShippingThresholdCents: number;
  readonly shippingCents: number;
  /** Links shop.js renders itself (empty-cart "continue shopping", the checkout button). */
  readonly hrefs: { readonly home: string; readonly cart: string; readonly checkout: string };
  readonly t: ClientMessages;
}

/** Page-specific parts of PageData. */
export type PageDataExtras = Pick<PageData, 'page' | 'itemId' | 'list' | 'searchTerm' | 'couponUrl' | 'orderId'>;

function clientCatalog(ctx: PageContext): Record<string, ClientProduct> {
  // The whole catalogue is ~27 entries (a few kB): embedding it everywhere keeps the cart, the header count and
  // every add-to-cart button working on any page without an extra request.
  return Object.fromEntries(
    PRODUCTS.map((p) => [
      p.id,
      {
        id: p.id,
        sku: p.sku,
        name: p.name[ctx.locale],
        category: categoryOf(p).analyticsName,
        priceCents: effectivePriceCents(p),
        listPriceCents: p.priceCents,
        url: pageHref(ctx, `/product/${encodeURIComponent(p.id)}`),
        image: productImageHref(ctx, p.id),
        available: p.availability !== 'OutOfStock',
      } satisfies ClientProduct,
    ]),
  );
}

/** Renders the page-data block that shop.js reads (id "shop-data"). */
export function pageDataScript(ctx: PageContext, extras: PageDataExtras): SafeHtml {
  const data: PageData = {
    ...extras,
    locale: ctx.locale,
    currency: 'USD',
    catalog: clientCatalog(ctx),
    freeShippingThresholdCents: FREE_SHIPPING_THRESHOLD_CENTS,
    shippingCents: SHIPPING_CENTS,
    hrefs: { home: pageHref(ctx, '/'), cart: pageHref(ctx, '/cart'), checkout: pageHref(ctx, '/checkout') },
    t: clientMessagesFor(ctx.locale),
  };
  return jsonScript('application/json', data, 'shop-data');
}
