/**
 * Issue 14, the cart from the page with zero code, in real Chromium: on a shop that publishes its cart only through
 * a GA4 dataLayer (no JSON-LD), a Shopify-style shop (its Ajax cart API's JSON, `ShopifyAnalytics.meta`), a
 * WooCommerce-style shop (its Store API cart) and a shop that publishes only schema.org `Order` markup, the cart value the worker prices offers on equals the total the
 * page shows after add, quantity change and remove, across navigation and in a second tab; an idle spell with an
 * empty cart asks nothing, with a full cart it shows an offer priced on that cart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useShop } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { ready } from './lib/ready';
import { readStore } from './lib/idb';
import { startPlatformShop, type Platform, type PlatformShop } from './lib/platformShops';

const { server, browser } = useShop({
  env: {
    TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '', 'data-triggers': `idle-cart:2` }),
    // No holdout and a forced 10 % exploration: every decision the idle trigger gets is an offer the test can see.
    TAILOR_POLICY: JSON.stringify({ holdoutRate: 0, explorationRate: 1, explorationWeights: { '10': 1 }, maxOffersPerDay: 10, maxOffersPerWeek: 20 }),
  },
});

const IDLE_S = 2;
const PLATFORMS: Platform[] = ['ga4', 'shopify', 'woocommerce', 'schema-order'];
const shops = new Map<Platform, PlatformShop>();
beforeAll(async () => {
  for (const p of PLATFORMS) shops.set(p, await startPlatformShop(p, server().tailorUrl, `idle-cart:${IDLE_S}`));
});
afterAll(async () => {
  for (const s of shops.values()) await s.stop();
});

interface WorkerCart {
  lines: { id: string; quantity: number; price?: number }[];
  value: number;
}
const workerCart = (page: Page) => page.evaluate(() => (window as any).tailor.debug.cart()) as Promise<WorkerCart | null>;
const pageTotal = async (page: Page) => Number(await page.locator('#cart-total').textContent());
/** The worker's cart converges on what the page shows (platform reads land a moment after the theme's request). */
async function agrees(page: Page, expected: number): Promise<void> {
  await expect.poll(() => pageTotal(page), { timeout: 5000 }).toBeCloseTo(expected, 9);
  await expect.poll(async () => (await workerCart(page))?.value ?? 0, { timeout: 8000, interval: 250 }).toBeCloseTo(expected, 9);
}
const banner = (page: Page) => page.locator('[data-tailor-banner]');

