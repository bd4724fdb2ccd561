import type { Locale } from '../i18n/locale';
import { categoryOf } from './catalog';
import { effectivePriceCents } from './types';
import type { Product } from './types';

/** Absolute URLs the JSON-LD points at (schema.org consumers expect absolute IRIs). */
export interface ProductUrls {
  readonly page: string;
  readonly image: string;
}

function priceText(cents: number): string {
  return (cents / 100).toFixed(2);
}

function offer(product: Product, urls: ProductUrls): Record<string, unknown> {
  const result: Record<string, unknown> = {
    '@type': 'Offer',
    url: urls.page,
    sku: product.sku,
    // Shopify-style string price; the AggregateOffer below uses numbers, so consumers must cope with both.
    price: priceText(effectivePriceCents(product)),
    priceCurrency: 'USD',
    availability: `https://schema.org/${product.availability}`,
    itemCondition: 'https://schema.org/NewCondition',
  };
  if (product.salePriceCents !== undefined) {
    // Google's documented way to mark the pre-sale price, which lets a reader infer the current sale discount.
    result['priceSpecification'] = {
      '@type': 'UnitPriceSpecification',
      priceType: 'https://schema.org/StrikethroughPrice',
      price: priceText(product.priceCents),
      priceCurrency: 'USD',
    };
  }
  return result;
}

function offers(product: Product, urls: ProductUrls): unknown {
  switch (product.offersShape) {
    case 'object':
      return offer(product, urls);
    case 'array':
      return [offer(product, urls)];
    case 'aggregate': {
      const price = effectivePriceCents(product) / 100;
      return {
        '@type': 'AggregateOffer',
        lowPrice: price,
        highPrice: price,
        offerCount: 1,
        priceCurrency: 'USD',
        availability: `https://schema.org/${product.availability}`,
      };
    }
  }
}

/**
 * The schema.org Product object for a product page. `category` is the stable English category name (the same as
 * GA4 item_category) so readers of the page do not see one category split in two by language.
 */
export function productJsonLd(product: Product, locale: Locale, urls: ProductUrls): Record<string, unknown> {
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    '@id': `${urls.page}#product`,
    name: product.name[locale],
    description: product.description[locale],
    sku: product.sku,
    productID: product.id,
    category: categoryOf(product).analyticsName,
    image: urls.image,
    url: urls.page,
    brand: { '@type': 'Brand', name: 'Ember & Leaf' },
    offers: offers(product, urls),
  };
  if (product.rating) {
    data['aggregateRating'] = {
      '@type': 'AggregateRating',
      ratingValue: product.rating.value,
      reviewCount: product.rating.count,
      bestRating: 5,
      worstRating: 1,
    };
  }
  return data;
}
