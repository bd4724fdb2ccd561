/**
 * Where Tailor keeps things on the device, and for how long: the object stores of the `tailor` IndexedDB
 * database, the keys of its `meta` store, the page-side Web Storage keys and the Cache Storage caches.
 *
 * Core may not import the worker, so these are declared here and test/unit/manifest/storage.test.ts holds them
 * against the real thing: the stores and indexes the migrations create, the retention defaults and what a sweep
 * deletes, the fields of session rows and decisions as the worker writes them, every `*_KEY` constant of the
 * worker, and the page-hide buffer's key.
 */

/** Events (and decisions, outbox records) older than this many days are deleted by the retention sweep. */
export const RETENTION_DAYS = 30;
/** Beyond this many events the oldest are deleted. */
export const MAX_STORED_EVENTS = 50_000;
/** Entries kept in the outbound log. */
export const OUTBOUND_LOG_ENTRIES = 200;
/** Name of the IndexedDB database (one per shop origin). */
export const DATABASE_NAME = 'tailor';
/** The opt-out flag's localStorage key (set by consent(false) and "Delete my data"). */
export const OPT_OUT_KEY = 'tailor:optout:v1';
/** The page-hide buffer's Web Storage key (localStorage, else sessionStorage). */
export const PENDING_BUFFER_KEY = 'tailor:pending:v1';
/** The loader's early buffer (ecommerce dataLayer entries and queued calls of a page that hid before the runtime was up). */
export const EARLY_BUFFER_KEYS = ['tailor:early-datalayer:v1', 'tailor:early-calls:v1'] as const;
/** The throwaway key the audit view writes and removes at once to learn which Web Storage area works. */
export const WEB_STORAGE_PROBE_KEY = 'tailor:probe';
/** Events the page-hide buffer holds at most. */
export const PENDING_BUFFER_MAX = 200;
/** Events it holds at most while the worker keeps events in memory only (IndexedDB missing, refused or full). */
export const PENDING_JOURNAL_MAX = 500;
/** Prefix of the Cache Storage caches holding the model files. */
export const MODEL_CACHE_PREFIX = 'tailor-model-v';

/** One IndexedDB object store. */
export interface ObjectStoreSpec {
  name: string;
  /** Key path of the records, or null for out-of-line keys. */
  keyPath: string | null;
  /** Index name → key path. */
  indexes: Readonly<Record<string, string>>;
  holds: string;
  retention: string;
  /** Record fields → meaning; the `events` store refers to the `events` section instead. */
  fields?: Readonly<Record<string, string>>;
}

const AGE = `deleted ${RETENTION_DAYS} days after its ts (swept at most every 10 minutes while Tailor runs), and with everything else by "Delete my data"`;

/** The object stores of the `tailor` database. */
export const OBJECT_STORES: readonly ObjectStoreSpec[] = [
  {
    name: 'events',
    keyPath: 'id',
    indexes: { 'by-ts': 'ts', 'by-name': 'name', 'by-session': 'session_id', 'by-transaction': 'props.transaction_id' },
    holds: 'validated, scrubbed behaviour events (every field is listed in the data manifest)',
    retention: `${AGE}; beyond ${MAX_STORED_EVENTS.toLocaleString('en-US')} events the oldest go first`,
  },
  {
    name: 'sessions',
    keyPath: 'id',
    indexes: { 'by-start': 'start', 'by-end': 'end' },
    holds: 'one row per visit (events less than 30 minutes apart), for features',
    retention: `deleted once every event of the visit is gone (so at most ${RETENTION_DAYS} days after the visit)`,
    fields: {
      id: 'random id of the visit',
      start: 'ts of its first event',
      end: 'ts of its last event',
      events: 'number of events',
      page_views: 'number of page views',
      product_views: 'number of product views',
      add_to_cart: 'number of add-to-cart events',
      purchases: 'number of purchases',
      revenue: "sum of purchase values, shop's currency",
      landing_page_type: 'page type of the first event',
    },
  },
  {
    name: 'decisions',
    keyPath: 'id',
    indexes: { 'by-ts': 'ts' },
    holds: 'every offer decision, shown or not, with its inputs and reason (the audit trail)',
    retention: AGE,
    fields: {
      id: 'random decision id',
      ts: 'when it was taken',
      tier: 'discount chosen, percent (0: no offer)',
      kind: 'greedy, explore, holdout, guardrail, no-model or not-worth-it',
      propensity: 'probability the policy picks this tier here (for off-policy evaluation)',
      reason: 'the human-readable reason shown in the audit panel',
      candidates: 'each tier with its purchase probability, expected margin and cost',
      orderValue: "order value assumed, shop's currency",
      cartValue: "value of the cart the device knew at the decision, shop's currency",
      policyVersion: 'policy version used',
      trigger: 'what asked for a decision (exit intent, product dwell, idle cart, return visit)',
      pageType: 'page type at the time',
      features: 'the feature values the decision used (computed on the device from the events)',
      vector: 'the standardised model input, when a model was loaded',
      scores: 'the model’s purchase probability per tier, or null',
      cost: 'expected discount cost of the chosen tier',
      shown: 'whether an offer was shown',
      code: 'the coupon code shown',
      expiresAt: 'when the shown offer expires',
      dismissed: 'whether the shopper dismissed it',
      reported: 'whether its outcome was turned into a report (or skipped)',
      reportSkipped: 'why no report was made (privacy budget, one exposure per day)',
    },
  },
  {
    name: 'outbox',
    keyPath: 'id',
    indexes: { 'by-ts': 'ts' },
    holds: 'noised reports waiting to be sent, exactly as they will be sent',
    retention: `${AGE}; removed once the collector accepted them`,
    fields: {
      id: "the report's idempotency key (random)",
      ts: 'when it was made',
      report: 'the noised report, exactly as it will be sent',
      sendAfter: 'a random time 10 minutes to 6 hours later, so its arrival cannot be tied to a page view',
    },
  },
  {
    name: 'meta',
    keyPath: null,
    indexes: {},
    holds: 'small state documents, one per key (see the meta keys)',
    retention: 'per key; all deleted by "Delete my data"',
  },
];

