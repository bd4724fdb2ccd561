/**
 * Steps of a shopper's journey on the demo shop (its `data-testid` hooks),
 * each ending with Tailor ready on the new page.
 */
import type { Page } from 'playwright-core';
import type { Rng } from '../../../src/core/lib/random';
import { readStore } from '../../../test/e2e/lib/idb';
import { tailorReady } from './tailorPage';

/** The demo product that is sold out (cannot be added to a cart). */
export const SOLD_OUT_PRODUCT = 'chamomile-lemon-balm';

/** What a shopper types at checkout. */
export interface CheckoutDetails {
  name: string;
  email: string;
  address: string;
  city: string;
  postcode: string;
}

/** A made-up customer (no real person). */
export const DEMO_CUSTOMER: CheckoutDetails = { name: 'Ada Lovelace', email: 'ada.lovelace@example.com', address: '1 Analytical Way', city: 'London', postcode: 'N1 1AA' };

/** Ids of every product a shopper can buy, from the shop's category pages (the sold-out one left out). */
export async function buyableProducts(shopUrl: string): Promise<string[]> {
  const get = async (path: string) => {
    const response = await fetch(`${shopUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${shopUrl}${path} answered ${response.status}`);
    return response.text();
  };
  const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
  const categories = [...new Set(all(await get('/'), /href="(\/category\/[a-z0-9-]+)"/g))];
  const ids = new Set<string>();
  for (const path of categories) for (const id of all(await get(path), /data-product-id="([^"]+)"/g)) ids.add(id);
  ids.delete(SOLD_OUT_PRODUCT);
  if (ids.size === 0) throw new Error(`no product found on the category pages of ${shopUrl}`);
  return [...ids].sort();
}

/** Clicks the first element matching `selector` and waits for the next page and Tailor on it. */
export async function openVia(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().click();
  await page.waitForLoadState('load');
  await tailorReady(page);
}

/** Opens a product page through a random product link on the current page (never the sold-out one, never the current one). */
export async function openRandomProduct(page: Page, rng: Rng): Promise<string> {
  const current = /\/product\/([^/?#]+)/.exec(page.url())?.[1];
  const ids = await page.locator('[data-testid="product-link"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-product-id') ?? ''));
  const choices = [...new Set(ids)].filter((id) => id && id !== SOLD_OUT_PRODUCT && id !== current);
  if (choices.length === 0) throw new Error(`no product link to follow on ${page.url()}`);
  const id = choices[Math.min(choices.length - 1, Math.floor(rng() * choices.length))]!;
  await openVia(page, `[data-testid="product-link"][data-product-id="${id}"]`);
  return id;
}

/**
 * From a page with the cart link: cart → checkout → details (and the coupon
 * `code`, if any) → place order → thank-you, where the purchase is stored.
 * Resolves with the coupon message shown (empty without a code).
 */
export async function checkout(page: Page, code: string | null, details: CheckoutDetails = DEMO_CUSTOMER): Promise<string> {
  await openVia(page, '[data-testid="cart-link"]');
  await openVia(page, '[data-testid="checkout-button"]');
  for (const [field, value] of Object.entries(details)) await page.locator(`[data-testid="checkout-${field}"]`).fill(value);
  let message = '';
  if (code) {
    await page.locator('[data-testid="coupon-input"]').fill(code);
    await page.locator('[data-testid="coupon-apply"]').click();
    const box = page.locator('[data-testid="coupon-message"]');
    const deadline = Date.now() + 10_000;
    while (!(message = ((await box.textContent()) ?? '').trim()) && Date.now() < deadline) await page.waitForTimeout(50);
  }
  await page.locator('[data-testid="place-order"]').click();
  await page.waitForURL(/thank-you/);
  await tailorReady(page);
  const deadline = Date.now() + 10_000;
  while (!(await readStore(page)).some((e) => e.name === 'purchase')) {
    if (Date.now() > deadline) throw new Error(`the purchase was not stored on ${page.url()} within 10 s`);
    await page.waitForTimeout(100);
  }
  return message;
}
