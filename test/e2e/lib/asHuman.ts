/**
 * Makes a Playwright browser context look like a shopper's browser to Tailor's bot rule, which
 * never personalises a session whose `navigator.webdriver` is true (as Playwright sets it).
 */
import type { BrowserContext } from 'playwright-core';

/**
 * The page script that makes `navigator.webdriver` read false. A string, not a function: under
 * tsx a function may carry esbuild's `__name` helper, which the page does not have.
 */
export const HUMAN_INIT_SCRIPT = "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });";

/** Adds {@link HUMAN_INIT_SCRIPT} to every page `context` opens from now on; resolves with `context`. */
export async function asHuman(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript({ content: HUMAN_INIT_SCRIPT });
  return context;
}
