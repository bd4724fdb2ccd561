import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eventsFromDataLayer, pageHintFromDataLayer } from '../../../src/core/events/datalayer';
import { validateEvent } from '../../../src/core/events/validate';
import { GA4_ADD_TO_CART, GA4_PURCHASE, UA } from './fixtures';

/** What gtag() pushes: its own `arguments` object. */
function gtagArgs(..._args: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

describe('eventsFromDataLayer: GA4', () => {
  it('maps add_to_cart with all five category levels and the per-unit discount', () => {
    expect(eventsFromDataLayer(GA4_ADD_TO_CART)).toEqual([{
      name: 'add_to_cart',
      props: {
        items: [{
          id: 'SKU_12345', name: 'Stan and Friends Tee', price: 10.01, quantity: 3,
          category: 'Apparel > Adult > Shirts > Crew > Short sleeve', discount: 2.22,
        }],
        value: 30.03,
        currency: 'USD',
      },
    }]);
  });

  it('maps purchase, parsing string prices and quantities', () => {
    expect(eventsFromDataLayer(GA4_PURCHASE)).toEqual([{
      name: 'purchase',
      props: {
        items: [
          { id: 'SKU_12345', name: 'Stan and Friends Tee', price: 10.01, quantity: 3, category: 'Apparel' },
          { id: 'SKU_12346', name: "Google Grey Women's Tee", price: 21.01, quantity: 2, discount: 3.33 },
        ],
        value: 72.05, currency: 'USD', transaction_id: 'T_12345', coupon: 'SUMMER_SALE',
      },
    }]);
  });

  it('computes a purchase value from the items when it is missing, and skips a purchase with neither', () => {
    const [ev] = eventsFromDataLayer({ event: 'purchase', ecommerce: { items: [{ item_id: 'a', price: '2.50', quantity: 4 }, { item_id: 'b', price: 1 }] } });
    expect(ev?.props).toMatchObject({ value: 11 });
    expect(eventsFromDataLayer({ event: 'purchase', ecommerce: { items: [] } })).toEqual([]);
  });

  it('turns view_item into a product view with the regular price restored from the discount', () => {
    const entry = { event: 'view_item', ecommerce: { currency: 'usd', value: 10.01, items: [GA4_ADD_TO_CART.ecommerce.items[0]] } };
    expect(eventsFromDataLayer(entry)).toEqual([{
      name: 'product_view',
      props: {
        product_id: 'SKU_12345', name: 'Stan and Friends Tee', price: 12.23, sale_price: 10.01, currency: 'USD',
        category: 'Apparel > Adult > Shirts > Crew > Short sleeve',
      },
    }]);
  });

  it('maps remove_from_cart and begin_checkout, and search with search_term', () => {
    const items = [{ item_id: 7, item_name: 'Mug', price: 5 }];
    expect(eventsFromDataLayer({ event: 'remove_from_cart', ecommerce: { items } })).toEqual([
      { name: 'remove_from_cart', props: { items: [{ id: '7', name: 'Mug', price: 5, quantity: 1 }] } },
    ]);
    expect(eventsFromDataLayer({ event: 'begin_checkout', ecommerce: { value: 5, currency: 'EUR', items } })[0]?.name).toBe('begin_checkout');
    expect(eventsFromDataLayer({ event: 'search', search_term: '  red shoes ' })).toEqual([{ name: 'search', props: { query: 'red shoes' } }]);
    expect(eventsFromDataLayer({ event: 'add_to_cart', ecommerce: { items: [] } })).toEqual([]);
  });

  it('reads gtag arguments objects and arrays', () => {
    const params = { transaction_id: 'T9', value: '25.42', currency: 'USD', items: [{ item_id: 'x', price: 25.42 }] };
    const expected = [{ name: 'purchase', props: { items: [{ id: 'x', price: 25.42, quantity: 1 }], value: 25.42, currency: 'USD', transaction_id: 'T9' } }];
    expect(eventsFromDataLayer(gtagArgs('event', 'purchase', params))).toEqual(expected);
    expect(eventsFromDataLayer(['event', 'purchase', params])).toEqual(expected);
    expect(eventsFromDataLayer(gtagArgs('config', 'G-XXXX', {}))).toEqual([]);
    expect(eventsFromDataLayer(gtagArgs('consent', 'update', { ad_storage: 'granted' }))).toEqual([]);
  });

  it('yields nothing for resets, list views and unrelated pushes', () => {
    expect(eventsFromDataLayer({ ecommerce: null })).toEqual([]);
    expect(eventsFromDataLayer({ event: 'view_item_list', ecommerce: { items: [{ item_id: 'a', price: 1 }] } })).toEqual([]);
    expect(eventsFromDataLayer({ event: 'gtm.js', 'gtm.start': 1 })).toEqual([]);
    expect(eventsFromDataLayer({ event: 'view_item', ecommerce: { items: [{ item_id: 'a' }] } })).toEqual([]);
  });
});

describe('eventsFromDataLayer: Universal Analytics', () => {
  it('maps add and remove', () => {
    expect(eventsFromDataLayer(UA.add)).toEqual([{
      name: 'add_to_cart',
      props: { items: [{ id: '12345', name: 'Triblend Android T-Shirt', price: 15.25, quantity: 1, category: 'Apparel' }], currency: 'EUR' },
    }]);
    expect(eventsFromDataLayer(UA.remove)).toEqual([{
      name: 'remove_from_cart', props: { items: [{ id: 'P12345', name: 'Android Jersey', price: 10, quantity: 2 }] },
    }]);
  });

  it('maps detail to a product view', () => {
    expect(eventsFromDataLayer(UA.detail)).toEqual([{
      name: 'product_view', props: { product_id: '12345', name: 'Triblend Android T-Shirt', price: 15.25, category: 'Apparel' },
    }]);
  });

  it('starts a checkout only on step 1', () => {
    expect(eventsFromDataLayer(UA.checkoutStep1).map((e) => e.name)).toEqual(['begin_checkout']);
    expect(eventsFromDataLayer(UA.checkoutStep2)).toEqual([]);
  });

  it('maps purchase with revenue as value', () => {
    expect(eventsFromDataLayer(UA.purchase)).toEqual([{
      name: 'purchase',
      props: {
        items: [
          { id: '12345', name: 'Triblend Android T-Shirt', price: 15.25, quantity: 1, category: 'Apparel' },
          { id: '67890', name: 'Donut Friday Scented T-Shirt', price: 33.75, quantity: 1, category: 'Apparel' },
        ],
        value: 35.43, transaction_id: 'T12345', coupon: 'SUMMER_SALE',
      },
    }]);
  });

  it('ignores impressions', () => {
    expect(eventsFromDataLayer(UA.impressions)).toEqual([]);
  });
});

describe('eventsFromDataLayer: robustness', () => {
  it('produces inputs that validateEvent accepts for every fixture', () => {
    for (const entry of [GA4_ADD_TO_CART, GA4_PURCHASE, ...Object.values(UA)]) {
      for (const input of eventsFromDataLayer(entry)) expect(validateEvent(input, 1_700_000_000_000).ok).toBe(true);
    }
  });

  it('reads at most 50 lines of a huge cart', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ item_id: `s${i}`, price: 1 }));
    const [ev] = eventsFromDataLayer({ event: 'add_to_cart', ecommerce: { items } });
    expect(ev?.name === 'add_to_cart' && ev.props.items.length).toBe(50);
  });

  it('never throws, for any value, throwing getters and revoked proxies included', () => {
    fc.assert(fc.property(fc.anything(), (v) => {
      expect(Array.isArray(eventsFromDataLayer(v))).toBe(true);
      pageHintFromDataLayer(v);
    }));
    const hostile = { event: 'add_to_cart', get ecommerce(): never { throw new Error('boom'); } };
    expect(eventsFromDataLayer(hostile)).toEqual([]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(eventsFromDataLayer(proxy)).toEqual([]);
    expect(pageHintFromDataLayer(proxy)).toBeUndefined();
  });
});

describe('pageHintFromDataLayer', () => {
  it('derives page hints from GA4 and UA pushes', () => {
    expect(pageHintFromDataLayer({ event: 'view_item_list', ecommerce: { items: [] } })).toBe('category');
    expect(pageHintFromDataLayer({ event: 'view_item', ecommerce: { items: [] } })).toBe('product');
    expect(pageHintFromDataLayer({ event: 'view_cart' })).toBe('cart');
    expect(pageHintFromDataLayer(GA4_PURCHASE)).toBe('purchase');
    expect(pageHintFromDataLayer(gtagArgs('event', 'begin_checkout', {}))).toBe('checkout');
    expect(pageHintFromDataLayer(UA.impressions)).toBe('category');
    expect(pageHintFromDataLayer(UA.detail)).toBe('product');
    expect(pageHintFromDataLayer(UA.checkoutStep2)).toBe('checkout');
    expect(pageHintFromDataLayer(UA.purchase)).toBe('purchase');
    expect(pageHintFromDataLayer(UA.add)).toBeUndefined();
    expect(pageHintFromDataLayer({ event: 'toString' })).toBeUndefined();
    expect(pageHintFromDataLayer({ ecommerce: null })).toBeUndefined();
  });
});
