/**
 * Tabs (issue 15): one shopper with three tabs of the shop gets one decision for a trigger fired in all three
 * at once (the worker's cross-tab decision lock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './lib/chromium';
import { useServer } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { readDecisions, tailorReady } from '../../scripts/simulate/lib/tailorPage';

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
