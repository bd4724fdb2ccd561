import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_CART, cartFromEvents, cartFromShopify, cartFromWooStore, cartIsEmpty, cartKey, foldCart, orderValueOf } from '../../../src/core/cart';
import type { TailorEvent } from '../../../src/core/events/schema';
import { readDataLayer } from '../../../src/core/events/datalayer';

const T = Date.UTC(2026, 10, 20, 12);
const ev = (name: string, props: Record<string, unknown>, i = 0) => ({ name, ts: T + i, props }) as unknown as TailorEvent;
const item = (id: string, price: number, quantity = 1) => ({ id, price, quantity });

describe('the cart model', () => {
  it('adds, removes by quantity and empties on purchase, keeping the value with the lines', () => {
    const steps = [
      ev('add_to_cart', { items: [item('tea', 12, 2)] }, 1),
      ev('add_to_cart', { items: [item('mug', 30)] }, 2),
      ev('add_to_cart', { items: [item('tea', 12, 1)] }, 3),
      ev('remove_from_cart', { items: [item('tea', 12, 2)] }, 4),
    ];
    const cart = cartFromEvents(steps);
    expect(cart.lines).toEqual([{ id: 'tea', price: 12, quantity: 1 }, { id: 'mug', price: 30, quantity: 1 }]);
    expect(cart.value).toBe(42);
    expect(cart.changedAt).toBe(T + 4);
    expect(cartIsEmpty(foldCart(cart, ev('purchase', { items: [], value: 42 }, 5)))).toBe(true);
    expect(foldCart(cart, ev('purchase', { items: [], value: 42 }, 5)).value).toBe(0);
    // Removing more than is there drops the line; the last line gone means value 0.
    expect(foldCart(foldCart(cart, ev('remove_from_cart', { items: [item('mug', 30, 5)] }, 6)), ev('remove_from_cart', { items: [item('tea', 12, 1)] }, 7)))
      .toMatchObject({ lines: [], value: 0 });
    // Events that are not cart events leave it alone.
    expect(foldCart(cart, ev('page_view', { page_type: 'home', path: '/' }, 8))).toBe(cart);
  });

  it('a view_cart (or a checkout with items) replaces the cart; its stated value wins over the lines\' sum', () => {
    const before = cartFromEvents([ev('add_to_cart', { items: [item('tea', 12)] })]);
    const snap = foldCart(before, ev('view_cart', { items: [item('mug', 30, 2)], value: 55, currency: 'EUR' }, 1));
    expect(snap).toMatchObject({ lines: [{ id: 'mug', price: 30, quantity: 2 }], value: 55, currency: 'EUR' });
    expect(foldCart(snap, ev('add_to_cart', { items: [item('tea', 12)] }, 2)).value).toBe(67);
    expect(foldCart(snap, ev('view_cart', { items: [] }, 3))).toMatchObject({ lines: [], value: 0, currency: 'EUR' });
    expect(foldCart(snap, ev('begin_checkout', { items: [] }, 4))).toBe(snap);
    expect(foldCart(snap, ev('begin_checkout', { items: [item('tea', 12, 3)] }, 4)).value).toBe(36);
  });

  it('every change gives a new key (idle_cart fires once per cart state)', () => {
    fc.assert(fc.property(fc.array(fc.record({ add: fc.boolean(), id: fc.constantFrom('a', 'b'), q: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 20 }), (ops) => {
      let cart = EMPTY_CART;
      const keys = new Set([cartKey(cart)]);
      ops.forEach((op, i) => {
        cart = foldCart(cart, ev(op.add ? 'add_to_cart' : 'remove_from_cart', { items: [item(op.id, 10, op.q)] }, i + 1));
        keys.add(cartKey(cart));
        // The value is always the sum of the lines here (no snapshot with its own value), never negative.
        expect(cart.value).toBeCloseTo(cart.lines.reduce((s, l) => s + (l.price ?? 0) * l.quantity, 0), 9);
      });
      expect(keys.size).toBe(ops.length + 1);
    }));
  });

  it('prices an offer on the cart, plus the viewed product when it is not in it yet', () => {
    const cart = cartFromEvents([ev('add_to_cart', { items: [item('tea', 12, 2)] })]);
    expect(orderValueOf(cart, 'product', { id: 'mug', price: 30 })).toBe(54);
    expect(orderValueOf(cart, 'product', { id: 'tea', price: 12 })).toBe(24);
    expect(orderValueOf(cart, 'category', { price: 30 })).toBe(24);
    expect(orderValueOf(EMPTY_CART, 'product', { id: 'mug', price: 30 })).toBe(30);
    expect(orderValueOf(EMPTY_CART, 'home', null)).toBeNull();
  });
});

describe('platform carts', () => {
  // The shapes the platforms' own endpoints return (trimmed to the fields read).
  const shopify = {
    token: 'c1', item_count: 3, currency: 'EUR', total_price: 5400,
    items: [
      { id: 4101, variant_id: 4101, product_id: 77, product_title: 'Longjing', title: 'Longjing - 100 g', quantity: 2, price: 1200, final_price: 1200, product_type: 'Tea' },
      { id: 4102, variant_id: 4102, product_id: 78, product_title: 'Gaiwan', quantity: 1, price: 3400, final_price: 3000 },
      { id: 4103, quantity: 0 },
    ],
  };
  const woo = {
    items: [{ id: 15, key: 'k', name: 'Kettle', quantity: 2, prices: { price: '4500', currency_minor_unit: 2, currency_code: 'USD' } }, 'junk'],
    totals: { total_items: '9000', total_price: '9990', currency_code: 'USD', currency_minor_unit: 2 },
  };

  it('reads Shopify\'s /cart.js (minor units, final price per unit), skipping and counting bad lines', () => {
    expect(cartFromShopify(shopify)).toEqual({
      cart: {
        items: [{ id: '4101', quantity: 2, price: 12, name: 'Longjing', category: 'Tea' }, { id: '4102', quantity: 1, price: 30, name: 'Gaiwan' }],
        value: 54, currency: 'EUR',
      },
      ignoredItems: 1,
    });
    expect(cartFromShopify({ items: [], total_price: 0 })).toEqual({ cart: { items: [], value: 0 }, ignoredItems: 0 });
    expect(cartFromShopify({ nope: true })).toBeNull();
  });

  it('reads WooCommerce\'s Store API cart (strings of minor units, merchandise total)', () => {
    expect(cartFromWooStore(woo)).toEqual({ cart: { items: [{ id: '15', quantity: 2, price: 45, name: 'Kettle' }], value: 90, currency: 'USD' }, ignoredItems: 1 });
    expect(cartFromWooStore('<html>')).toBeNull();
  });
});

describe('the cart in the dataLayer', () => {
  it('reads GA4 view_cart (push and gtag forms) as a snapshot, and counts malformed items one by one', () => {
    const push = readDataLayer({ event: 'view_cart', ecommerce: { currency: 'EUR', value: 24, items: [{ item_id: 'tea', price: '12', quantity: 2 }, { price: 3 }, 'x'] } });
    expect(push.events).toEqual([{ name: 'view_cart', props: { items: [{ id: 'tea', price: 12, quantity: 2 }], value: 24, currency: 'EUR' } }]);
    expect(push.ignoredItems).toBe(2);
    const gtag = (function (..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params -- gtag pushes its arguments object
      return arguments;
    })('event', 'view_cart', { currency: 'EUR', items: [] });
    expect(readDataLayer(gtag).events).toEqual([{ name: 'view_cart', props: { items: [], value: 0, currency: 'EUR' } }]);
    // Items pushed but none readable: no snapshot (an unreadable cart is not an empty one).
    expect(readDataLayer({ event: 'view_cart', ecommerce: { items: [{ price: 1 }] } })).toEqual({ events: [], ignoredItems: 1 });
    expect(readDataLayer({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'a', quantity: 1 }, null] } }).ignoredItems).toBe(1);
  });
});

