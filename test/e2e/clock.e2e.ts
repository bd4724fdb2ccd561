/**
 * Issue 15, time from Tailor's clock, not the page's: a shop page that fakes `Date.now` (+48 h, −24 h) before
 * Tailor loads still gets every event stored with the real time, and an offer shown there counts down from its
 * real expiry (before: +48 h stored 0 of 11 events, −24 h showed "Expires in 24:30:00").
 */
import { describe, expect, it } from 'vitest';
import { useShop } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { readStore } from './lib/idb';
import { tailorReady } from '../../scripts/simulate/lib/tailorPage';

const { server, browser } = useShop({
  env: {
    TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }),
    // No holdout and a forced 10 % exploration: the exit-intent decision is an offer the test can see.
    TAILOR_POLICY: JSON.stringify({ holdoutRate: 0, explorationRate: 1, explorationWeights: { '10': 1 }, maxOffersPerDay: 10, maxOffersPerWeek: 20 }),
  },
});

const HOUR = 3_600_000;

describe.each([48, -24])("a page whose Date.now is moved by %i h", (hours) => {
  it('stores its events at the real time and counts an offer down from its real expiry', async () => {
    const context = await asHuman(await browser().newContext());
    await context.addInitScript((shift) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + shift;
    }, hours * HOUR);
    const page = await context.newPage();
    const before = Date.now();
    await page.goto(`${server().shopUrl}/`);
    await tailorReady(page);
    await page.locator('[data-testid="product-link"]').first().click();
    await page.waitForLoadState('load');
    await tailorReady(page);
    // The page really sees the moved clock.
    const pageSkew = await page.evaluate(() => Date.now() - performance.timeOrigin - performance.now());
    expect(Math.abs(pageSkew - hours * HOUR)).toBeLessThan(60_000);
    await expect.poll(async () => (await readStore<{ name: string }>(page)).filter((e) => e.name === 'page_view').length, { timeout: 8000 }).toBe(2);
    const events = await readStore<{ name: string; ts: number }>(page);
    const after = Date.now();
    for (const e of events) {
      expect(e.ts, e.name).toBeGreaterThanOrEqual(before - 60_000);
      expect(e.ts, e.name).toBeLessThanOrEqual(after + 60_000);
    }
    await page.evaluate(() => (window as any).tailor.debug.syncNow());
    await page.evaluate(() => (window as any).tailor.debug.trigger('exit_intent'));
    const timer = page.locator('[data-tailor-banner]');
    await timer.waitFor({ state: 'attached', timeout: 10_000 });
    const text = await page.evaluate(() => document.querySelector('[data-tailor-banner]')?.shadowRoot?.querySelector('[data-part="timer"]')?.textContent ?? '');
    // The offer lives 30 minutes (the policy's offer TTL): "29:59" or "30:00", never "24:30:00".
    const parts = /(\d+(?::\d\d){1,2})/.exec(text)?.[1]?.split(':').map(Number) ?? [];
    const seconds = parts.reduce((a, x) => a * 60 + x, 0);
    expect(parts.length, text).toBeGreaterThanOrEqual(2);
    expect(seconds, text).toBeGreaterThan(25 * 60);
    expect(seconds, text).toBeLessThanOrEqual(30 * 60);
    await context.close();
  });
});
