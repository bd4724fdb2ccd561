import type { Localized } from '../i18n/locale';

/** schema.org ItemAvailability values the shop uses (the short form; JSON-LD gets the full https://schema.org/ IRI). */
export type Availability = 'InStock' | 'LimitedAvailability' | 'OutOfStock';

/**
 * How a product page's JSON-LD writes `offers`. Real stores vary (one Offer, an array of per-variant Offers,
 * an AggregateOffer), and Tailor's tracker must read all three, so the catalog deliberately mixes them.
 */
export type OffersShape = 'object' | 'array' | 'aggregate';

/** A shop category. */
export interface Category {
  /** URL slug, also the analytics item_list_id. */
  readonly id: string;
  readonly name: Localized;
  /** Stable English name used as GA4 item_category in both languages, so analytics do not split by language. */
  readonly analyticsName: string;
  readonly blurb: Localized;
}

/** A product as the shop sells it. Prices are integer cents (USD) to keep arithmetic exact. */
export interface Product {
  /** URL slug and GA4 item_id. */
  readonly id: string;
  readonly sku: string;
  readonly categoryId: string;
  readonly name: Localized;
  readonly description: Localized;
  readonly priceCents: number;
  /** The price actually charged while on sale; absent when not on sale. Always below priceCents. */
  readonly salePriceCents?: number;
  readonly rating?: { readonly value: number; readonly count: number };
  readonly availability: Availability;
  readonly offersShape: OffersShape;
}

/** The price a shopper pays now: the sale price when there is one. */
export function effectivePriceCents(product: Product): number {
  return product.salePriceCents ?? product.priceCents;
}

/** The sale discount in whole percent (0 when not on sale), as shown on the sale badge. */
export function salePercent(product: Product): number {
  if (product.salePriceCents === undefined) return 0;
  return Math.round((1 - product.salePriceCents / product.priceCents) * 100);
}
