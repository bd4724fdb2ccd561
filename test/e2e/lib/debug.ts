/** Calls the `data-debug` hooks of Tailor's page API from the test side. */
import type { Page } from 'playwright-core';

/** `window.tailor.debug[method](...args)` in `page`; the tag must carry `data-debug`. */
export function debug<T = unknown>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([m, a]) => (window as any).tailor.debug[m as string](...(a as unknown[])), [method, args] as const) as Promise<T>;
}
