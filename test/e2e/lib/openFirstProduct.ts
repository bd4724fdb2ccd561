/** A step of many shopper journeys in the e2e tests: open a product page from the one the test is on. */
import type { Page } from 'playwright-core';
import { ready } from './ready';

/** Clicks the first product link, waits for the product page to load and for Tailor on it to be ready. */
export async function openFirstProduct(page: Page): Promise<void> {
  await page.locator('[data-testid="product-link"]').first().click();
  await page.waitForLoadState('load');
  await ready(page);
}
