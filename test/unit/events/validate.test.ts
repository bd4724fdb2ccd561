import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateEvent } from '../../../src/core/events/validate';
import { EVENT_NAMES, LIMITS, PAGE_TYPES, type TailorEvent } from '../../../src/core/events/schema';

const NOW = 1_700_000_000_000;
const v = (input: unknown) => validateEvent(input, NOW);
const reason = (input: unknown) => {
  const r = v(input);
  return r.ok ? undefined : r.reason;
};

describe('validateEvent: accepted events', () => {
  it('normalises an add_to_cart: ids to strings, default quantity, upper-case currency, scrubbed names', () => {
    const r = v({
      name: 'add_to_cart', path: 'https://shop.example/cart?session=abc&utm_source=mail#top',
      props: { currency: 'eur', value: 39.98, items: [{ id: 42, name: '  Gift   for jane@example.com ', price: 19.99, extra: 'dropped' }] },
    });
    expect(r).toEqual({
      ok: true,
      event: {
        name: 'add_to_cart', ts: NOW, path: '/cart?utm_source=mail',
        props: { items: [{ id: '42', name: 'Gift for [redacted]', price: 19.99, quantity: 1 }], value: 39.98, currency: 'EUR' },
      },
    });
  });

  it('keeps every event name in the schema working', () => {
    const props: Record<string, object> = {
      page_view: { page_type: 'product', path: '/p/1' },
      product_view: { product_id: 'p', name: 'n', price: 1 },
      add_to_cart: { items: [{ id: 'a' }] },
      remove_from_cart: { items: [{ id: 'a' }] },
      begin_checkout: {},
      purchase: { value: 0 },
      search: { query: 'q' },
      scroll_depth: { percent: 75 },
      dwell: { active_ms: 1200 },
      exit_intent: { via: 'pointer' },
      rating: { product_id: 'p', rating: 4 },
      custom: { name: 'video_play' },
      offer_shown: { tier: 10 }, offer_clicked: { tier: 10 }, offer_copied: { tier: 10 },
      offer_dismissed: { tier: 0 }, offer_redeemed: { tier: 15, offer_id: 'o-1' },
      offer_feedback: { tier: 10, offer_id: 'o-1', useful: true },
    };
    for (const name of EVENT_NAMES) expect(v({ name, ts: NOW - 5, props: props[name] }).ok, name).toBe(true);
  });

  it('drops a sale_price that is not below price, and defaults has_review', () => {
    const pv = v({ name: 'product_view', props: { product_id: 'p', name: 'n', price: 10, sale_price: 10 } });
    expect(pv.ok && pv.event.props).toEqual({ product_id: 'p', name: 'n', price: 10 });
    const rating = v({ name: 'rating', props: { product_id: 'p', rating: 3.5 } });
    expect(rating.ok && rating.event.props).toEqual({ product_id: 'p', rating: 3.5, has_review: false });
  });

  it('truncates free text to its cap and scrubs custom string props', () => {
    const long = 'word '.repeat(100);
    const s = v({ name: 'search', props: { query: long } });
    expect(s.ok && s.event.name === 'search' && s.event.props.query.length).toBeLessThanOrEqual(LIMITS.query);
    const c = v({ name: 'custom', props: { name: 'newsletter', props: { email: 'a.b@c.de', n: 2, ok: true, none: null } } });
    expect(c.ok && c.event.props).toEqual({ name: 'newsletter', props: { email: '[redacted]', n: 2, ok: true, none: null } });
  });

  it('does not let a secret cut at the examined window survive', () => {
    // 4 × cap characters are examined; an e-mail straddling that boundary must not leave "jane.doe@exa" behind.
    const name = 'x '.repeat(LIMITS.productName * 2 - 5) + 'jane.doe@example.com';
    const r = v({ name: 'product_view', props: { product_id: 'p', name, price: 1 } });
    expect(r.ok && r.event.name === 'product_view' && r.event.props.name).not.toContain('jane');
  });
});

