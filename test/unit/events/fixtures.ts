/**
 * Page fixtures shaped like what real shop platforms emit (hand-written, no real shop data). JSON-LD is given as
 * the raw text of the <script type="application/ld+json"> element, exactly what the tracker will read.
 */

/** Shopify (Dawn theme): one Offer per variant, prices as numbers, no category. */
export const SHOPIFY_PRODUCT = `
{
  "@context": "http://schema.org/",
  "@type": "Product",
  "name": "Classic Linen Shirt",
  "url": "https:\\/\\/example-shop.myshopify.com\\/products\\/classic-linen-shirt",
  "image": ["https:\\/\\/cdn.shopify.com\\/s\\/files\\/1\\/products\\/shirt.jpg?v=1700000000"],
  "description": "A breathable linen shirt for warm days.",
  "sku": "LS-001-S",
  "brand": { "@type": "Brand", "name": "Example Co" },
  "offers": [
    { "@type": "Offer", "sku": "LS-001-S", "availability": "http://schema.org/InStock",
      "price": 49.0, "priceCurrency": "USD", "url": "https://example-shop.myshopify.com/products/classic-linen-shirt?variant=1" },
    { "@type": "Offer", "sku": "LS-001-M", "availability": "http://schema.org/OutOfStock",
      "price": 49.0, "priceCurrency": "USD", "url": "https://example-shop.myshopify.com/products/classic-linen-shirt?variant=2" },
    { "@type": "Offer", "sku": "LS-001-XL", "availability": "http://schema.org/InStock",
      "price": 54.0, "priceCurrency": "USD", "url": "https://example-shop.myshopify.com/products/classic-linen-shirt?variant=3" }
  ]
}`;

/**
 * WooCommerce + Yoast: one @graph with WebPage/ItemPage, WebSite, BreadcrumbList and Product; the product is on
 * sale (WooCommerce 9 marks the regular price as ListPrice), its name carries texturized HTML entities, and JSON
 * slashes are escaped as WordPress does.
 */
export const WOOCOMMERCE_GRAPH = `{"@context":"https:\\/\\/schema.org\\/","@graph":[
{"@type":["WebPage","ItemPage"],"@id":"https:\\/\\/shop.example\\/product\\/hoodie-with-logo\\/","url":"https:\\/\\/shop.example\\/product\\/hoodie-with-logo\\/","name":"Hoodie with Logo &#8211; Shop"},
{"@type":"WebSite","@id":"https:\\/\\/shop.example\\/#website","url":"https:\\/\\/shop.example\\/","name":"Shop"},
{"@type":"BreadcrumbList","itemListElement":[
 {"@type":"ListItem","position":3,"item":{"name":"Men&#8217;s Hoodie with Logo","@id":"https:\\/\\/shop.example\\/product\\/hoodie-with-logo\\/"}},
 {"@type":"ListItem","position":1,"item":{"name":"Home","@id":"https:\\/\\/shop.example"}},
 {"@type":"ListItem","position":2,"item":{"name":"Hoodies &amp; Sweaters","@id":"https:\\/\\/shop.example\\/product-category\\/hoodies\\/"}}]},
{"@type":"Product","@id":"https:\\/\\/shop.example\\/product\\/hoodie-with-logo\\/#product","name":"Men&#8217;s Hoodie with Logo",
 "url":"https:\\/\\/shop.example\\/product\\/hoodie-with-logo\\/","sku":"woo-hoodie-with-logo",
 "offers":[{"@type":"Offer","price":"36.00","priceValidUntil":"2026-12-31",
  "priceSpecification":[
   {"@type":"UnitPriceSpecification","price":"36.00","priceCurrency":"EUR","valueAddedTaxIncluded":false},
   {"@type":"UnitPriceSpecification","price":"45.00","priceCurrency":"EUR","valueAddedTaxIncluded":false,"priceType":"https:\\/\\/schema.org\\/ListPrice"}],
  "priceCurrency":"EUR","availability":"http:\\/\\/schema.org\\/InStock",
  "seller":{"@type":"Organization","name":"Shop","url":"https:\\/\\/shop.example"}}]}]}`;

