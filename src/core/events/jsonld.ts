/**
 * JSON-LD (`<script type="application/ld+json">`) is the most reliable product signal on shop pages: Shopify,
 * WooCommerce, Magento, BigCommerce and the SEO plugins all emit it. The caller passes the script texts; nothing
 * here touches the DOM, and nothing throws on malformed input.
 *
 * Nodes are read from the top level, top-level arrays, `@graph`, and `mainEntity` (recursively, depth ≤ 6, at
 * most 200 nodes per page). Listings inside `itemListElement` are deliberately not read as products: the products
 * of a category page are not product views.
 */
import type { PageType, ProductInfo } from './schema';
import { decodeEntities } from './lib/entities';
import { isNode, list, productFromNode, textOf, typesOf, type SchemaNode } from './lib/product-node';
import { pageTypeFromSchemaTypes } from './lib/schema-types';

const MAX_TEXT = 2_000_000;
const MAX_NODES = 200;

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Parses one script text, repairing what themes commonly break: CDATA or comment wrappers, raw control
 * characters inside strings, trailing commas, and JSON that was entity-encoded as a whole (`{&quot;@type&quot;…`).
 */
function parse(text: string): unknown {
  if (typeof text !== 'string' || text.length > MAX_TEXT) return undefined;
  const direct = tryParse(text);
  if (direct !== undefined) return direct;
  const bare = text.replace('<![CDATA[', '').replace(']]>', '');
  const start = bare.search(/[[{]/);
  const end = bare.lastIndexOf(bare[start] === '[' ? ']' : '}');
  if (start < 0 || end < start) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  const t = bare.slice(start, end + 1).replace(/[\x00-\x1f]+/g, ' ').replace(/,(\s*[}\]])/g, '$1');
  return tryParse(t) ?? (t.includes('&') ? tryParse(decodeEntities(t)) : undefined);
}

/** All schema.org nodes of the given script texts, in document order. */
function nodesOf(texts: readonly string[]): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || nodes.length >= MAX_NODES) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, MAX_NODES)) visit(x, depth + 1);
    } else if (isNode(v)) {
      nodes.push(v);
      visit(v['@graph'], depth + 1);
      visit(v.mainEntity, depth + 1);
    }
  };
  for (const text of list(texts)) visit(parse(text as string), 0);
  return nodes;
}

/** Category from a BreadcrumbList: the last crumb before the product itself, if there is more than "Home". */
function breadcrumbCategory(nodes: SchemaNode[], productName: string): string | undefined {
  const crumbs = nodes.find((n) => typesOf(n).includes('BreadcrumbList'));
  if (!crumbs) return undefined;
  const names = list(crumbs.itemListElement)
    .filter(isNode)
    .sort((a, b) => (Number(a.position) || 0) - (Number(b.position) || 0))
    .map((c) => textOf(c.name) ?? (isNode(c.item) ? textOf(c.item.name) : undefined))
    .filter((n): n is string => !!n);
  if (names[names.length - 1]?.toLowerCase() === productName.toLowerCase()) names.pop();
  return names.length > 1 ? names[names.length - 1] : undefined;
}

/**
 * Products described by the page's JSON-LD texts (one entry per Product/ProductGroup node with a name and a
 * readable price, de-duplicated by id). See lib/product-node.ts for the price and sale-price rule; `variant` (the
 * page URL's `variant` parameter) selects a ProductGroup's variant. Never throws.
 */
export function productsFromJsonLd(texts: readonly string[], options: { variant?: string } = {}): ProductInfo[] {
  try {
    const nodes = nodesOf(texts);
    const out: ProductInfo[] = [];
    for (const node of nodes) {
      const types = typesOf(node);
      if (!types.includes('Product') && !types.includes('ProductGroup')) continue;
      const name = textOf(node.name) ?? '';
      const info = productFromNode(node, textOf(node.category) ? undefined : breadcrumbCategory(nodes, name), options.variant);
      if (info && !out.some((p) => p.product_id === info.product_id)) out.push(info);
    }
    return out;
  } catch {
    return [];
  }
}

/** Every schema.org node of the page's JSON-LD texts (top level, arrays, `@graph`, `mainEntity`). Never throws. */
export function jsonLdNodes(texts: readonly string[]): SchemaNode[] {
  try {
    return nodesOf(texts);
  } catch {
    return [];
  }
}

/** Every `@type` (bare name, duplicates kept) of the nodes in the page's JSON-LD texts. Never throws. */
export function jsonLdTypes(texts: readonly string[]): string[] {
  try {
    return nodesOf(texts).flatMap(typesOf);
  } catch {
    return [];
  }
}

/**
 * Page type suggested by the page's JSON-LD (rules in lib/schema-types.ts). `path` is needed only to recognise
 * the home page, whose WebSite/WebPage markup looks like every other page's. Never throws.
 */
export function pageTypeFromJsonLd(texts: readonly string[], path?: string): PageType | undefined {
  return pageTypeFromSchemaTypes(jsonLdTypes(texts), path);
}