describe('product variants and Shopify meta', () => {
  it('the product viewed is the variant the URL selects, with its own price', async () => {
    const { productsFromJsonLd } = await import('../../../src/core/events/jsonld');
    const group = JSON.stringify({
      '@context': 'https://schema.org', '@type': 'ProductGroup', name: 'Longjing', productGroupID: 'LJ', category: 'Tea',
      hasVariant: [
        { '@type': 'Product', '@id': '/products/longjing?variant=11#variant', sku: 'LJ-50', name: 'Longjing 50 g', offers: { '@type': 'Offer', price: '12.00', priceCurrency: 'EUR' } },
        { '@type': 'Product', '@id': '/products/longjing?variant=12#variant', sku: 'LJ-100', name: 'Longjing 100 g', offers: { '@type': 'Offer', price: '21.00', priceCurrency: 'EUR', url: '/products/longjing?variant=12' } },
      ],
    });
    expect(productsFromJsonLd([group])).toEqual([{ product_id: 'LJ', name: 'Longjing', price: 12, currency: 'EUR', category: 'Tea' }]);
    expect(productsFromJsonLd([group], { variant: '12' })).toEqual([{ product_id: 'LJ-100', name: 'Longjing 100 g', price: 21, currency: 'EUR', category: 'Tea' }]);
    // An unknown variant falls back to the group as before.
    expect(productsFromJsonLd([group], { variant: '99' })[0]).toMatchObject({ product_id: 'LJ', price: 12 });
  });

  it('reads ShopifyAnalytics.meta when a theme prints no structured data', async () => {
    const { productFromShopifyMeta } = await import('../../../src/core/events/shopifyMeta');
    const meta = { currency: 'EUR', product: { id: 77, type: 'Tea', variants: [{ id: 11, price: 1200, name: 'Longjing - 50 g', sku: 'LJ-50' }, { id: 12, price: 2100, name: 'Longjing - 100 g', sku: '' }] } };
    expect(productFromShopifyMeta(meta)).toEqual({ product_id: 'LJ-50', name: 'Longjing - 50 g', price: 12, currency: 'EUR', category: 'Tea' });
    expect(productFromShopifyMeta(meta, '12')).toEqual({ product_id: '77?variant=12', name: 'Longjing - 100 g', price: 21, currency: 'EUR', category: 'Tea' });
    expect(productFromShopifyMeta({ page: { pageType: 'home' } })).toBeUndefined();
  });
});
