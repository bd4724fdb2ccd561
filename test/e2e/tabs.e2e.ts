/**
 * Tabs and the back/forward cache (issue 15): one shopper with three tabs of the shop gets one decision for a
 * trigger fired in all three at once (the worker's cross-tab decision lock), and a page with Tailor running is
 * restored from the back/forward cache when the shopper goes back (Chrome evicts a cached page in which any
 * JavaScript runs: comlink's proxy finalizers did, see scripts/vite/comlinkNoFinalizers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './lib/chromium';
import { useServer } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { readDecisions, tailorReady } from '../../scripts/simulate/lib/tailorPage';
import { readStore } from './lib/idb';

const DEBUG_TAG = { TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }) };

describe('one shopper, three tabs', () => {
  const server = useServer(DEBUG_TAG);
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('makes one decision for one trigger fired in every tab at once', async () => {
    const context = await asHuman(await browser.newContext());
    const pages: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await context.newPage();
      await page.goto(`${server().shopUrl}/`);
      await page.locator('[data-testid="product-link"]').first().click();
      await page.waitForLoadState('load');
      await tailorReady(page);
      pages.push(page);
    }
    const before = (await readDecisions(pages[0]!)).length;
    await Promise.all(pages.map((p) => p.evaluate(() => (window as any).tailor.debug.trigger('exit_intent'))));
    // Every tab's decide call has settled once each page's debug trigger resolved; read the shared store.
    const decisions = (await readDecisions(pages[0]!)).slice(before).filter((d) => d.trigger === 'exit_intent');
    expect(decisions).toHaveLength(1);
    await context.close();
  });
});

describe('back/forward cache', () => {
  const server = useServer(DEBUG_TAG);
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium([], { backForwardCache: true });
  });
  afterAll(async () => browser?.close());

  it('restores a page with Tailor running when the shopper goes back, and Tailor works on it', async () => {
    const context = await asHuman(await browser.newContext());
    const page = await context.newPage();
    await page.addInitScript(() => {
      addEventListener('pageshow', (e) => {
        if (e.persisted) (window as any).__restoredFromBfcache = true;
      });
    });
    await page.goto(`${server().shopUrl}/`);
    await tailorReady(page);
    // A decision and a sync round: the worker has been busy before the shopper leaves.
    await page.evaluate(() => (window as any).tailor.debug.syncNow());
    await page.evaluate(() => ((window as any).__marker = 'first visit'));
    await page.locator('[data-testid="product-link"]').first().click();
    await page.waitForLoadState('load');
    await tailorReady(page);
    // A restored page fires no load event; wait for the URL and the pageshow instead.
    await page.goBack({ waitUntil: 'commit' });
    await expect.poll(() => page.evaluate(() => (window as any).__restoredFromBfcache === true), { timeout: 5000 }).toBe(true);
    const state = await page.evaluate(() => ({ marker: (window as any).__marker ?? null, reasons: JSON.stringify((performance.getEntriesByType('navigation')[0] as any)?.notRestoredReasons ?? null) }));
    expect(state.marker, state.reasons).toBe('first visit');
    await tailorReady(page);
    // Events tracked on the restored page still reach the store.
    await page.evaluate(() => (window as any).tailor.track('restored_check', {}));
    await expect.poll(async () => (await readStore<{ name: string; props: unknown }>(page)).some((e) => e.name === 'custom' && JSON.stringify(e.props).includes('restored_check')), { timeout: 5000 }).toBe(true);
    await context.close();
  });
});
