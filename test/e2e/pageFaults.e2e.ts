/**
 * Issue 15, "never hang", on the demo shop in real Chromium: a page that made `dataLayer.push` read-only, or froze
 * the dataLayer, still gets a settled `ready()`, its own ecommerce pushes still work, and Tailor still stores the
 * page's events (it reads what it cannot wrap when it can, and says so once).
 */
import { describe, expect, it } from 'vitest';
import { useShop } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { watchPage } from './lib/watchPage';
import { readStore } from './lib/idb';

const { server, browser } = useShop({ env: { TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }) } });

const FAULTS: Record<string, string> = {
  'read-only dataLayer.push': `(() => { const dl = []; Object.defineProperty(dl, 'push', { value: Array.prototype.push, writable: false, configurable: false }); window.dataLayer = dl; })();`,
  // Frozen: the page's own pushes then throw in its own code, so the test pushes nothing and only checks Tailor.
  'frozen dataLayer': `window.dataLayer = Object.freeze([{ event: 'gtm.js' }]);`,
};

describe.each(Object.keys(FAULTS))('a page with a %s', (fault) => {
  it('settles ready(), keeps the page working and stores its events', async () => {
    const context = await asHuman(await browser().newContext());
    await context.addInitScript(FAULTS[fault]!);
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server().shopUrl}/`);
    const state = (await page.evaluate(() => Promise.race([(window as any).tailor.ready(), new Promise((r) => setTimeout(() => r('hung'), 10_000))]))) as { ok: boolean } | 'hung';
    expect(state).not.toBe('hung');
    expect(state, JSON.stringify(state)).toMatchObject({ ok: true });
    await expect.poll(async () => (await readStore<{ name: string }>(page)).map((e) => e.name), { timeout: 8000 }).toContain('page_view');
    if (fault === 'read-only dataLayer.push') {
      // The page's own ecommerce pushes still work and still reach Tailor, read by polling.
      await page.locator('[data-testid="product-link"]').first().click();
      await page.waitForLoadState('load');
      await page.getByTestId('add-to-cart').click();
      await expect.poll(async () => (await readStore<{ name: string }>(page)).map((e) => e.name), { timeout: 8000 }).toContain('add_to_cart');
      expect(watch.pageErrors, watch.pageErrors.join('; ')).toEqual([]);
    }
    for (const call of ['audit', 'exportData'] as const) {
      const settled = await page.evaluate((m) => Promise.race([(window as any).tailor[m]().then(() => 'settled', () => 'settled'), new Promise((r) => setTimeout(() => r('hung'), 10_000))]), call);
      expect(settled, call).toBe('settled');
    }
    await context.close();
  });
});
