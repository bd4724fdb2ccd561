/**
 * The Tailor event schema: every event the tracker may store, as a discriminated union on `name`.
 *
 * Shape decision: a stored event is an envelope `{ name, ts, page_type?, path?, props }`. The payload lives in
 * `props` rather than being spread into the envelope because two payloads would otherwise collide with envelope
 * fields (`page_view` carries its own `page_type`/`path`; `custom` carries its own `name`). The envelope's
 * `page_type`/`path` describe the page the event happened on (stamped by the tracker); `page_view.props` describes
 * the page that was viewed. Both paths are scrubbed (see scrub.ts) before they are stored.
 *
 * Money is in the shop's currency units (19.99, not cents). `price` is the regular unit price; `sale_price`, when
 * present, is the lower price actually asked. All values are produced by `validateEvent`, which is the only way
 * into storage, so readers may rely on the invariants documented on `LIMITS`.
 */

/** Page kinds the tracker distinguishes; `other` is the catch-all (blog, account, CMS pages). */
export const PAGE_TYPES = ['home', 'category', 'product', 'search', 'cart', 'checkout', 'purchase', 'other'] as const;
/** One of {@link PAGE_TYPES}. */
export type PageType = (typeof PAGE_TYPES)[number];

/** Scroll-depth milestones, in percent of the page; each fires at most once per page view. */
export const SCROLL_DEPTHS = [25, 50, 75, 90, 100] as const;
/** How an exit intent was detected: pointer leaving the top edge, fast scroll up, or the back button. */
export const EXIT_VIAS = ['pointer', 'scroll', 'back'] as const;
/** Lifecycle of a shown coupon offer. */
export const OFFER_EVENTS = ['offer_shown', 'offer_clicked', 'offer_copied', 'offer_dismissed', 'offer_redeemed'] as const;

/**
 * Caps enforced by `validateEvent`. Free text longer than its cap is truncated (after scrubbing), never rejected;
 * numbers outside their bounds reject the event, because they signal a broken integration or a bot.
 */
export const LIMITS = {
  /** Generic string cap (ids, categories, paths, custom string values). */
  text: 200,
  /** Product and item names. */
  productName: 120,
  /** Search queries. */
  query: 100,
  /** Items per cart/checkout/purchase event. */
  items: 50,
  /** Units of one item. */
  quantity: 999,
  /** Upper bound for any amount of money; generous so that VND/IDR prices fit. */
  money: 1e9,
  /** Keys in the props of a custom event. */
  customProps: 10,
  /** Longest dwell that is plausible for one page view (a day). */
  dwellMs: 86_400_000,
} as const;

/**
 * A line in a cart, checkout or order, in GA4 semantics: `price` is the unit price paid and `discount` the
 * per-unit amount already taken off it.
 */
export interface Item {
  id: string;
  name?: string;
  price?: number;
  quantity: number;
  category?: string;
  discount?: number;
}

/** `page_view` payload. */
export interface PageViewProps {
  page_type: PageType;
  path: string;
}

/** `product_view` payload; also what the JSON-LD / microdata / dataLayer parsers extract. */
export interface ProductViewProps {
  product_id: string;
  name: string;
  /** Regular unit price. */
  price: number;
  /** Current lower price, only when the page shows a reduction from `price`. */
  sale_price?: number;
  /** ISO 4217 code, upper case. */
  currency?: string;
  category?: string;
  /** Average rating normalised to the 0–5 scale. */
  rating?: number;
}

/** What the structured-data parsers extract from a page: exactly a `product_view` payload. */
export type ProductInfo = ProductViewProps;

/**
 * Payload of `add_to_cart`, `remove_from_cart`, `begin_checkout` and `view_cart`. `view_cart` is a whole-cart
 * snapshot (GA4 `view_cart`, the shop platform's cart API, `tailor('cart', …)`): its items replace the cart the
 * device knew, and an empty list means the cart is empty. The others change it line by line.
 */
export interface CartProps {
  items: Item[];
  value?: number;
  currency?: string;
}

/**
 * `purchase` payload. `transaction_id` is an identifier; it is kept because it never leaves the device (it lets
 * the store de-duplicate a thank-you page that is reloaded) and is excluded from every synced report.
 */
export interface PurchaseProps {
  items: Item[];
  value: number;
  currency?: string;
  transaction_id?: string;
  coupon?: string;
}

/** Payload of `offer_feedback`: the shopper's one-tap answer to "was this offer useful?". */
export interface OfferFeedbackProps {
  tier: number;
  offer_id?: string;
  useful: boolean;
}

/** Payload of the five offer lifecycle events. */
export interface OfferProps {
  /** Discount tier as percent off (0 = no discount / holdout). */
  tier: number;
  offer_id?: string;
}

/** Values allowed in the props of a custom event: flat primitives only, so nothing nested can hide data. */
export type CustomValue = string | number | boolean | null;

/** Payload of `custom`, produced by the public `tailor.track(name, props)` API. */
export interface CustomProps {
  name: string;
  props: Record<string, CustomValue>;
}

/** Payload type of every event name. */
export interface EventPropsMap {
  page_view: PageViewProps;
  product_view: ProductViewProps;
  add_to_cart: CartProps;
  remove_from_cart: CartProps;
  begin_checkout: CartProps;
  view_cart: CartProps;
  purchase: PurchaseProps;
  search: { query: string };
  scroll_depth: { percent: (typeof SCROLL_DEPTHS)[number] };
  dwell: { active_ms: number };
  exit_intent: { via: (typeof EXIT_VIAS)[number] };
  rating: { product_id: string; rating: number; has_review: boolean };
  offer_shown: OfferProps;
  offer_clicked: OfferProps;
  offer_copied: OfferProps;
  offer_dismissed: OfferProps;
  offer_redeemed: OfferProps;
  offer_feedback: OfferFeedbackProps;
  custom: CustomProps;
}

/** Every event name the store accepts. */
export type EventName = keyof EventPropsMap;

/** Context shared by all events: when, and on which page. */
export interface EventEnvelope {
  /** Milliseconds since the Unix epoch. */
  ts: number;
  page_type?: PageType;
  path?: string;
}

/** A validated, scrubbed event as stored. Narrow on `name` to get the matching `props` type. */
export type TailorEvent = { [N in EventName]: EventEnvelope & { name: N; props: EventPropsMap[N] } }[EventName];

/** What parsers and the tracker hand to `validateEvent`: a stored event whose `ts` may still be missing. */
export type TailorEventInput = {
  [N in EventName]: Partial<EventEnvelope> & { name: N; props: EventPropsMap[N] };
}[EventName];

/** All event names, in schema order. */
export const EVENT_NAMES = [
  'page_view', 'product_view', 'add_to_cart', 'remove_from_cart', 'begin_checkout', 'view_cart', 'purchase', 'search',
  'scroll_depth', 'dwell', 'exit_intent', 'rating', ...OFFER_EVENTS, 'offer_feedback', 'custom',
] as const satisfies readonly EventName[];

// Compile-time proof that EVENT_NAMES lists every key of EventPropsMap.
type _AssertNever<T extends never> = T;
type _EventNamesComplete = _AssertNever<Exclude<EventName, (typeof EVENT_NAMES)[number]>>;
