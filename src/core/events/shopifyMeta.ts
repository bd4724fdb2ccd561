/**
 * The product on a Shopify product page from `window.ShopifyAnalytics.meta`, which every Shopify storefront
 * defines: `{ product: { id, type, vendor, variants: [{ id, price (minor units), name, sku }] }, selectedVariantId?,
 * currency? }`. Used when the page has no readable structured data. The product viewed is the selected variant
 * (the URL's `?variant=`, else `selectedVariantId`, else the first), with its own price. Never throws.
 */
import type { ProductInfo } from './schema';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/** The product_view payload of a ShopifyAnalytics `meta`, or undefined when it describes no priced product. */
export function productFromShopifyMeta(meta: unknown, variant?: string, currency?: string): ProductInfo | undefined {
  try {
    if (!isRec(meta) || !isRec(meta.product)) return undefined;
    const product = meta.product;
    const variants = Array.isArray(product.variants) ? product.variants.filter(isRec) : [];
    const wanted = variant ?? text(meta.selectedVariantId);
    const chosen = variants.find((v) => wanted !== undefined && text(v.id) === wanted) ?? variants[0];
    const cents = typeof chosen?.price === 'number' ? chosen.price : Number(chosen?.price);
    const id = text(chosen?.sku) ?? (text(chosen?.id) ? `${text(product.id) ?? 'product'}?variant=${text(chosen?.id)}` : text(product.id));
    const name = text(chosen?.name) ?? text(product.title) ?? text(product.type);
    if (!chosen || !id || !name || !(Number.isFinite(cents) && cents > 0)) return undefined;
    const code = text(meta.currency) ?? currency;
    const category = text(product.type);
    return {
      product_id: id,
      name,
      price: Math.round(cents) / 100,
      ...(code && /^[A-Za-z]{3}$/.test(code) ? { currency: code.toUpperCase() } : {}),
      ...(category ? { category } : {}),
    };
  } catch {
    return undefined;
  }
}
