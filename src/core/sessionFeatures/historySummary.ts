/**
 * What the features need to know about ended sessions, folded into counters so that history is never rescanned.
 * JSON-serialisable: the worker may persist it, and events older than the retention window live on only here.
 */

/**
 * Per page path (query dropped), GA's page-level counters: sessions that entered on it and of those how many
 * bounced (one page view), its page views and how many were the last of their session, the sessions that viewed
 * it and the revenue of purchases made after that view.
 */
export interface PathStats {
  entries: number;
  bounces: number;
  views: number;
  exits: number;
  sessions: number;
  revenue: number;
}

/**
 * At most this many distinct product categories keep a counter of their own: the first ones seen (in fold order:
 * session by session, within a session by first view). Views of later categories only add to `categoryViews`,
 * so they still dilute every tracked category's share, and they score 0 themselves. This keeps a stored summary
 * small (each key is at most `LIMITS.text` characters) whatever the shop's catalogue.
 */
export const MAX_HISTORY_CATEGORIES = 64;

/** Current layout version; version 1 (no category counters) is upgraded by `upgradeHistorySummary`. */
export const HISTORY_SUMMARY_VERSION = 2;

/** Counters over every ended session seen on this device. */
export interface HistorySummary {
  readonly version: typeof HISTORY_SUMMARY_VERSION;
  sessions: number;
  /** Purchase events, their summed pre-discount spend, and the ts of the latest one (null when none). */
  purchases: number;
  spend: number;
  lastPurchaseTs: number | null;
  /** Sessions that added to cart and made no purchase. */
  cartAbandons: number;
  /** Purchased item lines, and how many of them were on sale. */
  purchasedLines: number;
  saleLines: number;
  /** Purchases with a coupon code or after a redeemed Tailor offer. */
  couponPurchases: number;
  offersShown: number;
  offersRedeemed: number;
  /** Keyed by scrubbed path; a JSON object so the summary survives `JSON.stringify`. Read it with `Object.hasOwn`. */
  paths: Record<string, PathStats>;
  /** `product_view`s that carried a category (normalised: trimmed, lower-case), tracked or not: the shares' denominator. */
  categoryViews: number;
  /**
   * Those views per normalised category, for at most {@link MAX_HISTORY_CATEGORIES} categories; the untracked rest
   * ("other") is `categoryViews` minus the sum of these. Read it with `Object.hasOwn`, as `paths`.
   */
  categories: Record<string, number>;
}

/** The summary of a device with no past sessions. */
export function emptyHistory(): HistorySummary {
  return {
    version: HISTORY_SUMMARY_VERSION, sessions: 0, purchases: 0, spend: 0, lastPurchaseTs: null, cartAbandons: 0, purchasedLines: 0,
    saleLines: 0, couponPurchases: 0, offersShown: 0, offersRedeemed: 0, paths: {}, categoryViews: 0, categories: {},
  };
}

const COUNTERS = [
  'sessions', 'purchases', 'spend', 'cartAbandons', 'purchasedLines', 'saleLines', 'couponPurchases', 'offersShown', 'offersRedeemed',
  'categoryViews',
] as const;

const PATH_COUNTERS = ['entries', 'bounces', 'views', 'exits', 'sessions', 'revenue'] as const;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Throws unless `value` is a well-formed {@link HistorySummary} (current version, finite non-negative counters,
 * per-path counters well-formed, at most {@link MAX_HISTORY_CATEGORIES} category counters summing to at most
 * `categoryViews`). The message names `caller`; a corrupt stored summary must fail loudly, not skew features.
 * A version 1 summary is refused here with a pointer to `upgradeHistorySummary`.
 */
export function assertHistorySummary(value: unknown, caller: string): asserts value is HistorySummary {
  const fail = (message: string): never => {
    throw new Error(`'history' passed to '${caller}' ${message}`);
  };
  if (typeof value !== 'object' || value === null) fail('must be a HistorySummary object');
  const h = value as Partial<HistorySummary>;
  if ((h.version as number | undefined) === 1) fail(`has version 1 (before category counters); upgrade it with 'upgradeHistorySummary' first`);
  if (h.version !== HISTORY_SUMMARY_VERSION) fail(`must have version ${HISTORY_SUMMARY_VERSION}, got ${String(h.version)}`);
  for (const field of COUNTERS) if (!isCount(h[field])) fail(`needs a finite non-negative '${field}'`);
  if (h.lastPurchaseTs !== null && !(typeof h.lastPurchaseTs === 'number' && Number.isFinite(h.lastPurchaseTs))) {
    fail(`needs 'lastPurchaseTs' to be a finite number or null`);
  }
  if (typeof h.paths !== 'object' || h.paths === null) fail(`needs a 'paths' object`);
  for (const [path, s] of Object.entries(h.paths as object)) {
    const stats = s as Partial<PathStats> | null;
    if (!stats || !PATH_COUNTERS.every((field) => isCount(stats[field]))) fail(`has malformed counters for path '${path}'`);
  }
  if (typeof h.categories !== 'object' || h.categories === null || Array.isArray(h.categories)) fail(`needs a 'categories' object`);
  const categories = Object.entries(h.categories as object);
  if (categories.length > MAX_HISTORY_CATEGORIES) fail(`has ${categories.length} category counters, more than ${MAX_HISTORY_CATEGORIES}`);
  let tracked = 0;
  for (const [category, views] of categories) {
    if (!isCount(views)) fail(`has a malformed counter for category '${category}'`);
    tracked += views as number;
  }
  if (tracked > (h.categoryViews as number)) fail(`counts ${tracked} views in 'categories' but only ${String(h.categoryViews)} in 'categoryViews'`);
}