describe('validateEvent: rejections name the field', () => {
  it.each([
    [{ name: 'add_to_cart', props: { items: [{ id: 'a' }, { id: 'b', price: -1 }] } }, "'price' of items[1] must be a finite number from 0 to 1000000000"],
    [{ name: 'add_to_cart', props: { items: [{ id: 'a', price: Number.NaN }] } }, "'price' of items[0] must be a finite number"],
    [{ name: 'add_to_cart', props: { items: [{ id: 'a', price: Infinity }] } }, "'price' of items[0]"],
    [{ name: 'add_to_cart', props: { items: [{ id: 'a', quantity: 1000 }] } }, "'quantity' of items[0] must be an integer from 1 to 999"],
    [{ name: 'add_to_cart', props: { items: [{ id: 'a', quantity: 1.5 }] } }, "'quantity' of items[0] must be an integer"],
    [{ name: 'add_to_cart', props: { items: [] } }, "'items' must hold 1 to 50 entries, not 0"],
    [{ name: 'purchase', props: { value: 1, items: Array.from({ length: 51 }, () => ({ id: 'a' })) } }, "'items' must hold 0 to 50 entries, not 51"],
    [{ name: 'add_to_cart', props: { items: [{ name: 'no id' }] } }, "'id' of items[0] is required"],
    [{ name: 'add_to_cart', props: { items: ['x'] } }, 'items[0] must be an object'],
    [{ name: 'purchase', props: {} }, "'value' is required"],
    [{ name: 'add_to_cart', props: {} }, "'items' is required"],
    [{ name: 'add_to_cart', props: { items: { id: 'a' } } }, "'items' must be an array"],
    [{ name: 'product_view', props: { product_id: 'p', name: '   ', price: 1 } }, "'name' must not be empty"],
    [{ name: 'product_view', props: { product_id: { x: 1 }, name: 'n', price: 1 } }, "'product_id' must be a string or a finite number"],
    [{ name: 'product_view', props: { product_id: 'p', name: 'n', price: 1, currency: 'EURO' } }, "'currency' must be a 3-letter ISO 4217 code"],
    [{ name: 'product_view', props: { product_id: 'p', name: 'n', price: 1, rating: 6 } }, "'rating' must be a finite number from 0 to 5"],
    [{ name: 'scroll_depth', props: { percent: 60 } }, "'percent' must be one of 25, 50, 75, 90, 100"],
    [{ name: 'exit_intent', props: { via: 'keyboard' } }, "'via' must be one of pointer, scroll, back"],
    [{ name: 'dwell', props: { active_ms: -1 } }, "'active_ms' must be an integer"],
    [{ name: 'offer_shown', props: { tier: 101 } }, "'tier' must be an integer from 0 to 100"],
    [{ name: 'page_view', props: { page_type: 'blog', path: '/' } }, "'page_type' must be one of home, category"],
    [{ name: 'custom', props: { name: 'has space' } }, "'name' of a custom event must match"],
    [{ name: 'custom', props: { name: 'ok', props: { nested: { a: 1 } } } }, "custom prop 'nested' must be a string, finite number, boolean or null"],
    [{ name: 'custom', props: { name: 'ok', props: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])) } }, 'at most 10 keys'],
    [{ name: 'custom', props: { name: 'ok', props: { __proto__x: 1 } } }, "custom prop key '__proto__x' must match"],
    [{ name: 'add_to_cart', props: { items: [{ id: 'a' }] }, ts: 0 }, "'ts' must be a finite number from 946684800000"],
    [{ name: 'add_to_cart', props: { items: [{ id: 'a' }] }, ts: NOW + 2 * 86_400_000 }, "'ts' must be a finite number"],
    [{ name: 'login', props: {} }, "unknown event name 'login'"],
    [{ name: 'toString', props: {} }, "unknown event name 'toString'"],
    [{ name: 7 }, "'name' must be a string"],
    [{ name: 'search', props: [] }, "'props' must be an object"],
    [[], 'the event must be an object'],
    [null, 'the event must be an object'],
  ])('%j → %s', (input, expected) => {
    expect(reason(input)).toContain(expected);
  });

  it('does not echo personal data from an unknown name into the reason', () => {
    expect(reason({ name: 'user_jane@example.com' })).toBe("unknown event name '[redacted]'");
  });
});

