/** Polls the events Tailor stored on a page until they satisfy a test's condition. */
import type { Page } from 'playwright-core';
import { readStore, type StoredEventView } from './idb';

/**
 * Resolves with the stored events once `predicate` holds for their names (in store order); throws,
 * listing the names stored, after `timeout` ms.
 */
export async function settled(page: Page, predicate: (names: string[]) => boolean, timeout = 10_000): Promise<StoredEventView[]> {
  const start = Date.now();
  for (;;) {
    const events = await readStore(page);
    if (predicate(events.map((e) => e.name))) return events;
    if (Date.now() - start > timeout) throw new Error(`events never settled; have: ${events.map((e) => e.name).join(', ')}`);
    await page.waitForTimeout(150);
  }
}