/** One key of the `meta` store. */
export interface MetaKeySpec {
  key: string;
  holds: string;
  retention: string;
}

/** Every key Tailor writes in the `meta` store; all of them are shown by `tailor.audit()`. */
export const META_KEYS: readonly MetaKeySpec[] = [
  { key: 'visitor', holds: 'first seen, number of visits, latest and previous visit, last purchase time (no events)', retention: 'kept across the event retention so "days since last visit" works; deleted by "Delete my data"' },
  { key: 'holdout', holds: 'whether this device is in the control group that never sees offers', retention: 'sticky until "Delete my data"' },
  { key: 'collector-pause', holds: 'until when the collector asked this device to send nothing (from a Retry-After answer)', retention: 'replaced by the next such answer; ignored once past' },
  { key: 'server-clock', holds: "how far this device's clock is from the collector's (ms, measured from its Date header) and when that was measured", retention: 'replaced when the correction changes (0 once the device agrees with the collector again); deleted by "Delete my data"' },
  { key: 'idle-cart', holds: 'which cart state the last idle-cart trigger was answered for (a change counter, a time and the value), so it fires once per cart', retention: 'replaced at the next idle-cart trigger' },
  { key: 'coupon-book', holds: 'the signed coupon codes fetched from the collector, one per tier', retention: 'replaced when it expires' },
  { key: 'outbound-log', holds: 'every request ever sent: time, method, path, exact body, status', retention: `the last ${OUTBOUND_LOG_ENTRIES} requests` },
  { key: 'privacy-budget', holds: 'privacy budget: the limits, ε per report, and what was spent per UTC day (reports, ε)', retention: 'days outside the 7-day window are dropped' },
  { key: 'report-delivery', holds: 'retry state of report uploads (failed attempts, next attempt time)', retention: 'reset after a successful upload' },
  { key: 'policy-config', holds: 'the policy configuration received from the collector', retention: 'replaced on refresh' },
  { key: 'features-snapshot', holds: "the running feature computation, saved so the next page need not re-read every event: counters over past visits (purchases, spend, cart abandons, per-page and per-category view counts) and the current visit's aggregate; derived from the stored events, never sent", retention: 'rewritten as events arrive; discarded when stored events are deleted (retention) and by "Delete my data"' },
];

/** Storage outside IndexedDB. */
export interface OtherStorageSpec {
  /** 'Web Storage': localStorage, else sessionStorage where localStorage refuses the write (one of the two at a time). */
  kind: 'Web Storage' | 'CacheStorage';
  key: string;
  holds: string;
  retention: string;
}

/** The page-side buffer and the model caches. */
export const OTHER_STORAGE: readonly OtherStorageSpec[] = [
  {
    kind: 'Web Storage',
    key: PENDING_BUFFER_KEY,
    holds: `up to ${PENDING_BUFFER_MAX} validated, scrubbed events not yet written when a page was hidden (only after consent); while IndexedDB cannot be used (missing, refused, full), the newest ${PENDING_JOURNAL_MAX} events, carried from page to page in its place`,
    retention: 'read and removed by the next page of the shop; removed on consent withdrawal and by "Delete my data"',
  },
  ...EARLY_BUFFER_KEYS.map((key) => ({
    kind: 'Web Storage' as const,
    key,
    holds: key.includes('calls')
      ? "the tailor.track and tailor.cart calls a page queued before Tailor's runtime loaded, when that page went away first"
      : "the ecommerce entries (event and ecommerce payload only) of a page's dataLayer when the page went away before Tailor's runtime loaded; validated, scrubbed and stored (after consent) by the next page",
    retention: 'read and removed by the next page of the shop; dropped unread after 30 minutes; never written after an opt-out; removed on consent withdrawal and by "Delete my data"',
  })),
  {
    kind: 'Web Storage',
    key: OPT_OUT_KEY,
    holds: 'the value "1" when the shopper withdrew consent or deleted their data, so recording does not restart on the next page',
    retention: 'until tailor.consent(true)',
  },
  {
    kind: 'Web Storage',
    key: WEB_STORAGE_PROBE_KEY,
    holds: 'the value "1", written and removed at once when the audit view asks which storage works on this page',
    retention: 'removed immediately',
  },
  {
    kind: 'CacheStorage',
    key: `${MODEL_CACHE_PREFIX}<version>`,
    holds: "Tailor's model files (the same for every shopper; nothing about the shopper)",
    retention: 'replaced by the next model version; deleted by "Delete my data"',
  },
];
