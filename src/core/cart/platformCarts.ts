/**
 * The carts the two largest shop platforms publish to their own storefront, as a `view_cart` snapshot:
 * - Shopify's Ajax API, `GET {Shopify.routes.root}cart.js`: prices in the currency's minor units ("cents"),
 *   `final_price` per unit after line discounts, `total_price` for the cart;
 * - WooCommerce's Store API, `GET /wp-json/wc/store/v1/cart`: amounts as strings of minor units with
 *   `currency_minor_unit` decimals, `totals.total_items` for the merchandise (before shipping and tax).
 * Both answer with the shopper's own cart (same origin, the shop's cookie); nothing is sent anywhere.
 * Unreadable lines are skipped and counted; an answer that is not a cart is null.
 */
import type { CartProps, Item } from '../events/schema';
import { LIMITS } from '../events/schema';

/** A platform cart read as a snapshot, with the lines that could not be read. */
export interface PlatformCart {
  readonly cart: CartProps;
  readonly ignoredItems: number;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const minor = (v: unknown, digits: number): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n) / 10 ** digits : undefined;
};
const currencyOf = (v: unknown) => (typeof v === 'string' && /^[A-Za-z]{3}$/.test(v) ? v.toUpperCase() : undefined);
const quantityOf = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= LIMITS.quantity ? v : undefined);

function snapshot(lines: unknown[], readLine: (line: Rec) => Item | undefined, value: number | undefined, currency: string | undefined): PlatformCart {
  const items: Item[] = [];
  let ignoredItems = 0;
  for (const line of lines.slice(0, LIMITS.items)) {
    const item = isRec(line) ? readLine(line) : undefined;
    if (item) items.push(item);
    else ignoredItems += 1;
  }
  // Not cartModel's itemsValue: importing it would pull the worker's cart model into this page-side chunk.
  const sum = Math.round(items.reduce((s, i) => s + (i.price ?? 0) * i.quantity, 0) * 1e6) / 1e6;
  return { cart: { items, value: items.length ? value ?? sum : 0, ...(currency ? { currency } : {}) }, ignoredItems };
}

/** Shopify's `/cart.js` answer. */
export function cartFromShopify(json: unknown): PlatformCart | null {
  if (!isRec(json) || !Array.isArray(json.items)) return null;
  return snapshot(json.items, (line) => {
    const id = text(line.variant_id) ?? text(line.id);
    const quantity = quantityOf(line.quantity);
    if (!id || !quantity) return undefined;
    const price = minor(line.final_price, 2) ?? minor(line.price, 2);
    const name = text(line.product_title) ?? text(line.title);
    const category = text(line.product_type);
    return { id, quantity, ...(price !== undefined ? { price } : {}), ...(name ? { name } : {}), ...(category ? { category } : {}) };
  }, minor(json.total_price, 2), currencyOf(json.currency));
}

/** WooCommerce's Store API `/wc/store/v1/cart` answer. */
export function cartFromWooStore(json: unknown): PlatformCart | null {
  if (!isRec(json) || !Array.isArray(json.items)) return null;
  const totals = isRec(json.totals) ? json.totals : {};
  const digits = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4 ? v : 2);
  return snapshot(json.items, (line) => {
    const id = text(line.id) ?? text(line.key);
    const quantity = quantityOf(line.quantity);
    if (!id || !quantity) return undefined;
    const prices = isRec(line.prices) ? line.prices : {};
    const price = minor(prices.price, digits(prices.currency_minor_unit));
    const name = text(line.name);
    return { id, quantity, ...(price !== undefined ? { price } : {}), ...(name ? { name } : {}) };
  }, minor(totals.total_items, digits(totals.currency_minor_unit)), currencyOf(totals.currency_code));
}
