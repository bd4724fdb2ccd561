/**
 * Reads the ecommerce events shops already push to `window.dataLayer` for Google Analytics, so Tailor needs no
 * per-shop integration. Three shapes are understood:
 * - GA4: `{ event: 'add_to_cart', ecommerce: { currency, value, items: [{ item_id, item_name, price, ... }] } }`;
 * - gtag: `gtag('event', 'purchase', {...})` pushes its `arguments` object (or an array) `['event', name, params]`,
 *   with the GA4 ecommerce fields at the top level of `params`;
 * - Universal Analytics enhanced ecommerce: `{ ecommerce: { currencyCode, add|remove|detail|checkout|purchase:
 *   { actionField, products: [{ id, name, price, quantity, category }] } } }`, whatever the `event` key says.
 * `{ ecommerce: null }` (the recommended reset before each push) and everything else yield nothing.
 *
 * Formats are normalised here (numeric strings, missing quantities, GA4's discounted `price` + `discount`), values
 * are not judged: the result still goes through `validateEvent`. At most LIMITS.items lines are read per event.
 */
import { LIMITS, type Item, type PageType, type TailorEventInput } from './schema';
import { compact, isRecord, type Rec } from './lib/fields';
import { parseAmount, parseCurrency, parseQuantity } from './lib/price';

interface Push {
  event?: string;
  /** Where the ecommerce fields live: `ecommerce` for dataLayer pushes, the params object for gtag. */
  ec: Rec;
  data: Rec;
}

function normalize(entry: unknown): Push | undefined {
  if (Array.isArray(entry) || Object.prototype.toString.call(entry) === '[object Arguments]') {
    const args = entry as ArrayLike<unknown>;
    const params = isRecord(args[2]) ? args[2] : {};
    return args[0] === 'event' && typeof args[1] === 'string' ? { event: args[1], ec: params, data: params } : undefined;
  }
  if (!isRecord(entry)) return undefined;
  const event = typeof entry.event === 'string' ? entry.event : undefined;
  if (entry.ecommerce === null) return undefined;
  return { event, ec: isRecord(entry.ecommerce) ? entry.ecommerce : entry, data: entry };
}

const ids = (...vs: unknown[]) => {
  for (const v of vs) {
    const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (s) return s;
  }
  return undefined;
};

/** One GA4 item or UA product as a Tailor item; GA4's `price` is already net of the per-unit `discount`. */
function itemOf(raw: unknown): Item | undefined {
  if (!isRecord(raw)) return undefined;
  const categories = ['', '2', '3', '4', '5'].map((n) => ids(raw['item_category' + n])).filter(Boolean);
  const id = ids(raw.item_id, raw.id, raw.sku, raw.item_name, raw.name);
  if (!id) return undefined;
  return compact({
    id,
    name: ids(raw.item_name, raw.name),
    price: parseAmount(raw.price),
    quantity: parseQuantity(raw.quantity),
    category: categories.length ? categories.join(' > ') : ids(raw.category),
    discount: parseAmount(raw.discount) || undefined,
  });
}

/** Counts what reading one entry skipped: items that are not objects or have no id. */
interface Tally {
  ignoredItems: number;
}

function itemsOf(v: unknown, tally: Tally): Item[] {
  if (!Array.isArray(v)) return [];
  const read = v.slice(0, LIMITS.items).map(itemOf);
  const items = read.filter((i): i is Item => !!i);
  tally.ignoredItems += read.length - items.length;
  return items;
}

const total = (items: Item[]) => items.reduce((sum, i) => sum + (i.price ?? 0) * i.quantity, 0);

function productView(items: Item[], currency?: string): TailorEventInput[] {
  const it = items[0];
  if (!it || it.price === undefined) return [];
  // Rounded so that 10.01 + 2.22 is 12.23, not 12.229999999999999.
  const regular = Math.round((it.price + (it.discount ?? 0)) * 1e6) / 1e6;
  return [{
    name: 'product_view',
    props: compact({
      product_id: it.id,
      name: it.name ?? it.id,
      price: regular,
      sale_price: it.discount ? it.price : undefined,
      currency,
      category: it.category,
    }),
  }];
}

