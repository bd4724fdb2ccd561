import { describe, expect, it } from 'vitest';
import { cartFromSchemaOrder } from '../../../src/core/cart/schemaOrder';
import { jsonLdNodes } from '../../../src/core/events/jsonld';

const read = (...blocks: unknown[]) => cartFromSchemaOrder(jsonLdNodes(blocks.map((b) => (typeof b === 'string' ? b : JSON.stringify(b)))));
const offer = (sku: string, price: unknown, quantity?: unknown) => ({
  '@type': 'Offer', itemOffered: { '@type': 'Product', name: `Tea ${sku}`, sku }, price, priceCurrency: 'EUR',
  ...(quantity === undefined ? {} : { eligibleQuantity: { '@type': 'QuantitativeValue', value: quantity } }),
});

describe('cartFromSchemaOrder', () => {
  it('reads a pending order as the cart: lines, quantities, the total due and the currency', () => {
    const order = { '@context': 'https://schema.org', '@type': 'Order', orderStatus: 'https://schema.org/OrderPaymentDue', acceptedOffer: [offer('longjing', '12.00', 2), offer('gaiwan', 34.5)], totalPaymentDue: { '@type': 'PriceSpecification', price: '58.50', priceCurrency: 'EUR' } };
    expect(read(order)).toEqual({
      cart: { items: [{ id: 'longjing', quantity: 2, price: 12, name: 'Tea longjing' }, { id: 'gaiwan', quantity: 1, price: 34.5, name: 'Tea gaiwan' }], value: 58.5, currency: 'EUR' },
      ignoredItems: 0,
    });
  });

  it('reads OrderItems, sums the lines without a total, and finds the Order inside @graph', () => {
    const order = { '@type': 'Order', orderedItem: [{ '@type': 'OrderItem', orderQuantity: 3, orderedItem: { '@type': 'Product', sku: 'a', name: 'A', offers: { '@type': 'Offer', price: '2.50' } } }] };
    expect(read({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, order] })?.cart).toEqual({ items: [{ id: 'a', quantity: 3, price: 2.5, name: 'A' }], value: 7.5 });
  });

  it('empties the cart for a placed order and says nothing for a cancelled one', () => {
    expect(read({ '@type': 'Order', orderStatus: 'http://schema.org/OrderProcessing', acceptedOffer: [offer('x', 5)] })?.cart).toEqual({ items: [], value: 0 });
    expect(read({ '@type': 'Order', orderStatus: 'OrderCancelled', acceptedOffer: [offer('x', 5)] })).toBeNull();
    expect(read({ '@type': 'Order', orderStatus: 'OrderPaymentDue', acceptedOffer: [] })?.cart).toEqual({ items: [], value: 0 });
  });

  it('skips and counts unreadable lines, never empties a cart on markup it cannot read, and never throws', () => {
    const mixed = read({ '@type': 'Order', acceptedOffer: [offer('ok', 3, 1), { '@type': 'Offer', price: 3 }, offer('bad-qty', 3, 0), 'junk'] });
    expect(mixed).toMatchObject({ cart: { items: [{ id: 'ok', quantity: 1, price: 3 }], value: 3 }, ignoredItems: 3 });
    expect(read({ '@type': 'Order', acceptedOffer: [{ '@type': 'Offer' }, 'junk'] })).toBeNull();
    expect(read('{ not json', { '@type': 'Product', name: 'P', offers: { price: 1 } })).toBeNull();
    expect(cartFromSchemaOrder([{ '@type': 'Order', get acceptedOffer(): unknown { throw new Error('hostile getter'); } }])).toBeNull();
  });
});
