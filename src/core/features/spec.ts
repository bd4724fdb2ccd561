/**
 * THE feature specification shared by the browser worker and the training CLI.
 *
 * Column order of the model input is exactly this list, with each categorical expanded to one
 * column per level (see `featureColumns`). Session features keep the UCI "Online Shoppers
 * Purchasing Intention" names so the training data maps one-to-one. OperatingSystems, Browser,
 * Region and TrafficType are deliberately left out: a browser cannot reproduce the UCI codes, and
 * they would turn the model into a device/location fingerprint.
 *
 * History features (RFM in the spirit of the Hillstrom data, offer response, category affinity) exist only at runtime; in UCI they
 * are always missing, so they impute to one value, have zero spread, and standardise to 0 — the
 * purchase model ignores them until a model is trained on data that has them.
 */
import type { FeatureDefinition, FeatureSpec } from './definition';

/**
 * Bump the major version on any change to names, order, levels, ranges' meaning or transforms.
 * 2.0.0: `category_affinity` appended (34 columns); bundles of 1.0.0 are refused at load time.
 * 3.0.0: `PageValues_missing` appended (35 columns): devices without a page-value table no longer pass an
 * unknown PageValues off as a known 0; bundles of 2.0.0 are refused at load time.
 */
export const FEATURE_SPEC_VERSION = '3.0.0';

/** Month levels with the UCI spellings ("June", not "Jun"); index = `Date#getMonth()`. */
export const MONTH_LEVELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Visitor type levels as spelled by UCI (Google Analytics). */
export const VISITOR_TYPE_LEVELS = ['Returning_Visitor', 'New_Visitor', 'Other'] as const;

const DAY_SECONDS = 86_400;

const FEATURES: readonly FeatureDefinition[] = [
  {
    name: 'Administrative', kind: 'count', source: 'session', default: 0, min: 0, max: 1000, transform: 'log1p',
    doc: 'Pages of the account/administrative type (login, account, contact) viewed in this session.',
  },
  {
    name: 'Administrative_Duration', kind: 'duration', source: 'session', default: 0, min: 0, max: DAY_SECONDS, transform: 'log1p',
    doc: 'Seconds spent on administrative pages in this session.',
  },
  {
    name: 'Informational', kind: 'count', source: 'session', default: 0, min: 0, max: 1000, transform: 'log1p',
    doc: 'Pages of the informational type (about, shipping, FAQ) viewed in this session.',
  },
  {
    name: 'Informational_Duration', kind: 'duration', source: 'session', default: 0, min: 0, max: DAY_SECONDS, transform: 'log1p',
    doc: 'Seconds spent on informational pages in this session.',
  },
  {
    name: 'ProductRelated', kind: 'count', source: 'session', default: 0, min: 0, max: 10_000, transform: 'log1p',
    doc: 'Product and category pages viewed in this session.',
  },
  {
    name: 'ProductRelated_Duration', kind: 'duration', source: 'session', default: 0, min: 0, max: DAY_SECONDS, transform: 'log1p',
    doc: 'Seconds spent on product-related pages in this session.',
  },
  {
    name: 'BounceRates', kind: 'rate', source: 'session', default: 0, min: 0, max: 1, transform: 'none',
    doc: 'Mean, over pages viewed, of the share of sessions that entered on that page and left without another request.',
  },
  {
    name: 'ExitRates', kind: 'rate', source: 'session', default: 0, min: 0, max: 1, transform: 'none',
    doc: 'Mean, over pages viewed, of the share of page views that were the last of their session.',
  },
  {
    name: 'PageValues', kind: 'money', source: 'session', default: 0, min: 0, max: 100_000, transform: 'log1p',
    doc: 'Mean value of the pages viewed: revenue of sessions that passed through a page divided by its unique views (GA page value). The strongest single signal.',
  },
  {
    name: 'SpecialDay', kind: 'rate', source: 'session', default: 0, min: 0, max: 1, transform: 'none',
    doc: 'Closeness of the visit to a gift-giving day (0 = not near, 1 = the peak a few days before it).',
  },
  {
    name: 'Month', kind: 'categorical', source: 'session', default: 'May', levels: MONTH_LEVELS, transform: 'onehot',
    doc: 'Calendar month of the visit (UCI spelling; UCI itself has no Jan or Apr rows, so those columns standardise to 0).',
  },
  {
    name: 'VisitorType', kind: 'categorical', source: 'session', default: 'Returning_Visitor', levels: VISITOR_TYPE_LEVELS, transform: 'onehot',
    doc: 'Whether the device has visited the shop before.',
  },
  {
    name: 'Weekend', kind: 'binary', source: 'session', default: 0, min: 0, max: 1, transform: 'none',
    doc: '1 when the visit falls on a Saturday or Sunday (shopper local time).',
  },
  {
    name: 'recency_days', kind: 'duration', source: 'history', default: 365, min: 0, max: 3650, transform: 'log1p',
    doc: 'Days since the last purchase on this shop from this device; missing when there was none.',
  },
  {
    name: 'frequency', kind: 'count', source: 'history', default: 0, min: 0, max: 10_000, transform: 'log1p',
    doc: 'Purchases made on this shop from this device in the retained history window.',
  },
  {
    name: 'monetary', kind: 'money', source: 'history', default: 0, min: 0, max: 10_000_000, transform: 'log1p',
    doc: 'Total spend (shop currency, before discounts) of those purchases.',
  },
  {
    name: 'cart_abandons', kind: 'count', source: 'history', default: 0, min: 0, max: 10_000, transform: 'log1p',
    doc: 'Past sessions that added to cart but ended without a purchase.',
  },
  {
    name: 'sale_share', kind: 'rate', source: 'history', default: 0, min: 0, max: 1, transform: 'none',
    doc: 'Share of past purchased items that were on sale; missing when there was no purchase.',
  },
  {
    name: 'coupon_use', kind: 'rate', source: 'history', default: 0, min: 0, max: 1, transform: 'none',
    doc: 'Share of past purchases that applied any coupon code; missing when there was no purchase.',
  },
  {
    name: 'offer_response', kind: 'rate', source: 'history', default: 0, min: 0, max: 1, transform: 'none',
    doc: 'Share of Tailor offers shown to this device that were redeemed; missing when none was shown.',
  },
  {
    name: 'category_affinity', kind: 'rate', source: 'history', default: 0, min: 0, max: 1, transform: 'none',
    doc: 'Mean, over this session\'s product views that name a category, of that category\'s share of the device\'s past categorised product views (categories trimmed and lower-cased); missing without such past or current views.',
  },
  {
    name: 'PageValues_missing', kind: 'binary', source: 'runtime', default: 0, min: 0, max: 1, transform: 'none',
    doc: '1 when the device could not price the session\'s pages: no site-wide page-value table (GET /v1/config) and no positive value in its own history. PageValues is then 0 and means "unknown"; 0 in UCI, where GA priced every page.',
  },
];

/** The feature specification every bundle is checked against. */
export const FEATURE_SPEC: FeatureSpec = { version: FEATURE_SPEC_VERSION, features: FEATURES };
