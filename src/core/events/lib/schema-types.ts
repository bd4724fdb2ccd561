/**
 * Page type from the schema.org types found on a page (JSON-LD or microdata), shared by jsonld.ts and page-type.ts.
 */
import type { PageType } from '../schema';

/** A path that is the site root, optionally under a locale prefix: "/", "/zh", "/en-us/". Query ignored. */
export function isRootPath(path: string): boolean {
  return /^\/(?:[a-z]{2}(?:[-_][a-z]{2,4})?\/?)?$/i.test(path.split(/[?#]/)[0] ?? '');
}

/**
 * Maps a list of bare type names (duplicates count) to a page type. Order: CheckoutPage → checkout;
 * SearchResultsPage → search; CollectionPage, OfferCatalog, or two or more products → category (a listing);
 * exactly one Product/ProductGroup, or an ItemPage → product; an ItemList without products → category;
 * WebSite/WebPage → home, but only at the root path (Yoast emits WebSite on every page). Otherwise undefined.
 */
export function pageTypeFromSchemaTypes(types: readonly string[], path?: string): PageType | undefined {
  const has = (t: string) => types.includes(t);
  const products = types.filter((t) => t === 'Product' || t === 'ProductGroup').length;
  if (has('CheckoutPage')) return 'checkout';
  if (has('SearchResultsPage')) return 'search';
  if (has('CollectionPage') || has('OfferCatalog') || products > 1) return 'category';
  if (products === 1 || has('ItemPage')) return 'product';
  if (has('ItemList')) return 'category';
  if ((has('WebSite') || has('WebPage')) && path !== undefined && isRootPath(path)) return 'home';
  return undefined;
}