describe('validateEvent: hostile input', () => {
  it('reports throwing getters by field', () => {
    const items = [{ id: 'a', get price(): number { throw new Error('no'); } }];
    expect(reason({ name: 'add_to_cart', props: { items } })).toBe("'price' of items[0] could not be read");
    expect(reason({ get name(): string { throw new Error('no'); } })).toBe("'name' could not be read");
  });

  it('survives Proxies, revoked Proxies, cyclic objects and sparse giant arrays', () => {
    const trap = new Proxy({}, { get() { throw new Error('get'); }, ownKeys() { throw new Error('keys'); }, getPrototypeOf() { throw new Error('proto'); } });
    expect(v(trap).ok).toBe(false);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(reason(proxy)).toBe('the event could not be read');
    const cyclic: Record<string, unknown> = { name: 'custom' };
    cyclic.props = { name: 'loop', props: cyclic };
    expect(v(cyclic).ok).toBe(false);
    expect(reason({ name: 'purchase', props: { value: 1, items: new Array(2 ** 32 - 1) } })).toContain('not 4294967295');
    const keysTrap = new Proxy({}, { ownKeys() { throw new Error('keys'); } });
    expect(v({ name: 'custom', props: { name: 'x', props: keysTrap } }).ok).toBe(false);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true }), (input) => {
      const r = v(input);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 2000 });
  });

  it('never throws when any field of a plausible event is a throwing getter', () => {
    fc.assert(fc.property(plausibleEvent, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (generated, picks) => {
      // Trap a copy: fast-check prints the generated value on failure and must be able to read it.
      const input = structuredClone(generated);
      for (const pick of picks) boobyTrap(input, pick);
      expect(typeof v(input).ok).toBe('boolean');
    }), { numRuns: 1000 });
  });
});

// ---- property tests on what is accepted ------------------------------------------------------------------------

/** Mostly valid values with a steady share of broken ones, so both the accepting and rejecting paths run. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, broken: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: broken });
const brokenNumber = fc.oneof(fc.double(), fc.integer({ min: -5, max: 1200 }), fc.constantFrom(1e12, -1, Number.NaN));
const brokenString = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ minLength: 150, maxLength: 900 }), fc.constant(''));
const brokenValue = fc.oneof(brokenNumber, brokenString, fc.boolean(), fc.constant(null), fc.object({ maxDepth: 1 }));
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ minLength: 150, maxLength: 900 }),
  fc.emailAddress(),
  fc.constantFrom('call 555-123-4567', 'Hoodie &amp; Co', 'token dQw4w9WgXcQkL8mZ3pQ2aB9x'),
  fc.tuple(fc.string({ maxLength: 20 }), fc.emailAddress()).map(([a, b]) => `${a} ${b}`),
);
const money = mostly(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 5000 })), brokenNumber);
const idValue = mostly(fc.oneof(fc.string({ minLength: 1, maxLength: 250 }), fc.integer()), brokenValue);
const item = fc.record({
  id: idValue, name: mostly(text, brokenValue), price: money, quantity: mostly(fc.integer({ min: 1, max: 999 }), brokenNumber),
  category: mostly(text, brokenValue), discount: money,
}, { requiredKeys: ['id'] });
const props = fc.record({
  page_type: mostly(fc.constantFrom(...PAGE_TYPES), brokenString),
  path: mostly(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.webPath(), text), brokenValue),
  product_id: idValue, name: mostly(text, brokenValue), price: money, sale_price: money,
  currency: mostly(fc.constantFrom('EUR', 'usd', 'Jpy'), brokenString), category: mostly(text, brokenValue),
  rating: mostly(fc.double({ min: 0, max: 5, noNaN: true }), brokenNumber),
  items: mostly(fc.array(item, { minLength: 1, maxLength: 8 }), fc.oneof(fc.array(item, { maxLength: 60 }), brokenValue)),
  value: money, transaction_id: idValue, coupon: idValue, query: mostly(text, brokenValue),
  percent: mostly(fc.constantFrom(25, 50, 75, 90, 100), brokenNumber),
  active_ms: mostly(fc.integer({ min: 0, max: 86_400_000 }), brokenNumber),
  via: mostly(fc.constantFrom('pointer', 'scroll', 'back'), brokenString), has_review: mostly(fc.boolean(), brokenValue),
  tier: mostly(fc.integer({ min: 0, max: 100 }), brokenNumber), offer_id: idValue,
  props: mostly(
    fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 10 }),
    fc.dictionary(fc.string({ maxLength: 12 }), brokenValue, { maxKeys: 12 }),
  ),
}, { requiredKeys: [] });
const plausibleEvent: fc.Arbitrary<Record<string, unknown>> = fc.record({
  name: mostly(fc.constantFrom(...EVENT_NAMES), fc.string({ maxLength: 12 })),
  ts: mostly(fc.integer({ min: NOW - 1e10, max: NOW + 1e7 }), brokenNumber),
  path: mostly(fc.webUrl({ withQueryParameters: true, withFragments: true }), brokenValue),
  page_type: mostly(fc.constantFrom(...PAGE_TYPES), brokenString),
  props,
}, { requiredKeys: ['name', 'props'] }).map((e) => {
  // custom events carry their own 'name' prop: give it a valid one most of the time.
  if (e.name === 'custom' && (e.props as { name?: unknown }).name === undefined) (e.props as Record<string, unknown>).name = 'video_play';
  return e;
});

/** Replaces one nested property (chosen by `pick`) with a getter that throws. */
function boobyTrap(root: Record<string, unknown>, pick: number): void {
  const holders: Record<string, unknown>[] = [root];
  for (let i = 0; i < holders.length; i++) {
    for (const d of Object.values(Object.getOwnPropertyDescriptors(holders[i]!))) {
      if (d.value && typeof d.value === 'object') holders.push(d.value as Record<string, unknown>);
    }
  }
  const holder = holders[pick % holders.length]!;
  const keys = Object.keys(holder);
  const key = keys[pick % Math.max(1, keys.length)] ?? 'name';
  Object.defineProperty(holder, key, { get() { throw new Error('trap'); }, enumerable: true, configurable: true });
}

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const isMoney = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= LIMITS.money;
const capped = (x: unknown, cap: number) => typeof x === 'string' && x.length > 0 && x.length <= cap && !EMAIL.test(x);