/** Magento / BigCommerce: AggregateOffer with display-formatted prices, object category, aggregateRating. */
export const MAGENTO_AGGREGATE = `
<!--
{
  "@context": "https://schema.org",
  "@type": ["Product", "Thing"],
  "name": "Trail Running Shoe",
  "productID": "sku:TRS-2024",
  "category": { "@type": "Thing", "name": "Shoes > Running" },
  "aggregateRating": { "@type": "AggregateRating", "ratingValue": "4.6", "reviewCount": "128", "bestRating": "5" },
  "offers": {
    "@type": "AggregateOffer",
    "lowPrice": "1,299.00",
    "highPrice": "1,499.00",
    "offerCount": "3",
    "priceCurrency": "usd"
  }
}
-->`;

/** Google merchant-listing style: a single Offer with a StrikethroughPrice specification and a 10-point rating. */
export const STRIKETHROUGH_PRODUCT = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Espresso Cups (set of 4)',
  sku: 4711,
  category: ['Kitchen', 'Cups'],
  aggregateRating: { '@type': 'AggregateRating', ratingValue: 9, bestRating: 10, ratingCount: 12 },
  offers: {
    '@type': 'Offer',
    price: '29,90',
    priceCurrency: 'EUR',
    priceSpecification: { '@type': 'UnitPriceSpecification', priceType: 'https://schema.org/StrikethroughPrice', price: 39.9 },
  },
});

/** A WebPage whose mainEntity is the product (older SEO plugins). */
export const MAIN_ENTITY_PAGE = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'WebPage',
  mainEntity: { '@type': 'Product', name: 'Desk Lamp', sku: 'LAMP-1', offers: { price: 89, priceCurrency: 'GBP' } },
});

/** Google's variant markup: a ProductGroup whose variants carry the offers. */
export const PRODUCT_GROUP = JSON.stringify({
  '@context': 'https://schema.org/',
  '@type': 'ProductGroup',
  name: 'Wool Sweater',
  productGroupID: 'WS-44',
  variesBy: ['https://schema.org/size'],
  hasVariant: [
    { '@type': 'Product', sku: 'WS-44-S', name: 'Wool Sweater S', offers: { '@type': 'Offer', price: 120, priceCurrency: 'CHF' } },
    { '@type': 'Product', sku: 'WS-44-M', name: 'Wool Sweater M', offers: { '@type': 'Offer', price: 125, priceCurrency: 'CHF' } },
  ],
});

/** A category page: CollectionPage whose mainEntity is an ItemList of products (must not yield product views). */
export const COLLECTION_PAGE = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'CollectionPage',
  name: 'Shirts',
  mainEntity: {
    '@type': 'ItemList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, item: { '@type': 'Product', name: 'A', offers: { price: 1 } } },
      { '@type': 'ListItem', position: 2, item: { '@type': 'Product', name: 'B', offers: { price: 2 } } },
    ],
  },
});

/** Broken in ways themes really break JSON-LD. */
export const MALFORMED = {
  /** Missing comma: unrecoverable, must be skipped. */
  missingComma: '{"@type": "Product" "name": "Broken", "offers": {"price": 1}}',
  /** Trailing comma, a raw newline inside a string, and a CDATA wrapper: recoverable. */
  repairable: '/*<![CDATA[*/{"@type":"Product","name":"Line\nBreak Tee","sku":"LB-1","offers":{"price":"15.00",},}/*]]>*/',
  /** The whole JSON entity-encoded by a template that escaped it as HTML. */
  entityEncoded: '{&quot;@type&quot;:&quot;Product&quot;,&quot;name&quot;:&quot;Caf&#233; &amp; Co Mug&quot;,&quot;sku&quot;:&quot;MUG-7&quot;,&quot;offers&quot;:{&quot;price&quot;:&quot;12.50&quot;,&quot;priceCurrency&quot;:&quot;EUR&quot;}}',
  empty: '',
  notJson: '<p>oops</p>',
  truncated: '{"@type":"Product","name":"Cut',
};

