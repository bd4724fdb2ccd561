import { describe, expect, it } from 'vitest';
import {
  PRODUCTS,
  categoryOf,
  featuredProducts,
  findProduct,
  productsInCategory,
  searchProducts,
} from '../../../demo/catalog/catalog';
import { CATEGORIES } from '../../../demo/catalog/categories';
import { effectivePriceCents, salePercent } from '../../../demo/catalog/types';

const HAN = /\p{Script=Han}/u;

describe('catalog', () => {
  it('is big enough to look like a real shop', () => {
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(24);
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(3);
    for (const category of CATEGORIES) expect(productsInCategory(category.id).length).toBeGreaterThanOrEqual(6);
  });

  it('has unique ids and SKUs, URL-safe ids and a known category for every product', () => {
    expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(PRODUCTS.length);
    expect(new Set(PRODUCTS.map((p) => p.sku)).size).toBe(PRODUCTS.length);
    for (const p of PRODUCTS) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(() => categoryOf(p)).not.toThrow();
    }
  });

  it('has integer prices, and sale prices strictly below list price on some products only', () => {
    const onSale = PRODUCTS.filter((p) => p.salePriceCents !== undefined);
    expect(onSale.length).toBeGreaterThanOrEqual(3);
    expect(onSale.length).toBeLessThan(PRODUCTS.length);
    for (const p of PRODUCTS) {
      expect(Number.isInteger(p.priceCents) && p.priceCents > 0).toBe(true);
      if (p.salePriceCents !== undefined) {
        expect(Number.isInteger(p.salePriceCents)).toBe(true);
        expect(p.salePriceCents).toBeLessThan(p.priceCents);
        expect(salePercent(p)).toBeGreaterThan(0);
      }
    }
  });

  it('has ratings on some products, all within 1..5 with positive counts', () => {
    const rated = PRODUCTS.filter((p) => p.rating);
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.length).toBeLessThan(PRODUCTS.length);
    for (const p of rated) {
      expect(p.rating?.value).toBeGreaterThanOrEqual(1);
      expect(p.rating?.value).toBeLessThanOrEqual(5);
      expect(p.rating?.count).toBeGreaterThan(0);
    }
  });

  it('mixes every offers shape so the tracker meets each of them', () => {
    const shapes = new Set(PRODUCTS.map((p) => p.offersShape));
    expect(shapes).toEqual(new Set(['object', 'array', 'aggregate']));
  });

  it('translates every name and description into Chinese', () => {
    for (const p of PRODUCTS) {
      expect(p.name['zh-CN']).toMatch(HAN);
      expect(p.description['zh-CN']).toMatch(HAN);
      expect(p.name.en).not.toMatch(HAN);
    }
    for (const c of CATEGORIES) expect(c.name['zh-CN']).toMatch(HAN);
  });
});

describe('catalog queries', () => {
  it('sorts a category by effective price both ways', () => {
    const asc = productsInCategory('coffee', 'price-asc').map(effectivePriceCents);
    const desc = productsInCategory('coffee', 'price-desc').map(effectivePriceCents);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(desc).toEqual([...asc].reverse());
  });

  it('finds products by English or Chinese terms, in either language, requiring every term', () => {
    expect(searchProducts('kettle').map((p) => p.id)).toContain('gooseneck-kettle');
    expect(searchProducts('手冲壶').map((p) => p.id)).toContain('gooseneck-kettle');
    expect(searchProducts('乌龙').length).toBeGreaterThanOrEqual(2);
    expect(searchProducts('Oolong')).toEqual(searchProducts('oolong'));
    expect(searchProducts('kettle chamomile')).toEqual([]);
    expect(searchProducts('   ')).toEqual([]);
  });

  it('features the most-reviewed products first', () => {
    const featured = featuredProducts(4);
    const counts = featured.map((p) => p.rating?.count ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const maxCount = Math.max(...PRODUCTS.map((p) => p.rating?.count ?? 0));
    expect(counts[0]).toBe(maxCount);
    expect(findProduct('no-such-product')).toBeUndefined();
  });
});
