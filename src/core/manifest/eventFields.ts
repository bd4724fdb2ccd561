/**
 * What an event may hold, field by field, as data: the part of the data manifest that describes the `events`
 * object store. Every number here is read from the schema's own constants (LIMITS, PAGE_TYPES, …), and
 * test/unit/manifest/eventFields.test.ts feeds thousands of valid and hostile events through `validateEvent` and
 * checks that every key path it outputs is declared here, with the declared type and bounds, and that every
 * declared path does occur: the manifest cannot drift from the validator in either direction.
 *
 * Paths: `props.items[].id` is a field of every element of the array `props.items`; `props.props.*` is any key
 * of the object `props.props` (custom events).
 */
import { EVENT_NAMES, EXIT_VIAS, LIMITS, OFFER_EVENTS, PAGE_TYPES, SCROLL_DEPTHS, type EventName } from '../events/schema';
import { QUERY_ALLOW_LIST } from '../events/scrub';

/** The JSON type of a field; `primitive` is a scrubbed string, a finite number, a boolean or null. */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'primitive';

/** One field of a stored record. Only the keys that apply are present (the manifest is JSON). */
export interface FieldSpec {
  type: FieldType;
  /** Present in every record of its kind (in every element, for `[]` paths). */
  required?: true;
  /** Strings: at most this many UTF-16 code units (longer input is truncated, never rejected). */
  maxLength?: number;
  /** Strings: a regular expression (JavaScript syntax) the whole value matches. */
  pattern?: string;
  /** Numbers: inclusive bounds. Arrays: bounds on the number of elements. */
  min?: number;
  max?: number;
  /** Objects: at most this many keys. */
  maxKeys?: number;
  /** The only values the field can take. */
  values?: readonly (string | number | boolean)[];
  /** How personal data is removed before storing: `text` (e-mails, phones, tokens redacted) or `path` (also the query string reduced to an allow-list). */
  scrub?: 'text' | 'path';
  description: string;
}

/** Fields of one record kind, by key path. */
export type FieldMap = Readonly<Record<string, FieldSpec>>;

/** Earliest `ts` the validator accepts (2000-01-01T00:00:00Z); the latest is one day ahead of the device clock. */
export const EARLIEST_TS = 946_684_800_000;
/** Longest event id the worker accepts. */
export const MAX_EVENT_ID_LENGTH = 64;
/** The pattern custom event names and custom prop keys must match. */
export const CUSTOM_NAME_PATTERN = '^[a-z][\\w.:-]{0,39}$';

