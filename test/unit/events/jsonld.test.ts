import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonLdTypes, pageTypeFromJsonLd, productsFromJsonLd } from '../../../src/core/events/jsonld';
import {
  COLLECTION_PAGE, MAGENTO_AGGREGATE, MAIN_ENTITY_PAGE, MALFORMED, PRODUCT_GROUP, SHOPIFY_PRODUCT,
  STRIKETHROUGH_PRODUCT, WOOCOMMERCE_GRAPH,
} from './fixtures';

describe('productsFromJsonLd', () => {
  it('reads a Shopify product: first variant offer, sku as id, no sale', () => {
    expect(productsFromJsonLd([SHOPIFY_PRODUCT])).toEqual([
      { product_id: 'LS-001-S', name: 'Classic Linen Shirt', price: 49, currency: 'USD' },
    ]);
  });

  it('reads a WooCommerce @graph: ListPrice is the regular price, entities decoded, category from breadcrumbs', () => {
    expect(productsFromJsonLd([WOOCOMMERCE_GRAPH])).toEqual([{
      product_id: 'woo-hoodie-with-logo',
      name: 'Men’s Hoodie with Logo',
      price: 45,
      sale_price: 36,
      currency: 'EUR',
      category: 'Hoodies & Sweaters',
    }]);
  });

  it('reads a Magento/BigCommerce AggregateOffer: lowPrice, formatted numbers, object category, rating', () => {
    expect(productsFromJsonLd([MAGENTO_AGGREGATE])).toEqual([{
      product_id: 'sku:TRS-2024',
      name: 'Trail Running Shoe',
      price: 1299,
      currency: 'USD',
      category: 'Shoes > Running',
      rating: 4.6,
    }]);
  });

  it('reads a StrikethroughPrice, a numeric sku, a category array and rescales a 10-point rating', () => {
    expect(productsFromJsonLd([STRIKETHROUGH_PRODUCT])).toEqual([{
      product_id: '4711', name: 'Espresso Cups (set of 4)', price: 39.9, sale_price: 29.9, currency: 'EUR',
      category: 'Kitchen', rating: 4.5,
    }]);
  });

  it('follows mainEntity and reads ProductGroup variants', () => {
    expect(productsFromJsonLd([MAIN_ENTITY_PAGE, PRODUCT_GROUP])).toEqual([
      { product_id: 'LAMP-1', name: 'Desk Lamp', price: 89, currency: 'GBP' },
      { product_id: 'WS-44', name: 'Wool Sweater', price: 120, currency: 'CHF' },
    ]);
  });

  it('does not turn a listing into product views', () => {
    expect(productsFromJsonLd([COLLECTION_PAGE])).toEqual([]);
  });

  it('handles top-level arrays and de-duplicates the same product', () => {
    const arr = `[${SHOPIFY_PRODUCT}, ${SHOPIFY_PRODUCT}]`;
    expect(productsFromJsonLd([arr, SHOPIFY_PRODUCT]).map((p) => p.product_id)).toEqual(['LS-001-S']);
  });

  it('skips unrecoverable JSON and repairs what themes commonly break', () => {
    const out = productsFromJsonLd([
      MALFORMED.missingComma, MALFORMED.empty, MALFORMED.notJson, MALFORMED.truncated,
      MALFORMED.repairable, MALFORMED.entityEncoded,
    ]);
    expect(out).toEqual([
      { product_id: 'LB-1', name: 'Line Break Tee', price: 15 },
      { product_id: 'MUG-7', name: 'Café & Co Mug', price: 12.5, currency: 'EUR' },
    ]);
  });

  it('ignores a bare "#product" @id, ratings with zero votes and products without price', () => {
    const text = JSON.stringify([
      { '@type': 'Product', '@id': '#product', name: 'No Id', offers: { price: '5' },
        aggregateRating: { ratingValue: 0, ratingCount: 0 } },
      { '@type': 'Product', sku: 'NP', name: 'Call for price', offers: { price: 'on request' } },
    ]);
    expect(productsFromJsonLd([text])).toEqual([{ product_id: 'No Id', name: 'No Id', price: 5 }]);
  });

  it('bounds its work on huge or deeply nested input', () => {
    let deep: unknown = { '@type': 'Product', name: 'Deep', sku: 'D', offers: { price: 1 } };
    for (let i = 0; i < 50; i++) deep = { '@type': 'WebPage', mainEntity: deep };
    expect(productsFromJsonLd([JSON.stringify(deep)])).toEqual([]);
    const many = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ '@type': 'Product', name: `P${i}`, sku: `S${i}`, offers: { price: i } })));
    expect(productsFromJsonLd([many])).toHaveLength(200);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.json(), fc.anything() as fc.Arbitrary<unknown>)), (texts) => {
      expect(Array.isArray(productsFromJsonLd(texts as string[]))).toBe(true);
      expect(Array.isArray(jsonLdTypes(texts as string[]))).toBe(true);
    }));
    expect(productsFromJsonLd(null as unknown as string[])).toEqual([]);
  });
});

describe('pageTypeFromJsonLd', () => {
  const ld = (o: object) => JSON.stringify({ '@context': 'https://schema.org', ...o });

  it('maps schema.org types to page types', () => {
    expect(pageTypeFromJsonLd([SHOPIFY_PRODUCT])).toBe('product');
    expect(pageTypeFromJsonLd([WOOCOMMERCE_GRAPH], '/product/hoodie-with-logo/')).toBe('product');
    expect(pageTypeFromJsonLd([COLLECTION_PAGE])).toBe('category');
    expect(pageTypeFromJsonLd([ld({ '@type': 'ItemList', itemListElement: [] })])).toBe('category');
    expect(pageTypeFromJsonLd([ld({ '@type': 'SearchResultsPage' })])).toBe('search');
    expect(pageTypeFromJsonLd([ld({ '@type': 'CheckoutPage' })])).toBe('checkout');
    expect(pageTypeFromJsonLd([ld({ '@type': 'https://schema.org/CheckoutPage' })])).toBe('checkout');
  });

  it('treats several products as a listing', () => {
    const two = `[${SHOPIFY_PRODUCT}, ${MAIN_ENTITY_PAGE}]`;
    expect(pageTypeFromJsonLd([two])).toBe('category');
  });

  it('recognises home only at the root path, because SEO plugins emit WebSite everywhere', () => {
    const site = ld({ '@type': 'WebSite', name: 'Shop' });
    expect(pageTypeFromJsonLd([site], '/')).toBe('home');
    expect(pageTypeFromJsonLd([site], '/zh/')).toBe('home');
    expect(pageTypeFromJsonLd([site], '/?utm_source=mail')).toBe('home');
    expect(pageTypeFromJsonLd([site], '/blog/post')).toBeUndefined();
    expect(pageTypeFromJsonLd([site])).toBeUndefined();
    expect(pageTypeFromJsonLd([MALFORMED.missingComma], '/')).toBeUndefined();
  });

  it('lists bare type names, duplicates kept, from @graph and type arrays', () => {
    expect(jsonLdTypes([WOOCOMMERCE_GRAPH])).toEqual(['WebPage', 'ItemPage', 'WebSite', 'BreadcrumbList', 'Product']);
    expect(jsonLdTypes([MAGENTO_AGGREGATE])).toEqual(['Product', 'Thing']);
  });
});