/** GA4 pushes (and UA actions translated to them) → Tailor event inputs. */
function fromGa4(event: string | undefined, ec: Rec, data: Rec, tally: Tally, currency?: string): TailorEventInput[] {
  const items = itemsOf(ec.items, tally);
  const value = parseAmount(ec.value);
  switch (event) {
    case 'view_item':
      return productView(items, currency);
    case 'add_to_cart':
    case 'remove_from_cart':
    case 'begin_checkout':
      if (!items.length && event !== 'begin_checkout') return [];
      return [{ name: event, props: compact({ items, value, currency }) }];
    case 'view_cart':
      // A whole-cart snapshot: an empty list says the cart is empty, unless items were pushed and none was readable.
      if (!items.length && Array.isArray(ec.items) && ec.items.length) return [];
      return [{ name: 'view_cart', props: compact({ items, value: items.length ? value : 0, currency }) }];
    case 'purchase': {
      const sum = value ?? (items.length ? total(items) : undefined);
      if (sum === undefined) return [];
      const props = { items, value: sum, currency, transaction_id: ids(ec.transaction_id), coupon: ids(ec.coupon) };
      return [{ name: 'purchase', props: compact(props) }];
    }
    case 'search':
    case 'view_search_results': {
      const query = ids(data.search_term, ec.search_term);
      return query ? [{ name: 'search', props: { query } }] : [];
    }
  }
  return [];
}

/** UA enhanced-ecommerce action keys and the GA4 events they correspond to, in the order they are emitted. */
const UA_ACTIONS: [string, string][] = [
  ['detail', 'view_item'], ['add', 'add_to_cart'], ['remove', 'remove_from_cart'], ['checkout', 'begin_checkout'],
  ['purchase', 'purchase'],
];

/** The GA4 pushes equivalent to a UA `ecommerce` object: `{ actionField, products }` → `{ items, value, … }`. */
function uaAsGa4(ec: Rec): [string, Rec][] {
  const out: [string, Rec][] = [];
  for (const [key, event] of UA_ACTIONS) {
    const action = ec[key];
    if (!isRecord(action)) continue;
    const af = isRecord(action.actionField) ? action.actionField : {};
    // UA pushes `checkout` once per step; only the first step is the start of a checkout.
    if (key === 'checkout' && af.step !== undefined && String(af.step) !== '1') continue;
    out.push([event, { items: action.products, value: af.revenue, transaction_id: af.id, coupon: af.coupon }]);
  }
  return out;
}

/**
 * Tailor event inputs for one dataLayer entry and how many of its ecommerce items were unreadable (skipped one by
 * one: the rest of the entry still counts). Never throws.
 */
export function readDataLayer(entry: unknown): { events: TailorEventInput[]; ignoredItems: number } {
  const tally: Tally = { ignoredItems: 0 };
  try {
    const p = normalize(entry);
    if (!p) return { events: [], ignoredItems: 0 };
    const currency = parseCurrency(p.ec.currency) ?? parseCurrency(p.ec.currencyCode) ?? parseCurrency(p.data.currency);
    const events = Array.isArray(p.ec.items) || p.event === 'search' || p.event === 'view_search_results'
      ? fromGa4(p.event, p.ec, p.data, tally, currency)
      : uaAsGa4(p.ec).flatMap(([event, ec]) => fromGa4(event, ec, {}, tally, currency));
    return { events, ignoredItems: tally.ignoredItems };
  } catch {
    return { events: [], ignoredItems: tally.ignoredItems };
  }
}

/**
 * Tailor event inputs (without `ts`) for one dataLayer entry, in the order the shop meant them. Pass every entry
 * pushed to `dataLayer` (including those present before Tailor loaded). Never throws: an entry that cannot be read
 * yields `[]`.
 */
export function eventsFromDataLayer(entry: unknown): TailorEventInput[] {
  return readDataLayer(entry).events;
}

const GA4_HINTS: Record<string, PageType> = {
  view_item: 'product', view_item_list: 'category', view_cart: 'cart', begin_checkout: 'checkout',
  add_shipping_info: 'checkout', add_payment_info: 'checkout', purchase: 'purchase', view_search_results: 'search',
};

/**
 * The page type a dataLayer entry implies (GA4 `view_item_list` → category, UA `impressions` → category, `detail`
 * → product, …), or undefined. Feed it to `inferPageType` as `dataLayerHint`. Never throws.
 */
export function pageHintFromDataLayer(entry: unknown): PageType | undefined {
  try {
    const p = normalize(entry);
    if (!p) return undefined;
    // The pushed event first, then UA actions from the furthest funnel step back (purchase, checkout, detail).
    const ua = UA_ACTIONS.filter(([key]) => isRecord(p.ec[key])).map(([, event]) => event).reverse();
    const event = [p.event, ...ua].find((e) => e !== undefined && Object.hasOwn(GA4_HINTS, e));
    if (event) return GA4_HINTS[event];
    return Array.isArray(p.ec.impressions) && p.ec.impressions.length ? 'category' : undefined;
  } catch {
    return undefined;
  }
}
