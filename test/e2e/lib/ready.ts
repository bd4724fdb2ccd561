/** Waits for Tailor on a page from the test side. */
import type { Page } from 'playwright-core';

/**
 * `window.tailor.ready()` in `page`: resolves with the page API's state, failed or not (the caller
 * asserts on it; `T` is the shape it reads).
 */
export function ready<T = unknown>(page: Page): Promise<T> {
  return page.evaluate(() => (window as any).tailor.ready()) as Promise<T>;
}