const req = (spec: FieldSpec): FieldSpec => ({ ...spec, required: true });
const text = (maxLength: number, description: string): FieldSpec => ({ type: 'string', maxLength, scrub: 'text', description });
const ident = (description: string): FieldSpec => ({ type: 'string', maxLength: LIMITS.text, description: `${description} (an identifier of the shop's, kept as written)` });
const money = (description: string): FieldSpec => ({ type: 'number', min: 0, max: LIMITS.money, description: `${description}, in the shop's currency` });
const oneOf = (values: readonly (string | number | boolean)[], description: string): FieldSpec => ({ type: typeof values[0] === 'number' ? 'integer' : (typeof values[0] as FieldType), values, description });
const path = (description: string): FieldSpec => ({
  type: 'string',
  maxLength: LIMITS.text,
  pattern: '^/',
  scrub: 'path',
  description: `${description}: no scheme, host or fragment; query keeps only ${QUERY_ALLOW_LIST.join(', ')}`,
});
const currency: FieldSpec = { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' };

/** The envelope every stored event has, whatever its name. */
export const ENVELOPE_FIELDS: FieldMap = {
  id: req({ type: 'string', maxLength: MAX_EVENT_ID_LENGTH, description: 'random id made on the page (makes re-sends idempotent; identifies nothing)' }),
  session_id: req({ type: 'string', maxLength: MAX_EVENT_ID_LENGTH, description: 'random id of the visit, assigned on the device (30 minutes idle ends a visit)' }),
  name: req({ type: 'string', values: EVENT_NAMES, description: 'event name' }),
  ts: req({ type: 'number', min: EARLIEST_TS, description: 'time, ms since 1970-01-01 UTC (at most one day ahead of the device clock)' }),
  page_type: oneOf(PAGE_TYPES, 'kind of page the event happened on'),
  path: path('path of the page the event happened on'),
  props: req({ type: 'object', description: 'the payload, by event name (below)' }),
};

const itemFields = (minItems: number): FieldMap => ({
  'props.items': req({ type: 'array', min: minItems, max: LIMITS.items, description: 'cart lines' }),
  'props.items[].id': req(ident('product id')),
  'props.items[].name': text(LIMITS.productName, 'product name'),
  'props.items[].price': money('unit price paid'),
  'props.items[].quantity': req({ type: 'integer', min: 1, max: LIMITS.quantity, description: 'units (1 when the page gave none)' }),
  'props.items[].category': text(LIMITS.text, 'product category'),
  'props.items[].discount': money('per-unit discount already taken off the price'),
});
const cartFields = (minItems: number): FieldMap => ({
  ...itemFields(minItems),
  'props.value': money('cart value'),
  'props.currency': currency,
});
const offerFields: FieldMap = {
  'props.tier': req({ type: 'integer', min: 0, max: 100, description: 'discount tier, percent off (0: no discount)' }),
  'props.offer_id': ident('offer (decision) id'),
};

/** The payload fields of each event name. */
export const EVENT_FIELDS: Readonly<Record<EventName, FieldMap>> = {
  page_view: {
    'props.page_type': req(oneOf(PAGE_TYPES, 'kind of page viewed')),
    'props.path': req(path('path of the page viewed')),
  },
  product_view: {
    'props.product_id': req(ident('product id')),
    'props.name': req(text(LIMITS.productName, 'product name')),
    'props.price': req(money('regular unit price')),
    'props.sale_price': money('reduced unit price, only when below the regular price'),
    'props.currency': currency,
    'props.category': text(LIMITS.text, 'product category'),
    'props.rating': { type: 'number', min: 0, max: 5, description: 'average rating shown on the page, on a 0–5 scale' },
  },
  add_to_cart: cartFields(1),
  remove_from_cart: cartFields(1),
  begin_checkout: cartFields(0),
  view_cart: cartFields(0),
  purchase: {
    ...itemFields(0),
    'props.value': req(money('order value')),
    'props.currency': currency,
    'props.transaction_id': ident('order id (kept on the device to count a reloaded thank-you page once; never sent)'),
    'props.coupon': ident('coupon code used'),
  },
  search: { 'props.query': req(text(LIMITS.query, 'on-site search query')) },
  scroll_depth: { 'props.percent': req(oneOf(SCROLL_DEPTHS, 'scroll depth reached, percent of the page')) },
  dwell: { 'props.active_ms': req({ type: 'integer', min: 0, max: LIMITS.dwellMs, description: 'time the page was visible and in use, ms' }) },
  exit_intent: { 'props.via': req(oneOf(EXIT_VIAS, 'how leaving was detected')) },
  rating: {
    'props.product_id': req(ident('product id')),
    'props.rating': req({ type: 'number', min: 0, max: 5, description: 'rating the shopper gave, 0–5' }),
    'props.has_review': req(oneOf([true, false], 'whether a written review came with it (its text is not stored)')),
  },
  ...(Object.fromEntries(OFFER_EVENTS.map((name) => [name, offerFields])) as Record<(typeof OFFER_EVENTS)[number], FieldMap>),
  offer_feedback: { ...offerFields, 'props.useful': req(oneOf([true, false], 'the one-tap answer to "was this offer useful?"')) },
  custom: {
    'props.name': req({ type: 'string', pattern: CUSTOM_NAME_PATTERN, description: "name given to tailor.track(name, props) by the shop's code" }),
    'props.props': req({ type: 'object', maxKeys: LIMITS.customProps, description: 'flat properties given to tailor.track; keys match the name pattern' }),
    'props.props.*': { type: 'primitive', maxLength: LIMITS.text, scrub: 'text', description: 'a property value: scrubbed text, finite number, boolean or null' },
  },
};

/** Every field a stored event named `name` can have: the envelope plus its payload. */
export function eventFieldsOf(name: EventName): FieldMap {
  const fields = EVENT_FIELDS[name];
  if (!fields) throw new RangeError(`'name' passed to 'eventFieldsOf' must be one of ${EVENT_NAMES.join(', ')}, got ${String(name)}`);
  return { ...ENVELOPE_FIELDS, ...fields };
}
