import { describe, expect, it } from 'vitest';
import { productsFromMicrodata, type MicrodataElement } from '../../../src/core/events/microdata';

/**
 * A tiny element tree implementing exactly the MicrodataElement contract. querySelectorAll understands only
 * attribute-presence selectors ("[a]", "[a][b]") and throws on anything else, so the test fails if the parser
 * starts relying on selectors a real page would interpret differently.
 */
class El implements MicrodataElement {
  readonly children: El[];
  constructor(readonly attrs: Record<string, string>, children: (El | string)[] = []) {
    this.children = children.filter((c): c is El => c instanceof El);
    this.text = children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  private readonly text: string;
  get textContent(): string { return this.text; }
  getAttribute(name: string): string | null { return this.attrs[name] ?? null; }
  querySelectorAll(selectors: string): El[] {
    const m = /^(\[[a-z-]+\])+$/.exec(selectors);
    if (!m) throw new Error(`unsupported selector ${selectors}`);
    const need = [...selectors.matchAll(/\[([a-z-]+)\]/g)].map((x) => x[1]!);
    const out: El[] = [];
    const walk = (e: El) => e.children.forEach((c) => { if (need.every((a) => a in c.attrs)) out.push(c); walk(c); });
    walk(this);
    return out;
  }
}
const h = (attrs: Record<string, string>, ...children: (El | string)[]) => new El(attrs, children);

describe('productsFromMicrodata', () => {
  it('reads a Magento-style product with nested offer, brand and rating scopes', () => {
    const page = h({},
      h({ itemscope: '', itemtype: 'http://schema.org/Product' },
        h({ itemprop: 'name' }, '  Trail Running Shoe  '),
        h({ itemprop: 'sku', content: 'TRS-2024' }),
        h({ itemprop: 'brand', itemscope: '', itemtype: 'http://schema.org/Brand' }, h({ itemprop: 'name' }, 'Acme')),
        h({ itemprop: 'aggregateRating', itemscope: '', itemtype: 'http://schema.org/AggregateRating' },
          h({ itemprop: 'ratingValue' }, '92'), h({ itemprop: 'bestRating', content: '100' }), h({ itemprop: 'reviewCount' }, '14')),
        h({ itemprop: 'offers', itemscope: '', itemtype: 'http://schema.org/Offer' },
          h({ itemprop: 'price', content: '1299.00' }, '1 299,00 €'),
          h({ itemprop: 'priceCurrency', content: 'EUR' }),
          h({ itemprop: 'availability', href: 'http://schema.org/InStock' }),
          h({ itemprop: 'priceSpecification', itemscope: '', itemtype: 'http://schema.org/UnitPriceSpecification' },
            h({ itemprop: 'priceType', content: 'https://schema.org/ListPrice' }), h({ itemprop: 'price' }, '1.499,00 €'))),
        h({ itemprop: 'category' }, 'Shoes')),
    );
    expect(productsFromMicrodata(page)).toEqual([{
      product_id: 'TRS-2024', name: 'Trail Running Shoe', price: 1499, sale_price: 1299, currency: 'EUR', category: 'Shoes', rating: 4.6,
    }]);
  });

  it('skips products that are properties of another item, products without price, and other types', () => {
    const page = h({},
      h({ itemscope: '', itemtype: 'https://schema.org/Product' },
        h({ itemprop: 'name' }, 'Lamp'), h({ itemprop: 'productID' }, 'L-1'),
        h({ itemprop: 'offers', itemscope: '', itemtype: 'https://schema.org/Offer' }, h({ itemprop: 'price' }, '$89')),
        h({ itemprop: 'isRelatedTo', itemscope: '', itemtype: 'https://schema.org/Product' },
          h({ itemprop: 'name' }, 'Bulb'), h({ itemprop: 'offers', itemscope: '' }, h({ itemprop: 'price' }, '3')))),
      h({ itemscope: '', itemtype: 'https://schema.org/Product' }, h({ itemprop: 'name' }, 'Priceless')),
      h({ itemscope: '', itemtype: 'https://schema.org/Organization' }, h({ itemprop: 'name' }, 'Shop')),
      h({ itemscope: '', itemtype: 'https://schema.org/WebPage' },
        h({ itemprop: 'mainEntity', itemscope: '', itemtype: 'https://schema.org/Product' },
          h({ itemprop: 'name' }, 'Chair'), h({ itemprop: 'sku' }, 'C-9'),
          h({ itemprop: 'offers', itemscope: '' }, h({ itemprop: 'price lowPrice', content: '120' })))),
    );
    expect(productsFromMicrodata(page)).toEqual([
      { product_id: 'L-1', name: 'Lamp', price: 89 },
      { product_id: 'C-9', name: 'Chair', price: 120 },
    ]);
  });

  it('never throws, even when the DOM does', () => {
    const broken = { querySelectorAll(): never { throw new Error('detached'); } };
    expect(productsFromMicrodata(broken)).toEqual([]);
  });
});
