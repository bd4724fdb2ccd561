/**
 * Microdata fallback for shops without JSON-LD (older Magento and PrestaShop themes mark products up with
 * `itemscope`/`itemprop`). Works on a minimal element interface that real DOM elements satisfy, so it runs in
 * Node tests without a DOM and costs the loader no DOM typings. RDFa is not read.
 */
import type { ProductInfo } from './schema';
import { productFromNode, type SchemaNode } from './lib/product-node';

/** The slice of the DOM Element API this parser needs; `Element` and test doubles both satisfy it. */
export interface MicrodataElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  querySelectorAll(selectors: string): Iterable<MicrodataElement>;
}

/** Anything that can be searched for elements: `Document`, an `Element`, a test double. */
export interface MicrodataRoot {
  querySelectorAll(selectors: string): Iterable<MicrodataElement>;
}

const MAX_ELEMENTS = 2000;

/** `querySelectorAll` as an array, capped so a huge page cannot stall the main thread. */
function all(root: MicrodataRoot, selector: string): MicrodataElement[] {
  const out: MicrodataElement[] = [];
  for (const el of root.querySelectorAll(selector)) {
    out.push(el);
    if (out.length >= MAX_ELEMENTS) break;
  }
  return out;
}

/** A property's value per the microdata spec, simplified: `content`, then text, then `href`/`src`. */
function valueOf(el: MicrodataElement): string | undefined {
  const text = el.textContent?.trim();
  return el.getAttribute('content') ?? (text || undefined) ?? el.getAttribute('href') ?? el.getAttribute('src') ?? undefined;
}

/**
 * Builds the schema.org node of one itemscope: its own properties are its `[itemprop]` descendants minus those
 * inside nested itemscopes (which become nested nodes, e.g. offers → Offer → priceSpecification). Repeated
 * properties become arrays, like JSON-LD.
 */
function nodeOf(scope: MicrodataElement, depth: number): SchemaNode {
  const node: SchemaNode = { '@type': scope.getAttribute('itemtype') ?? '' };
  const nested = all(scope, '[itemscope]');
  const inner = new Set<MicrodataElement>();
  for (const n of nested) for (const el of all(n, '[itemprop]')) inner.add(el);
  for (const el of all(scope, '[itemprop]')) {
    if (inner.has(el)) continue;
    const value = el.getAttribute('itemscope') !== null ? (depth < 3 ? nodeOf(el, depth + 1) : undefined) : valueOf(el);
    if (value === undefined) continue;
    for (const key of (el.getAttribute('itemprop') ?? '').split(/\s+/)) {
      if (!key) continue;
      const prev = node[key];
      node[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  }
  return node;
}

/**
 * Products marked up with microdata under `root` (top-level Product/ProductGroup itemscopes, i.e. those that are
 * not themselves a property of another item, except `mainEntity`). Same price rules as JSON-LD; never throws.
 */
export function productsFromMicrodata(root: MicrodataRoot): ProductInfo[] {
  try {
    const out: ProductInfo[] = [];
    for (const el of all(root, '[itemscope][itemtype]')) {
      const type = (el.getAttribute('itemtype') ?? '').split(/\s+/)[0] ?? '';
      const prop = el.getAttribute('itemprop');
      if (!/schema\.org\/Product(Group)?$/i.test(type) || (prop !== null && !/\bmainEntity\b/.test(prop))) continue;
      const info = productFromNode(nodeOf(el, 0));
      if (info && !out.some((p) => p.product_id === info.product_id)) out.push(info);
    }
    return out;
  } catch {
    return [];
  }
}
