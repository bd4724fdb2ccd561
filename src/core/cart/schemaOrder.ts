/**
 * The cart from schema.org `Order` markup (JSON-LD), zero code: checkout and order pages that describe the order
 * the way Google's and Gmail's order markup asks for (`acceptedOffer` Offers with `itemOffered`, `price`,
 * `eligibleQuantity`; or `orderedItem` OrderItems with `orderQuantity`), with the total from `totalPaymentDue`
 * or the Order's own `price` when present, else the sum of the lines.
 *
 * What the order says about the cart depends on its status:
 * - a pending order (no `orderStatus`, or `OrderPaymentDue`): the cart is that order (no lines: an empty cart;
 *   lines none of which can be read: nothing is said);
 * - a placed one (`OrderProcessing`, `OrderInTransit`, `OrderDelivered`, `OrderPickupAvailable`): the cart was
 *   checked out, so it is empty now (the `purchase` itself comes from the dataLayer or `tailor.track`; one is
 *   not invented here, it could be counted twice);
 * - `OrderCancelled`, `OrderReturned`, `OrderProblem`: nothing is said about the cart.
 * Unreadable lines are skipped and counted. Never throws.
 */
import type { Item } from '../events/schema';
import { LIMITS } from '../events/schema';
import { isNode, list, textOf, typesOf, type SchemaNode } from '../events/lib/product-node';
import { parseAmount, parseCurrency } from '../events/lib/price';
import type { PlatformCart } from './platformCarts';

const PLACED = /(OrderProcessing|OrderInTransit|OrderDelivered|OrderPickupAvailable)$/;
const SILENT = /(OrderCancelled|OrderReturned|OrderProblem)$/;

const quantityOf = (v: unknown): number | undefined => {
  const raw = isNode(v) ? (v.value ?? v.minValue) : v;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= LIMITS.quantity ? n : undefined;
};
const amountOf = (v: unknown): number | undefined => {
  for (const x of list(v)) {
    const a = isNode(x) ? parseAmount(x.price ?? x.value) : parseAmount(x);
    if (a !== undefined && a >= 0 && a <= LIMITS.money) return a;
  }
  return undefined;
};
const currencyIn = (v: unknown): string | undefined => {
  for (const x of list(v)) {
    const c = isNode(x) ? parseCurrency(x.priceCurrency ?? x.currency) : undefined;
    if (c) return c;
  }
  return undefined;
};

/** A product node's id, as product views read it (sku, productID, non-fragment @id, url, name). */
function productIdOf(p: SchemaNode): string | undefined {
  return textOf(p.sku) || textOf(p.productID) || textOf(p['@id'])?.replace(/^#.*/, '') || textOf(p.url) || textOf(p.name);
}

/** One line from an Offer (`acceptedOffer`). */
function lineFromOffer(offer: SchemaNode): Item | undefined {
  const product = isNode(offer.itemOffered) ? offer.itemOffered : undefined;
  const id = product ? productIdOf(product) : undefined;
  if (!id) return undefined;
  const quantity = offer.eligibleQuantity === undefined ? 1 : quantityOf(offer.eligibleQuantity);
  if (!quantity) return undefined;
  const price = amountOf(offer.price) ?? amountOf(offer.priceSpecification);
  const name = product ? textOf(product.name) : undefined;
  return { id: id.slice(0, LIMITS.text), quantity, ...(price !== undefined ? { price } : {}), ...(name ? { name: name.slice(0, LIMITS.productName) } : {}) };
}

/** One line from an OrderItem (`orderedItem`), or a bare Product in it. */
function lineFromOrderItem(entry: SchemaNode): Item | undefined {
  const types = typesOf(entry);
  const product = types.includes('OrderItem') ? (isNode(entry.orderedItem) ? entry.orderedItem : undefined) : entry;
  const id = product ? productIdOf(product) : undefined;
  if (!product || !id) return undefined;
  const quantity = types.includes('OrderItem') ? (entry.orderQuantity === undefined ? 1 : quantityOf(entry.orderQuantity)) : 1;
  if (!quantity) return undefined;
  const offers = list(product.offers).filter(isNode);
  const price = amountOf(offers.map((o) => o.price)) ?? amountOf(offers.flatMap((o) => list(o.priceSpecification)));
  const name = textOf(product.name);
  return { id: id.slice(0, LIMITS.text), quantity, ...(price !== undefined ? { price } : {}), ...(name ? { name: name.slice(0, LIMITS.productName) } : {}) };
}

/** The cart an Order node implies, or null when it says nothing about the cart. */
function cartOfOrder(order: SchemaNode): PlatformCart | null {
  const status = textOf(order.orderStatus) ?? '';
  if (SILENT.test(status)) return null;
  if (PLACED.test(status)) return { cart: { items: [], value: 0 }, ignoredItems: 0 };
  const entries = [...list(order.acceptedOffer).map((o) => ['offer', o] as const), ...list(order.orderedItem).map((o) => ['item', o] as const)];
  // A pending order of nothing is an empty cart (the shopper removed the last line).
  if (entries.length === 0) return { cart: { items: [], value: 0 }, ignoredItems: 0 };
  const items: Item[] = [];
  let ignoredItems = 0;
  for (const [kind, entry] of entries.slice(0, LIMITS.items)) {
    const item = isNode(entry) ? (kind === 'offer' ? lineFromOffer(entry) : lineFromOrderItem(entry)) : undefined;
    if (item) items.push(item);
    else ignoredItems += 1;
  }
  // No readable line: the markup says nothing usable, and an unreadable order must not empty a real cart.
  if (items.length === 0) return null;
  const sum = Math.round(items.reduce((s, i) => s + (i.price ?? 0) * i.quantity, 0) * 1e6) / 1e6;
  const value = amountOf(order.totalPaymentDue) ?? amountOf(order.price) ?? sum;
  const currency = currencyIn([order.totalPaymentDue, order]) ?? currencyIn(list(order.acceptedOffer));
  return { cart: { items, value, ...(currency ? { currency } : {}) }, ignoredItems };
}

/** The cart of the page's first Order node that says something about it; null when none does. */
export function cartFromSchemaOrder(nodes: readonly SchemaNode[]): PlatformCart | null {
  try {
    for (const node of nodes) {
      if (!typesOf(node).includes('Order')) continue;
      const cart = cartOfOrder(node);
      if (cart) return cart;
    }
  } catch {
    // Malformed markup is the shop's problem, never the page's.
  }
  return null;
}
