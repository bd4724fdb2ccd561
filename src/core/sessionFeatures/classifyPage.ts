/**
 * Which UCI page group a Tailor page belongs to: Administrative, Informational, ProductRelated, or none.
 *
 * Tailor's tracker knows eight page types; UCI counts three groups. Product, category, search and cart pages are
 * product-related; checkout and purchase pages are forms about the shopper's order, which is what UCI's
 * "administrative" pages (account, login, contact) are too; the home page is in no group, as in UCI, where six
 * sessions have no page in any group. The catch-all `other` pages are split by keywords in their path.
 */
import type { PageType } from '../events/schema';

/** UCI's three page groups. */
export type PageClass = 'administrative' | 'informational' | 'productRelated';

/** Rules deciding the group of a page: per page type a group, `'path'` (use the keywords) or null (no group). */
export interface PageClassRules {
  readonly byPageType: Readonly<Record<PageType, PageClass | 'path' | null>>;
  /** Path words marking an administrative page; checked before the informational ones. */
  readonly administrative: readonly string[];
  /** Path words marking an informational page. */
  readonly informational: readonly string[];
}

/** Default rules; keywords cover the usual Shopify, WooCommerce, Magento and custom-shop URL vocabulary. */
export const DEFAULT_PAGE_CLASS_RULES: PageClassRules = {
  byPageType: {
    home: null, category: 'productRelated', product: 'productRelated', search: 'productRelated', cart: 'productRelated',
    checkout: 'administrative', purchase: 'administrative', other: 'path',
  },
  administrative: [
    'account', 'accounts', 'login', 'log-in', 'logout', 'signin', 'sign-in', 'signup', 'sign-up', 'register',
    'password', 'profile', 'contact', 'contact-us', 'order', 'orders', 'order-history', 'wishlist', 'settings', 'addresses',
  ],
  informational: [
    'about', 'about-us', 'faq', 'faqs', 'help', 'shipping', 'delivery', 'returns', 'refund', 'refunds', 'policy',
    'policies', 'privacy', 'terms', 'blog', 'blogs', 'news', 'stores', 'store-locator', 'size-guide', 'support', 'careers',
  ],
};

/** A compiled classifier: page type and path in, UCI group (or null: counted in no group) out. */
export type PageClassifier = (pageType: PageType, path: string) => PageClass | null;

/** Lower-cased path (query and fragment dropped) with every run of non-alphanumerics turned into one `-`, framed by `-`. */
function words(text: string): string {
  return `-${(text.split(/[?#]/)[0] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}-`;
}

/**
 * Compiles `rules` into a classifier. A keyword matches whole words of the path, so `contact` matches
 * `/pages/contact-us` and `/Contact` but not `/contactless-cards`; `sign-in` also matches `/sign_in`.
 */
export function createPageClassifier(rules: PageClassRules = DEFAULT_PAGE_CLASS_RULES): PageClassifier {
  const compile = (list: readonly string[], field: string) => list.map((keyword) => {
    const normalised = words(keyword);
    if (normalised === '--') throw new Error(`'rules.${field}' passed to 'createPageClassifier' holds an empty keyword`);
    return normalised;
  });
  const admin = compile(rules.administrative, 'administrative');
  const info = compile(rules.informational, 'informational');
  return (pageType, path) => {
    const rule = rules.byPageType[pageType];
    if (rule === undefined) throw new Error(`'rules.byPageType' passed to 'createPageClassifier' has no entry for page type '${pageType}'`);
    if (rule !== 'path') return rule;
    const haystack = words(path);
    if (admin.some((w) => haystack.includes(w))) return 'administrative';
    if (info.some((w) => haystack.includes(w))) return 'informational';
    return null;
  };
}

/** One-off classification with `rules` (compile once with {@link createPageClassifier} in loops). */
export function classifyPage(pageType: PageType, path: string, rules: PageClassRules = DEFAULT_PAGE_CLASS_RULES): PageClass | null {
  return createPageClassifier(rules)(pageType, path);
}
