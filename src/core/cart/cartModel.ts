/**
 * The cart as the device knows it, folded from stored events in store order — so every tab and every page of the
 * shop, reading the same store, knows the same cart, and it survives navigation like the events do.
 *
 * - `view_cart` (GA4 `view_cart`, the platform's cart API, `tailor('cart', …)`) is a whole snapshot: it replaces
 *   the lines and the value; an empty one empties the cart.
 * - `begin_checkout` with items is a snapshot too (a checkout lists the cart); without items it changes nothing.
 * - `add_to_cart` / `remove_from_cart` change lines by quantity (GA4 semantics: the items pushed are the change);
 *   an add moves the value by the event's `value`, else by Σ price × quantity; a removal by what it took out.
 * - `purchase` empties it.
 *
 * Value is kept apart from the lines because a snapshot's `value` may include what lines cannot show (an order
 * discount, a shipping line); changes then move it by their own amount.
 */
import type { CartProps, Item, TailorEvent } from '../events/schema';

/** Names of the events the cart is folded from. */
export const CART_EVENT_NAMES = ['add_to_cart', 'remove_from_cart', 'begin_checkout', 'view_cart', 'purchase'] as const;

/** One line of the cart. */
export interface CartLine {
  readonly id: string;
  readonly name?: string;
  /** Unit price paid (GA4 `price`). */
  readonly price?: number;
  readonly quantity: number;
  readonly category?: string;
}

/** The device's cart. */
export interface CartState {
  readonly lines: readonly CartLine[];
  /** Cart value in the shop's currency units; 0 when empty. */
  readonly value: number;
  readonly currency?: string;
  /** Effective ts of the last event that changed the cart; null before any. */
  readonly changedAt: number | null;
  /** Events that changed the cart so far: with `changedAt`, tells one cart state from the next. */
  readonly changes: number;
}

/** The cart before any event. */
export const EMPTY_CART: CartState = Object.freeze({ lines: [], value: 0, changedAt: null, changes: 0 });

/** Rounded to 1e-6 so that sums of prices stay exact to the cent (10.01 + 2.22 = 12.23). */
const money = (x: number) => Math.round(x * 1e6) / 1e6;
const itemsValue = (items: readonly Item[]) => money(items.reduce((sum, i) => sum + (i.price ?? 0) * i.quantity, 0));
const lineOf = (i: Item): CartLine => ({ id: i.id, quantity: i.quantity, ...(i.name ? { name: i.name } : {}), ...(i.price !== undefined ? { price: i.price } : {}), ...(i.category ? { category: i.category } : {}) });

/** Whether the cart holds anything. */
export function cartIsEmpty(cart: CartState): boolean {
  return cart.lines.length === 0;
}

/** A key that changes whenever the cart does: `idle_cart` fires once per key. */
export function cartKey(cart: CartState): string {
  return `${cart.changes}:${cart.changedAt ?? 0}:${cart.value}`;
}

function snapshot(props: CartProps, ts: number, prev: CartState): CartState {
  const lines = mergeLines([], props.items, 1);
  return {
    lines,
    value: lines.length === 0 ? 0 : props.value ?? itemsValue(props.items),
    ...(props.currency ?? prev.currency ? { currency: props.currency ?? prev.currency } : {}),
    changedAt: ts,
    changes: prev.changes + 1,
  };
}

/** `lines` with each item's quantity added (`sign` 1) or taken away (`sign` -1); lines at 0 or below go. */
function mergeLines(lines: readonly CartLine[], items: readonly Item[], sign: 1 | -1): CartLine[] {
  const out = lines.map((l) => ({ ...l }));
  for (const item of items) {
    const at = out.findIndex((l) => l.id === item.id);
    if (at < 0) {
      if (sign > 0) out.push(lineOf(item));
      continue;
    }
    const line = out[at]!;
    const quantity = line.quantity + sign * item.quantity;
    if (quantity <= 0) out.splice(at, 1);
    else out[at] = { ...line, ...lineOf(item), quantity };
  }
  return out;
}

/** Value of what removing `items` takes out of `lines`: per line, at most the quantity it holds. */
function removedValue(lines: readonly CartLine[], items: readonly Item[]): number {
  const left = new Map(lines.map((l) => [l.id, l.quantity]));
  let sum = 0;
  for (const item of items) {
    const line = lines.find((l) => l.id === item.id);
    const quantity = Math.min(left.get(item.id) ?? 0, item.quantity);
    if (!line || quantity <= 0) continue;
    left.set(item.id, (left.get(item.id) ?? 0) - quantity);
    sum += quantity * (line.price ?? item.price ?? 0);
  }
  return money(sum);
}

/** The cart after `event` (events that are not cart events leave it as it is). */
export function foldCart(cart: CartState, event: TailorEvent): CartState {
  switch (event.name) {
    case 'view_cart':
      return snapshot(event.props, event.ts, cart);
    case 'begin_checkout':
      return event.props.items.length ? snapshot(event.props, event.ts, cart) : cart;
    case 'add_to_cart':
    case 'remove_from_cart': {
      const sign = event.name === 'add_to_cart' ? 1 : -1;
      const lines = mergeLines(cart.lines, event.props.items, sign);
      // A removal takes off only what was in the cart (a remove of an unknown line changes nothing).
      const delta = sign > 0 ? event.props.value ?? itemsValue(event.props.items) : removedValue(cart.lines, event.props.items);
      const value = lines.length === 0 ? 0 : Math.max(0, money(cart.value + sign * delta));
      const currency = event.props.currency ?? cart.currency;
      return { lines, value, ...(currency ? { currency } : {}), changedAt: event.ts, changes: cart.changes + 1 };
    }
    case 'purchase':
      return { lines: [], value: 0, ...(cart.currency ? { currency: cart.currency } : {}), changedAt: event.ts, changes: cart.changes + 1 };
    default:
      return cart;
  }
}

/** The cart after `events`, in store order. */
export function cartFromEvents(events: Iterable<TailorEvent>): CartState {
  let cart = EMPTY_CART;
  for (const e of events) cart = foldCart(cart, e);
  return cart;
}

/**
 * The order value an offer's margin is computed on: the cart's value, plus, on a product page, the viewed
 * product's price when it is not in the cart yet (the offer is about buying it too). Without a cart: the viewed
 * product's price, else null (unknown; the policy then uses its fallback).
 */
export function orderValueOf(cart: CartState, pageType: string, product: { id?: string; price: number | null } | null): number | null {
  const viewed = pageType === 'product' && product && product.price !== null && product.price > 0 ? product : null;
  if (cartIsEmpty(cart)) return viewed ? viewed.price : null;
  const inCart = viewed?.id !== undefined && cart.lines.some((l) => l.id === viewed.id);
  return money(cart.value + (viewed && !inCart ? viewed.price! : 0));
}
