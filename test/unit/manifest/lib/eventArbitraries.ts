/**
 * fast-check arbitraries for raw events as pages hand them to `validateEvent`: every event name, every optional
 * field present or not, hostile text (long, e-mails, phone numbers, tokens, control characters, CJK), numeric
 * ids, unknown extra keys, and a share of events with one field replaced by anything at all.
 */
import fc from 'fast-check';
import { EVENT_NAMES, EXIT_VIAS, LIMITS, PAGE_TYPES, SCROLL_DEPTHS, type EventName } from '../../../../src/core/events/schema';

/** The clock the generated events are validated against. */
export const NOW = Date.UTC(2026, 10, 28, 12);

const text = fc.oneof(
  fc.constantFrom('Espresso beans', '商品名称 咖啡豆', 'call 555-123-4567 now', 'token dQw4w9WgXcQkL8mZ3pQ2aB9x', '  tabs\tand\nnewlines  '),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ minLength: 150, maxLength: 900 }),
  fc.emailAddress(),
  fc.tuple(fc.string({ maxLength: 20 }), fc.emailAddress()).map(([a, b]) => `${a} ${b}`),
);
const ident = fc.oneof(fc.constantFrom('sku-1', 'A-100'), fc.string({ minLength: 1, maxLength: 250 }), fc.integer({ min: -1e6, max: 1e9 }));
const money = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: LIMITS.money, noNaN: true }));
const currency = fc.constantFrom('EUR', 'usd', 'Jpy', 'CNY');
const urlish = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.webPath(), fc.constantFrom('/search?q=tea&utm_source=x&email=a@b.co', '/u/jane%40mail.com'));
const rating = fc.double({ min: 0, max: 5, noNaN: true });

const item = fc.record(
  { id: ident, name: text, price: money, quantity: fc.integer({ min: 1, max: LIMITS.quantity }), category: text, discount: money, colour: fc.string() },
  { requiredKeys: ['id'] },
);
const items = (min: number) => fc.array(item, { minLength: min, maxLength: 6 });
const offer = { tier: fc.integer({ min: 0, max: 100 }), offer_id: ident };
const opt = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[]) => fc.record(model, { requiredKeys: required });
const customKey = fc.stringMatching(/^[a-z][\w.:-]{0,12}$/);
const customValue = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

/** Payload arbitraries by event name (with an unknown key thrown in, which must be dropped). */
const PROPS: { [N in EventName]: fc.Arbitrary<Record<string, unknown>> } = {
  page_view: opt({ page_type: fc.constantFrom(...PAGE_TYPES), path: urlish }, ['page_type', 'path']),
  product_view: opt({ product_id: ident, name: text, price: money, sale_price: money, currency, category: text, rating, sku: ident }, ['product_id', 'name', 'price']),
  add_to_cart: opt({ items: items(1), value: money, currency }, ['items']),
  remove_from_cart: opt({ items: items(1), value: money, currency }, ['items']),
  begin_checkout: opt({ items: items(0), value: money, currency }, []),
  view_cart: opt({ items: items(0), value: money, currency }, []),
  purchase: opt({ items: items(0), value: money, currency, transaction_id: ident, coupon: ident, email: fc.emailAddress() }, ['value']),
  search: opt({ query: text }, ['query']),
  scroll_depth: opt({ percent: fc.constantFrom(...SCROLL_DEPTHS) }, ['percent']),
  dwell: opt({ active_ms: fc.integer({ min: 0, max: LIMITS.dwellMs }) }, ['active_ms']),
  exit_intent: opt({ via: fc.constantFrom(...EXIT_VIAS) }, ['via']),
  rating: opt({ product_id: ident, rating, has_review: fc.boolean(), review: text }, ['product_id', 'rating']),
  offer_shown: opt(offer, ['tier']),
  offer_clicked: opt(offer, ['tier']),
  offer_copied: opt(offer, ['tier']),
  offer_dismissed: opt(offer, ['tier']),
  offer_redeemed: opt(offer, ['tier']),
  offer_feedback: opt({ ...offer, useful: fc.boolean() }, ['tier', 'useful']),
  custom: opt({ name: customKey, props: fc.dictionary(customKey, customValue, { maxKeys: LIMITS.customProps }) }, ['name', 'props']),
};

/** A plausible raw event named `name`: envelope fields present or not, payload as above. */
export function rawEvent(name: EventName): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        ts: fc.integer({ min: NOW - 1e10, max: NOW + 1e7 }),
        page_type: fc.constantFrom(...PAGE_TYPES),
        path: urlish,
        referrer: fc.webUrl(),
        props: PROPS[name],
      },
      { requiredKeys: ['props'] },
    )
    .map((e) => ({ name, ...e }));
}

/** Either a plausible event or one with a single field (envelope or payload) replaced by anything. */
export function hostileEvent(name: EventName): fc.Arbitrary<Record<string, unknown>> {
  const mutated = fc.tuple(rawEvent(name), fc.nat(), fc.anything({ maxDepth: 2 })).map(([event, pick, value]) => {
    const props = event.props as Record<string, unknown>;
    const keys = Object.keys(props);
    if (keys.length > 0 && pick % 2 === 0) props[keys[pick % keys.length]!] = value;
    else (event as Record<string, unknown>)[['ts', 'page_type', 'path'][pick % 3]!] = value;
    return event;
  });
  return fc.oneof({ weight: 4, arbitrary: rawEvent(name) }, { weight: 1, arbitrary: mutated });
}

export { EVENT_NAMES };
