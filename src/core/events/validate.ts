/**
 * Validation at the edge: the only way into the event store. Input comes from merchant pages (dataLayer, JSON-LD,
 * `tailor.track`), so it is treated as hostile: any value, including Proxies, throwing getters, cyclic objects and
 * huge arrays. Nothing is recursed into beyond the fixed depth of the schema, and array lengths are checked before
 * iterating.
 *
 * Policy: a field with a wrong type or an out-of-range number rejects the whole event, because it signals a broken
 * integration whose other fields cannot be trusted either; the parsers in this folder already normalise formats
 * (numeric strings, missing quantities) before they get here. Normalisations done here: free text is scrubbed and
 * truncated (LIMITS), paths are scrubbed (scrubPath), a missing `ts` becomes `now`, a missing item `quantity` is 1,
 * a missing `has_review` is false, `sale_price` is dropped unless it is below `price`, currencies are upper-cased,
 * unknown fields are dropped, and `null` counts as absent.
 */
import {
  EXIT_VIAS, LIMITS, OFFER_EVENTS, PAGE_TYPES, SCROLL_DEPTHS,
  type CartProps, type CustomValue, type EventName, type Item, type TailorEvent,
} from './schema';
import { scrubPath, scrubText } from './scrub';
import { INT, Invalid, NUM_OK, REQ, TEXT, compact, fail, get, isRecord, need, num, oneOf, str, type Rec } from './lib/fields';

/** Outcome of {@link validateEvent}; `reason` names the offending field. */
export type ValidationResult = { ok: true; event: TailorEvent } | { ok: false; reason: string };

const EPOCH_2000 = 946_684_800_000;
const DAY = 86_400_000;
const CUSTOM_NAME = /^[a-z][\w.:-]{0,39}$/i;

const id = (o: object, key: string, where = '', flags = 0) => str(o, key, where, LIMITS.text, NUM_OK | flags);
const money = (o: object, key: string, where = '', flags = 0) => num(o, key, where, 0, LIMITS.money, flags);

function currency(o: object): string | undefined {
  const c = str(o, 'currency', '', LIMITS.text);
  if (c !== undefined && !/^[a-z]{3}$/i.test(c)) fail("'currency' must be a 3-letter ISO 4217 code");
  return c?.toUpperCase();
}

function path(o: object, key: string, flags = 0): string | undefined {
  const v = need(o, key, '', flags);
  return v === undefined ? v : typeof v === 'string' ? scrubPath(v) : fail(`'${key}' must be a string`);
}

function items(o: object, min: number): Item[] {
  const raw = need(o, 'items', '', min ? REQ : 0);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail("'items' must be an array");
  const n = raw.length;
  if (!(n >= min && n <= LIMITS.items)) fail(`'items' must hold ${min} to ${LIMITS.items} entries, not ${n}`);
  const out: Item[] = [];
  for (let i = 0; i < n; i++) {
    const it = get(raw, i, ' of items');
    const where = ` of items[${i}]`;
    if (!isRecord(it)) fail(`items[${i}] must be an object`);
    out.push(compact({
      id: id(it, 'id', where, REQ) as string,
      name: str(it, 'name', where, LIMITS.productName, TEXT),
      price: money(it, 'price', where),
      quantity: num(it, 'quantity', where, 1, LIMITS.quantity, INT) ?? 1,
      category: str(it, 'category', where, LIMITS.text, TEXT),
      discount: money(it, 'discount', where),
    }));
  }
  return out;
}

const cart = (min: number) => (p: Rec): CartProps =>
  compact({ items: items(p, min), value: money(p, 'value'), currency: currency(p) });

const offer = (p: Rec) => compact({ tier: num(p, 'tier', '', 0, 100, INT | REQ) as number, offer_id: id(p, 'offer_id') });

function customProps(p: Rec): Record<string, CustomValue> {
  const raw = get(p, 'props', '');
  if (raw === undefined) return {};
  if (!isRecord(raw)) return fail("'props' of a custom event must be an object");
  const keys = Object.keys(raw);
  if (keys.length > LIMITS.customProps) fail(`'props' of a custom event may hold at most ${LIMITS.customProps} keys`);
  const out: Record<string, CustomValue> = {};
  for (const key of keys) {
    if (!CUSTOM_NAME.test(key)) fail(`custom prop key '${key.slice(0, 40)}' must match ${CUSTOM_NAME.source}`);
    const v = get(raw, key, " of a custom event's props") ?? null;
    if (typeof v === 'string') out[key] = scrubText(v.slice(0, LIMITS.text * 4)).slice(0, LIMITS.text);
    else if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[key] = v;
    else fail(`custom prop '${key}' must be a string, finite number, boolean or null`);
  }
  return out;
}