/** GA4 add_to_cart as in Google's developer guide. */
export const GA4_ADD_TO_CART = {
  event: 'add_to_cart',
  ecommerce: {
    currency: 'USD',
    value: 30.03,
    items: [{
      item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', affiliation: 'Google Merchandise Store',
      coupon: 'SUMMER_FUN', discount: 2.22, index: 0, item_brand: 'Google', item_category: 'Apparel',
      item_category2: 'Adult', item_category3: 'Shirts', item_category4: 'Crew', item_category5: 'Short sleeve',
      item_list_id: 'related_products', item_list_name: 'Related Products', item_variant: 'green',
      location_id: 'ChIJIQBpAG2ahYAR_6128GcTUEo', price: 10.01, quantity: 3,
    }],
  },
};

/** GA4 purchase with two items, one with string price and quantity. */
export const GA4_PURCHASE = {
  event: 'purchase',
  ecommerce: {
    transaction_id: 'T_12345', value: 72.05, tax: 3.6, shipping: 5.99, currency: 'USD', coupon: 'SUMMER_SALE',
    items: [
      { item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3, item_category: 'Apparel' },
      { item_id: 'SKU_12346', item_name: "Google Grey Women's Tee", price: '21.01', quantity: '2', discount: 3.33 },
    ],
  },
};

/** Universal Analytics enhanced ecommerce pushes from the UA developer guide. */
export const UA = {
  add: {
    event: 'addToCart',
    ecommerce: {
      currencyCode: 'EUR',
      add: { products: [{ name: 'Triblend Android T-Shirt', id: '12345', price: '15.25', brand: 'Google', category: 'Apparel', variant: 'Gray', quantity: 1 }] },
    },
  },
  remove: {
    event: 'removeFromCart',
    ecommerce: { remove: { products: [{ name: 'Android Jersey', id: 'P12345', price: '10.00', quantity: 2 }] } },
  },
  detail: {
    ecommerce: {
      detail: {
        actionField: { list: 'Apparel Gallery' },
        products: [{ name: 'Triblend Android T-Shirt', id: '12345', price: '15.25', brand: 'Google', category: 'Apparel', variant: 'Gray' }],
      },
    },
  },
  checkoutStep1: {
    event: 'checkout',
    ecommerce: { checkout: { actionField: { step: 1, option: 'Visa' }, products: [{ id: '12345', name: 'Tee', price: '15.25', quantity: 1 }] } },
  },
  checkoutStep2: {
    event: 'checkout',
    ecommerce: { checkout: { actionField: { step: 2 }, products: [{ id: '12345', name: 'Tee', price: '15.25', quantity: 1 }] } },
  },
  purchase: {
    ecommerce: {
      purchase: {
        actionField: { id: 'T12345', affiliation: 'Online Store', revenue: '35.43', tax: '4.90', shipping: '5.99', coupon: 'SUMMER_SALE' },
        products: [
          { name: 'Triblend Android T-Shirt', id: '12345', price: '15.25', brand: 'Google', category: 'Apparel', variant: 'Gray', quantity: 1, coupon: '' },
          { name: 'Donut Friday Scented T-Shirt', id: '67890', price: '33.75', brand: 'Google', category: 'Apparel', variant: 'Black', quantity: 1 },
        ],
      },
    },
  },
  impressions: {
    ecommerce: {
      currencyCode: 'EUR',
      impressions: [{ name: 'Triblend Android T-Shirt', id: '12345', price: '15.25', list: 'Search Results', position: 1 }],
    },
  },
};
