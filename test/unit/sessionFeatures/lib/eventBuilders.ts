/** Small builders for stored Tailor events in tests; every field a test does not care about gets a fixed value. */
import type { Item, PageType } from '../../../../src/core/events/schema';
import type { FeatureEvent } from '../../../../src/core/sessionFeatures';

export const MIN = 60_000;
/** 2024-03-06 10:00 UTC, a Wednesday far from every special day. */
export const T0 = Date.UTC(2024, 2, 6, 10, 0, 0);

export const pageView = (ts: number, page_type: PageType, path: string, id?: string): FeatureEvent =>
  ({ name: 'page_view', ts, page_type, path, props: { page_type, path }, ...(id ? { id } : {}) });
export const dwell = (ts: number, active_ms: number): FeatureEvent => ({ name: 'dwell', ts, props: { active_ms } });
export const productView = (ts: number, product_id: string, price: number, sale_price?: number, category?: string): FeatureEvent =>
  ({
    name: 'product_view', ts,
    props: { product_id, name: product_id, price, ...(sale_price === undefined ? {} : { sale_price }), ...(category === undefined ? {} : { category }) },
  });
export const addToCart = (ts: number, id = 'p1'): FeatureEvent => ({ name: 'add_to_cart', ts, props: { items: [{ id, quantity: 1 }] } });
export const purchase = (ts: number, value: number, items: Item[] = [], coupon?: string): FeatureEvent =>
  ({ name: 'purchase', ts, props: { value, items, ...(coupon ? { coupon } : {}) } });
export const offer = (ts: number, name: 'offer_shown' | 'offer_redeemed', tier = 10): FeatureEvent => ({ name, ts, props: { tier } });
export const scroll = (ts: number): FeatureEvent => ({ name: 'scroll_depth', ts, props: { percent: 50 } });