/** Payload readers by event name; the map's keys double as the list of accepted names. */
const PROPS: { [N in EventName]: (p: Rec) => unknown } = {
  page_view: (p) => ({ page_type: oneOf(p, 'page_type', '', PAGE_TYPES, REQ), path: path(p, 'path', REQ) }),
  product_view: (p) => {
    const price = money(p, 'price', '', REQ) as number;
    const sale = money(p, 'sale_price');
    return compact({
      product_id: id(p, 'product_id', '', REQ),
      name: str(p, 'name', '', LIMITS.productName, TEXT | REQ),
      price,
      sale_price: sale !== undefined && sale < price ? sale : undefined,
      currency: currency(p),
      category: str(p, 'category', '', LIMITS.text, TEXT),
      rating: num(p, 'rating', '', 0, 5),
    });
  },
  add_to_cart: cart(1),
  remove_from_cart: cart(1),
  begin_checkout: cart(0),
  view_cart: cart(0),
  purchase: (p) => compact({
    items: items(p, 0),
    value: money(p, 'value', '', REQ),
    currency: currency(p),
    transaction_id: id(p, 'transaction_id'),
    coupon: id(p, 'coupon'),
  }),
  search: (p) => ({ query: str(p, 'query', '', LIMITS.query, TEXT | REQ) }),
  scroll_depth: (p) => ({ percent: oneOf(p, 'percent', '', SCROLL_DEPTHS, REQ) }),
  dwell: (p) => ({ active_ms: num(p, 'active_ms', '', 0, LIMITS.dwellMs, INT | REQ) }),
  exit_intent: (p) => ({ via: oneOf(p, 'via', '', EXIT_VIAS, REQ) }),
  rating: (p) => ({
    product_id: id(p, 'product_id', '', REQ),
    rating: num(p, 'rating', '', 0, 5, REQ),
    has_review: oneOf(p, 'has_review', '', [true, false]) ?? false,
  }),
  ...(Object.fromEntries(OFFER_EVENTS.map((n) => [n, offer])) as Record<(typeof OFFER_EVENTS)[number], typeof offer>),
  offer_feedback: (p) => ({ ...offer(p), useful: oneOf(p, 'useful', '', [true, false], REQ) as boolean }),
  custom: (p) => {
    const name = get(p, 'name', '');
    if (typeof name !== 'string' || !CUSTOM_NAME.test(name)) fail(`'name' of a custom event must match ${CUSTOM_NAME.source}`);
    return { name, props: customProps(p) };
  },
};

function readEvent(input: unknown, now: number): TailorEvent {
  if (!isRecord(input)) fail('the event must be an object');
  const name = get(input, 'name', '');
  if (typeof name !== 'string' || !Object.hasOwn(PROPS, name)) {
    fail(typeof name === 'string' ? `unknown event name '${scrubText(name).slice(0, 40)}'` : "'name' must be a string");
  }
  const ts = num(input, 'ts', '', EPOCH_2000, now + DAY) ?? now;
  const props = get(input, 'props', '') ?? {};
  if (!isRecord(props)) fail("'props' must be an object");
  return compact({
    name,
    ts,
    page_type: oneOf(input, 'page_type', '', PAGE_TYPES),
    path: path(input, 'path'),
    props: PROPS[name as EventName](props),
  }) as TailorEvent;
}

/**
 * Checks and normalises one event for storage (see the file comment for the policy). Never throws, whatever
 * `input` is: a property access that throws yields `{ ok: false }` too. `now` (ms epoch) stamps events without a
 * `ts` and bounds `ts` from above (one day of clock skew is tolerated; anything before 2000 is rejected).
 */
export function validateEvent(input: unknown, now: number = Date.now()): ValidationResult {
  try {
    return { ok: true, event: readEvent(input, now) };
  } catch (e) {
    let reason = 'the event could not be read';
    try {
      if (e instanceof Invalid) reason = e.reason;
    } catch {
      // e is an exotic value (a Proxy whose prototype trap throws); keep the generic reason.
    }
    return { ok: false, reason };
  }
}
