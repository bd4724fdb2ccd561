/** Redeems an offer's code in the demo shop's checkout, as a shopper would. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * From a page with the cart link: cart → checkout → enter and apply `code`; resolves once the shop's
 * coupon message names the code (the order is not placed).
 */
export async function applyCoupon(page: Page, code: string): Promise<void> {
  await page.locator('[data-testid="cart-link"]').click();
  await page.locator('[data-testid="checkout-button"]').click();
  await page.waitForLoadState('load');
  await page.locator('[data-testid="coupon-input"]').fill(code);
  await page.locator('[data-testid="coupon-apply"]').click();
  await expect.poll(() => page.locator('[data-testid="coupon-message"]').textContent()).toContain(code);
}