/** The invariants readers of the store rely on, checked independently of the validator's code. */
function checkInvariants(ev: TailorEvent): void {
  expect(EVENT_NAMES).toContain(ev.name);
  expect(Number.isFinite(ev.ts)).toBe(true);
  if (ev.page_type !== undefined) expect(PAGE_TYPES).toContain(ev.page_type);
  if (ev.path !== undefined) expect(ev.path.startsWith('/') && ev.path.length <= LIMITS.text).toBe(true);
  const p = ev.props as Record<string, unknown>;
  for (const key of ['price', 'sale_price', 'value']) if (p[key] !== undefined) expect(isMoney(p[key]), key).toBe(true);
  if (p.sale_price !== undefined) expect(p.sale_price as number).toBeLessThan(p.price as number);
  if (p.currency !== undefined) expect(p.currency).toMatch(/^[A-Z]{3}$/);
  if (typeof p.name === 'string' && ev.name !== 'custom') expect(capped(p.name, LIMITS.productName)).toBe(true);
  if (p.query !== undefined) expect(capped(p.query, LIMITS.query)).toBe(true);
  if (p.rating !== undefined) expect((p.rating as number) >= 0 && (p.rating as number) <= 5).toBe(true);
  if (Array.isArray(p.items)) {
    expect(p.items.length).toBeLessThanOrEqual(LIMITS.items);
    for (const it of p.items as Record<string, unknown>[]) {
      expect(Number.isInteger(it.quantity) && (it.quantity as number) >= 1 && (it.quantity as number) <= LIMITS.quantity).toBe(true);
      expect(typeof it.id === 'string' && it.id.length <= LIMITS.text).toBe(true);
      for (const key of ['price', 'discount']) if (it[key] !== undefined) expect(isMoney(it[key])).toBe(true);
      if (it.name !== undefined) expect(capped(it.name, LIMITS.productName)).toBe(true);
      for (const val of Object.values(it)) expect(val).not.toBeUndefined();
    }
  }
  if (ev.name === 'custom') {
    expect(Object.keys(ev.props.props).length).toBeLessThanOrEqual(LIMITS.customProps);
    for (const val of Object.values(ev.props.props)) {
      expect(val === null || ['string', 'number', 'boolean'].includes(typeof val)).toBe(true);
      if (typeof val === 'number') expect(Number.isFinite(val)).toBe(true);
      if (typeof val === 'string') expect(val.length <= LIMITS.text && !EMAIL.test(val)).toBe(true);
    }
  }
  for (const val of Object.values(p)) expect(val).not.toBeUndefined();
}

describe('validateEvent: properties of accepted events', () => {
  it('every accepted event satisfies the schema invariants, and re-validates to itself', () => {
    let accepted = 0;
    fc.assert(fc.property(plausibleEvent, (input) => {
      const r = v(input);
      if (!r.ok) return;
      accepted++;
      checkInvariants(r.event);
      expect(v(r.event)).toEqual(r);
    }), { numRuns: 3000 });
    // The generator must actually exercise the accepting paths, or the invariants above are vacuous.
    expect(accepted).toBeGreaterThan(600);
  });
});