describe.each(PLATFORMS)('the cart on a %s shop', (platform) => {
  it('follows add, quantity change and remove across pages and tabs; idle offers only with a cart', async () => {
    const shop = shops.get(platform)!;
    const context = await asHuman(await browser().newContext());
    const page = await context.newPage();
    await page.goto(`${shop.url}/products/longjing`);
    await ready(page);
    await page.evaluate(() => (window as any).tailor.debug.syncNow());
    await page.evaluate(() => (window as any).tailor.debug.model());

    // Empty cart: idle spells come and go (the trigger fires), nothing is asked, nothing shown.
    expect((await workerCart(page))?.value ?? 0).toBe(0);
    await page.waitForTimeout((IDLE_S + 2.5) * 1000);
    expect(await banner(page).count()).toBe(0);
    expect(await readStore(page, 'decisions')).toEqual([]);

    await page.getByTestId('add').click();
    await agrees(page, 12);
    await page.getByTestId('add').click();
    await agrees(page, 24);
    const lines = (await workerCart(page))!.lines;
    expect(lines.reduce((s, l) => s + l.quantity, 0)).toBe(2);

    await page.goto(`${shop.url}/products/gaiwan`);
    await ready(page);
    await page.getByTestId('add').click();
    await agrees(page, 58.5);

    await page.goto(`${shop.url}/cart`);
    await ready(page);
    await agrees(page, 58.5);
    await page.getByTestId('less-longjing').click();
    await agrees(page, 46.5);
    await page.getByTestId('remove-gaiwan').click();
    await agrees(page, 12);

    // A second tab of the same shop knows the same cart, and what it adds the first tab's worker sees.
    const tab = await context.newPage();
    await tab.goto(`${shop.url}/products/gaiwan`);
    await ready(tab);
    expect((await workerCart(tab))!.value).toBeCloseTo(12, 9);
    await tab.getByTestId('add').click();
    await agrees(tab, 46.5);
    await expect.poll(async () => (await workerCart(page))?.value, { timeout: 8000 }).toBeCloseTo(46.5, 9);

    // Idle with a full cart: one offer, priced on the cart (the gaiwan viewed is in it already).
    await tab.bringToFront();
    await banner(tab).waitFor({ state: 'visible', timeout: (IDLE_S + 15) * 1000 });
    const decisions = await readStore<{ trigger: string; cartValue: number; orderValue: number; shown: boolean }>(tab, 'decisions');
    const idle = decisions.filter((d) => d.trigger === 'idle_cart');
    expect(idle).toHaveLength(1);
    expect(idle[0]).toMatchObject({ shown: true });
    expect(idle[0]!.cartValue).toBeCloseTo(46.5, 9);
    expect(idle[0]!.orderValue).toBeCloseTo(46.5, 9);

    // The product viewed came from what the platform publishes (GA4 view_item, ShopifyAnalytics.meta, …).
    const views = (await readStore<{ name: string; props: { product_id: string; price: number } }>(tab)).filter((e) => e.name === 'product_view');
    if (platform !== 'woocommerce') expect(views.map((v) => v.props.price)).toContain(34.5);

    // Malformed ecommerce items are skipped one by one, counted in the audit, and break nothing.
    const pushed = await tab.evaluate(() => (window as any).dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ price: 3 }, 'junk', { item_id: 'longjing', price: 12, quantity: 1 }] } }));
    expect(pushed).toEqual(expect.any(Number));
    await expect.poll(async () => ((await tab.evaluate(() => (window as any).tailor.audit())) as { pageCounters?: { ignoredItems: number } }).pageCounters?.ignoredItems).toBe(2);
    await expect.poll(async () => (await workerCart(tab))?.value, { timeout: 8000 }).toBeCloseTo(58.5, 9);
    const audit = (await tab.evaluate(() => (window as any).tailor.audit())) as { cart: WorkerCart };
    expect(audit.cart.value).toBeCloseTo(58.5, 9);
    await context.close();
  });
});

describe('the cart on the demo shop (GA4 dataLayer and JSON-LD, the cart in localStorage)', () => {
  const subtotal = async (page: Page) => Number((await page.getByTestId('cart-subtotal').textContent())!.replace(/[^\d.]/g, ''));
  it('the worker\'s cart value is the subtotal the cart page shows, after add, quantity change and remove', async () => {
    const context = await asHuman(await browser().newContext({ locale: 'en-US' }));
    const page = await context.newPage();
    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    await page.locator('[data-testid="product-link"]').first().click();
    await page.waitForLoadState('load');
    await ready(page);
    await page.getByTestId('add-to-cart').click();
    await page.goto(`${server().shopUrl}/cart`);
    await ready(page);
    const check = async () => {
      const shown = await subtotal(page);
      expect(shown).toBeGreaterThanOrEqual(0);
      await expect.poll(async () => (await workerCart(page))?.value ?? 0, { timeout: 8000, interval: 250 }).toBeCloseTo(shown, 9);
    };
    await expect.poll(() => subtotal(page)).toBeGreaterThan(0);
    await check();
    await page.getByTestId('cart-qty-inc').first().click();
    await check();
    await page.getByTestId('cart-qty-dec').first().click();
    await check();
    await page.getByTestId('cart-remove').first().click();
    await expect.poll(async () => (await workerCart(page))?.value ?? -1, { timeout: 8000 }).toBe(0);
    await context.close();
  });
});
