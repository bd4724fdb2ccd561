/**
 * Page type inference from every signal a shop page offers. Precedence, first hit wins:
 * 1. the merchant's own `rules` (they know their URLs);
 * 2. the site root ("/", "/zh/") is home, or search when it carries a search parameter (WordPress `/?s=`);
 * 3. built-in funnel URL rules (purchase, cart, checkout, search): these URLs are near-certain, while a cart page
 *    may well carry Product markup for a recommendation;
 * 4. the dataLayer hint (the shop's own analytics saying what the page is);
 * 5. JSON-LD/microdata types;
 * 6. `og:type` (`product` / `product.item`);
 * 7. built-in catalog URL rules (product, category);
 * 8. a search parameter on any other path; otherwise `other`.
 * URL rules are tried on the path as given and with a leading locale segment removed (`/zh/cart`, `/en-gb/p/1`).
 */
import type { PageType } from './schema';
import { matchPattern } from './lib/glob';
import { isRootPath, pageTypeFromSchemaTypes } from './lib/schema-types';

/** A URL rule: `pattern` as in lib/glob.ts (segment prefix, or a glob with `*`, `**`, `?`). */
export interface PageRule {
  pattern: string;
  type: PageType;
}

/**
 * Built-in URL rules for the common platforms (Shopify, WooCommerce, Magento, BigCommerce), most specific first.
 * Written as "type pattern pattern …" groups only because this list ships in the main-thread loader.
 */
export const DEFAULT_PAGE_RULES: readonly PageRule[] = [
  'purchase **/order-received/** **/thank?you **/thank?you/** **/thankyou **/order-confirmation** ' +
    '**/checkout/success** **/checkout/onepage/success**',
  'cart /checkout/cart /cart /basket',
  'checkout /checkout /checkouts **/checkouts/**',
  'search /search /catalogsearch',
  'product **/products/?** **/product/?** **/p/?** **/dp/?**',
  'category **/collections/?** **/collection/?** **/category/?** **/categories/?** **/product-category/?** **/c/?** ' +
    '/shop /collections /products',
].flatMap((group) => {
  const [type, ...patterns] = group.split(' ');
  return patterns.map((pattern) => ({ pattern, type: type as PageType }));
});

/** Signals about the current page; all but `path` are optional. */
export interface PageSignals {
  /** URL or stored path of the page. */
  path: string;
  /** Bare schema.org type names found in JSON-LD or microdata (see `jsonLdTypes`). */
  jsonLdTypes?: readonly string[];
  /** Content of `<meta property="og:type">`. */
  ogType?: string | null;
  /** From `pageHintFromDataLayer`. */
  dataLayerHint?: PageType;
  /** Merchant rules, tried before everything else. */
  rules?: readonly PageRule[];
}

const FUNNEL: readonly PageType[] = ['purchase', 'cart', 'checkout', 'search'];

function byRules(rules: readonly PageRule[], pathname: string): PageType | undefined {
  const bare = pathname.replace(/^\/[a-z]{2}(?:[-_][a-z]{2,4})?(?=\/)/i, '');
  return rules.find((r) => matchPattern(r.pattern, pathname) || (bare !== pathname && matchPattern(r.pattern, bare)))?.type;
}

/** The page type of the current page from the given signals (precedence in the file comment). Never throws. */
export function inferPageType(signals: PageSignals): PageType {
  try {
    const url = String(signals.path).slice(0, 512).replace(/^(?:[a-z][\w+.-]*:)?\/\/[^/?#]*/i, '');
    const [rawPath = '', query = ''] = url.split('#')[0]?.split('?') ?? [];
    const pathname = rawPath.startsWith('/') ? rawPath : '/' + rawPath;
    const searching = /(?:^|&)(?:q|s|query|search)=[^&]/i.test(query);
    const og = String(signals.ogType ?? '').toLowerCase();
    return (
      byRules(signals.rules ?? [], pathname) ??
      (isRootPath(pathname) ? (searching ? 'search' : 'home') : undefined) ??
      byRules(DEFAULT_PAGE_RULES.filter((r) => FUNNEL.includes(r.type)), pathname) ??
      signals.dataLayerHint ??
      pageTypeFromSchemaTypes(signals.jsonLdTypes ?? [], pathname) ??
      (/^(?:og:)?product(?:\.item)?$/.test(og) ? 'product' : undefined) ??
      byRules(DEFAULT_PAGE_RULES.filter((r) => !FUNNEL.includes(r.type)), pathname) ??
      (searching ? 'search' : 'other')
    );
  } catch {
    return 'other';
  }
}
