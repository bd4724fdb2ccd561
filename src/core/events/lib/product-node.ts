/**
 * Turns one schema.org Product node into a ProductInfo. The node may come from JSON-LD or be assembled from
 * microdata (where every value is a string), so every field is read defensively.
 *
 * Price rule: the first offer with a readable price wins (Shopify lists one offer per variant, the selected or
 * default variant first; different variant prices are not a reduction). For an AggregateOffer the price is
 * `lowPrice`. A sale is recognised only from an explicit regular price: a `priceSpecification` whose `priceType`
 * is ListPrice, StrikethroughPrice, MSRP or SRP and is higher than the asked price. Then `price` is that regular
 * price and `sale_price` the asked one.
 */
import type { ProductInfo } from '../schema';
import { decodeEntities } from './entities';
import { parseAmount, parseCurrency } from './price';

/** A schema.org node: any object with string keys. */
export type SchemaNode = Record<string, unknown>;

/** Whether `v` is a non-array object. */
export const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Wraps a single value in an array; absent → []. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The node's `@type` values as bare names: "https://schema.org/Product" and "schema:Product" → "Product". */
export function typesOf(node: SchemaNode): string[] {
  return list(node['@type']).filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));
}

/** Readable text of a value: strings, numbers, or the `name` of a node (category, brand). */
export function textOf(v: unknown): string | undefined {
  for (const x of list(v)) {
    const s = typeof x === 'number' ? String(x) : typeof x === 'string' ? x : isNode(x) ? textOf(x.name) : undefined;
    const t = s && decodeEntities(s).replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return undefined;
}

interface Price {
  price: number;
  list?: number;
  currency?: string;
}

function priceOf(offers: unknown, depth: number): Price | undefined {
  for (const o of list(offers)) {
    if (!isNode(o)) continue;
    let regular: number | undefined;
    let asked: number | undefined;
    let currency = parseCurrency(o.priceCurrency);
    for (const spec of list(o.priceSpecification)) {
      if (!isNode(spec)) continue;
      const p = parseAmount(spec.price);
      if (/(ListPrice|StrikethroughPrice|MSRP|SRP)$/i.test(String(spec.priceType ?? ''))) regular ??= p;
      else asked ??= p;
      currency ??= parseCurrency(spec.priceCurrency);
    }
    const price = parseAmount(o.lowPrice) ?? parseAmount(o.price) ?? asked;
    if (price !== undefined) return { price, list: regular, currency };
    const inner = depth < 2 ? priceOf(o.offers, depth + 1) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function ratingOf(v: unknown): number | undefined {
  if (!isNode(v)) return undefined;
  const value = parseAmount(v.ratingValue);
  const best = parseAmount(v.bestRating) ?? 5;
  const count = parseAmount(v.ratingCount) ?? parseAmount(v.reviewCount);
  // Themes print ratingValue 0 for products nobody has rated yet; that is no rating, not a bad one.
  if (value === undefined || !best || count === 0) return undefined;
  const r = Math.round((value / best) * 500) / 100;
  return r <= 5 ? r : undefined;
}

/**
 * The `hasVariant` entry the page has selected: `selected` is the page URL's `variant` parameter (Shopify's
 * `?variant=123`), matched against a variant's `sku`, `productID`, `gtin*`, or a `variant=` in its `@id`, `url`
 * or offer `url` (Shopify's structured_data and Google's variant markup carry one of these).
 */
function selectedVariant(node: SchemaNode, selected: string): SchemaNode | undefined {
  const wanted = selected.trim();
  if (!wanted) return undefined;
  const names = (v: SchemaNode) => [v.sku, v.productID, v.gtin, v.gtin8, v.gtin12, v.gtin13, v.gtin14].map(textOf);
  const urls = (v: SchemaNode) => [v['@id'], v.url, ...list(v.offers).map((o) => (isNode(o) ? o.url : undefined))].map(textOf);
  const variantOf = (url: string | undefined) => /[?&]variant=([^&#]+)/.exec(url ?? '')?.[1];
  return list(node.hasVariant).find((v): v is SchemaNode =>
    isNode(v) && (names(v).includes(wanted) || urls(v).some((u) => variantOf(u) === wanted)));
}

/**
 * Reads a Product (or ProductGroup) node. `fallbackCategory` (from a BreadcrumbList) is used when the node has no
 * `category`. `variant` (the page URL's `variant` parameter) picks the selected one of a ProductGroup's
 * variants: the product viewed is then that variant, with its own id, name and price. Returns undefined when the
 * node has no name or no readable price.
 */
export function productFromNode(node: SchemaNode, fallbackCategory?: string, variant?: string): ProductInfo | undefined {
  const chosen = variant ? selectedVariant(node, variant) : undefined;
  if (chosen) {
    const info = productFromNode({ ...chosen, hasVariant: undefined }, textOf(node.category) ?? fallbackCategory);
    const groupId = textOf(node.productGroupID) || textOf(node.sku) || textOf(node.productID);
    if (info) return { ...info, product_id: textOf(chosen.sku) || textOf(chosen.productID) || `${groupId ?? info.product_id}?variant=${variant}`, name: textOf(chosen.name) ?? textOf(node.name) ?? info.name };
  }
  const name = textOf(node.name);
  const variantNode = list(node.hasVariant).find((v) => isNode(v) && v.offers !== undefined) as SchemaNode | undefined;
  const offer = priceOf(node.offers, 0) ?? (variantNode && priceOf(variantNode.offers, 0));
  // A bare fragment "@id" ("#product") is the same on every product page, so it cannot identify one.
  const productId = textOf(node.productGroupID) || textOf(node.sku) || textOf(node.productID) ||
    textOf(node['@id'])?.replace(/^#.*/, '') || textOf(node.url) || name;
  if (!name || !offer || !productId) return undefined;
  const info: ProductInfo = { product_id: productId, name, price: offer.price };
  if (offer.list !== undefined && offer.list > offer.price) {
    info.price = offer.list;
    info.sale_price = offer.price;
  }
  const currency = offer.currency;
  const category = textOf(node.category) ?? fallbackCategory;
  const rating = ratingOf(node.aggregateRating);
  if (currency) info.currency = currency;
  if (category) info.category = category;
  if (rating !== undefined) info.rating = rating;
  return info;
}
