import { BREWING_GEAR } from './brewing-gear';
import { CATEGORIES } from './categories';
import { COFFEE } from './coffee';
import { TEA } from './tea';
import { effectivePriceCents } from './types';
import type { Category, Product } from './types';

/** Every product, in catalogue order (which is also the 'featured' sort order within a category). */
export const PRODUCTS: readonly Product[] = [...COFFEE, ...TEA, ...BREWING_GEAR];

/** Category listing orders offered on category pages. */
export const SORT_ORDERS = ['featured', 'price-asc', 'price-desc', 'rating'] as const;
/** A category listing order. */
export type SortOrder = (typeof SORT_ORDERS)[number];

const productsById = new Map(PRODUCTS.map((p) => [p.id, p]));
const categoriesById = new Map(CATEGORIES.map((c) => [c.id, c]));

/** Looks a product up by id; undefined when there is none. */
export function findProduct(id: string): Product | undefined {
  return productsById.get(id);
}

/** Looks a category up by slug; undefined when there is none. */
export function findCategory(id: string): Category | undefined {
  return categoriesById.get(id);
}

/** The category a product belongs to (the catalogue is checked at load, so it always exists). */
export function categoryOf(product: Product): Category {
  const category = categoriesById.get(product.categoryId);
  if (!category) {
    throw new Error(`'product' passed to 'categoryOf' has unknown categoryId '${product.categoryId}'`);
  }
  return category;
}

/** A category's products in the requested order. */
export function productsInCategory(categoryId: string, sort: SortOrder = 'featured'): Product[] {
  const list = PRODUCTS.filter((p) => p.categoryId === categoryId);
  switch (sort) {
    case 'featured':
      return list;
    case 'price-asc':
      return list.sort((a, b) => effectivePriceCents(a) - effectivePriceCents(b));
    case 'price-desc':
      return list.sort((a, b) => effectivePriceCents(b) - effectivePriceCents(a));
    case 'rating':
      return list.sort((a, b) => (b.rating?.value ?? 0) - (a.rating?.value ?? 0));
  }
}

/** The most-reviewed products, shown as "Customer favourites" on the home page. */
export function featuredProducts(count: number): Product[] {
  return [...PRODUCTS].sort((a, b) => (b.rating?.count ?? 0) - (a.rating?.count ?? 0)).slice(0, count);
}

/** Products currently on sale, in catalogue order. */
export function saleProducts(): Product[] {
  return PRODUCTS.filter((p) => p.salePriceCents !== undefined);
}

/** Other products from the same category, for "You may also like". */
export function relatedProducts(product: Product, count: number): Product[] {
  return PRODUCTS.filter((p) => p.categoryId === product.categoryId && p.id !== product.id).slice(0, count);
}

/**
 * Products matching every whitespace-separated term of the query, case-insensitively, in either language (a shopper
 * on the Chinese pages may still type "kettle"). Chinese has no spaces, so a Chinese term matches as a substring.
 */
export function searchProducts(query: string): Product[] {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  if (terms.length === 0) return [];
  return PRODUCTS.filter((p) => {
    const category = categoryOf(p);
    const haystack = [
      p.name.en, p.name['zh-CN'], p.description.en, p.description['zh-CN'], p.sku,
      category.name.en, category.name['zh-CN'],
    ].join(' ').toLowerCase();
    return terms.every((term) => haystack.includes(term));
  });
}
