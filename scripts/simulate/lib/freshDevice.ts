/**
 * Turns a browser context that already played a shopper into a new device
 * for Tailor, much faster than a new context: everything Tailor or the shop
 * keeps on the shop's origin (IndexedDB `tailor`, the page-hide buffer and
 * the cart in Web Storage, Tailor's caches) is deleted from a page of that
 * origin that does not load Tailor, so no worker holds the database open.
 */
import type { Page } from 'playwright-core';

/** A page of the shop without the Tailor tag (same origin as the shop's pages). */
const BARE_PAGE = '/favicon.svg';

/** Deletes every trace of the previous shopper on `shopUrl`'s origin; resolves on a bare page of it. */
export async function resetDevice(page: Page, shopUrl: string): Promise<void> {
  await page.goto(`${shopUrl}${BARE_PAGE}`);
  const outcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        localStorage.clear();
        sessionStorage.clear();
        const names = typeof caches === 'undefined' ? Promise.resolve<string[]>([]) : caches.keys();
        void names
          .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tailor')).map((k) => caches.delete(k))))
          .then(() => {
            const req = indexedDB.deleteDatabase('tailor');
            req.onsuccess = () => resolve('deleted');
            req.onerror = () => resolve(`error: ${req.error?.message ?? 'unknown'}`);
            setTimeout(() => resolve('timed out (database still open)'), 5_000);
          });
      }),
  );
  if (outcome !== 'deleted') throw new Error(`could not reset the device on ${shopUrl}: IndexedDB 'tailor' ${outcome}`);
}
