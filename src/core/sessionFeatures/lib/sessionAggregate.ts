/**
 * The per-session counters every feature is computed from. Two independent producers build it — the batch
 * `aggregateSession` (full recompute) and the event-at-a-time `createSessionReducer` (accumulator) — and the
 * property test asserts they agree; one consumer (`recordFrom`) turns it into features, one (`foldSession`)
 * into history.
 */
import type { PageClass } from '../classifyPage';
import type { PurchaseProps } from '../../events/schema';

/** What a session did on one page path. */
export interface SessionPath {
  views: number;
  /** Session revenue booked before the path's first view (what follows it is credited to it). */
  revenueBefore: number;
  productRelated: boolean;
}

/** Counters of one session. Durations are integer-friendly milliseconds; features convert to seconds. */
export interface SessionAggregate {
  /** Effective ts of the first and the latest event. */
  start: number;
  end: number;
  pageViews: number;
  counts: Record<PageClass, number>;
  durationMs: Record<PageClass, number>;
  /** Every viewed path (query dropped), in first-view order. */
  paths: Map<string, SessionPath>;
  landingPath: string | null;
  lastPath: string | null;
  revenue: number;
  purchases: number;
  spend: number;
  lastPurchaseTs: number | null;
  purchasedLines: number;
  saleLines: number;
  couponPurchases: number;
  addedToCart: boolean;
  offersShown: number;
  offersRedeemed: number;
  /** `product_view`s with a category, per normalised category in first-view order, and their total. */
  categories: Map<string, number>;
  categorisedViews: number;
}

/** An empty session starting at `start`. */
export function newAggregate(start: number): SessionAggregate {
  return {
    start, end: start, pageViews: 0,
    counts: { administrative: 0, informational: 0, productRelated: 0 },
    durationMs: { administrative: 0, informational: 0, productRelated: 0 },
    paths: new Map(), landingPath: null, lastPath: null, revenue: 0, purchases: 0, spend: 0,
    lastPurchaseTs: null, purchasedLines: 0, saleLines: 0, couponPurchases: 0, addedToCart: false, offersShown: 0, offersRedeemed: 0,
    categories: new Map(), categorisedViews: 0,
  };
}

/** No page's time counts beyond this when it is measured as the gap to the next page view (no dwell event). */
export const MAX_GAP_DURATION_MS = 30 * 60 * 1000;

/** A page path without query or fragment: variants (`?variant=2`) of one page share its statistics. */
export function pagePath(path: string): string {
  return path.split(/[?#]/)[0] ?? path;
}

/**
 * Spend before discounts: GA4-style item `price` is the discounted unit price and `discount` the per-unit amount
 * off, so the list-price total is `value + Σ discount × quantity`. Order-level coupons are invisible here.
 */
export function preDiscountSpend(props: PurchaseProps): number {
  return props.items.reduce((sum, item) => sum + (item.discount ?? 0) * item.quantity, props.value);
}

/** Whether a purchase carried a coupon code of its own. */
export function hasCouponCode(props: PurchaseProps): boolean {
  return typeof props.coupon === 'string' && props.coupon.trim() !== '';
}
