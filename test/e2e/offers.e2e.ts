/**
 * Issue 6 end to end: exit intent → the banner shows a valid code → copy →
 * the demo checkout redeems it → a second redemption is refused; a dismissed
 * banner stays away in a second tab; the banner passes axe-core; hostile
 * strings render inert; the page's layout does not shift.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { readStore } from './lib/idb';
import { applyCoupon } from './lib/applyCoupon';
import { asHuman } from './lib/asHuman';
import { ready } from './lib/ready';
import { openFirstProduct } from './lib/openFirstProduct';

const { server, browser } = useShop({
  env: {
    TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }),
    // No holdout and a forced 10 % exploration, so every decision is an offer the test can check.
    TAILOR_POLICY: JSON.stringify({ holdoutRate: 0, explorationRate: 1, explorationWeights: { '10': 1 }, maxOffersPerDay: 10, maxOffersPerWeek: 20 }),
  },
});

/** A shopper's browser (not a bot to Tailor), with the clipboard the copy button writes to. */
const human = async (): Promise<BrowserContext> => asHuman(await browser().newContext({ permissions: ['clipboard-read', 'clipboard-write'] }));
const trigger = (page: Page) => page.evaluate(() => (window as any).tailor.debug.trigger('exit_intent'));
const banner = (page: Page) => page.locator('[data-tailor-banner]');
const part = (page: Page, name: string) => page.locator(`[data-tailor-banner] >> [data-part="${name}"]`);

async function productPage(page: Page): Promise<void> {
  await page.goto(`${server().shopUrl}/`);
  await ready(page);
  await page.evaluate(() => (window as any).tailor.debug.syncNow());
  await openFirstProduct(page);
  // Load the model before any trigger (it loads on idle; a busy CI machine may not have been idle yet).
  const model = (await page.evaluate(() => (window as any).tailor.debug.model())) as { state: string };
  expect(model.state, JSON.stringify(model)).toBe('ready');
}

describe('offers', () => {
  it('exit intent shows a banner with a valid code; copy; the checkout redeems it once', async () => {
    const context = await human();
    const page = await context.newPage();
    const watch = watchPage(page);
    await productPage(page);
    // Let the page's own return-visit decision settle first: one decision at a time per tab.
    await page.waitForTimeout(1500);
    // A real exit intent: the pointer leaves through the top edge.
    await page.mouse.move(400, 200);
    await page.mouse.move(400, 0);
    await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null, bubbles: true })));
    await expect.poll(() => part(page, 'code').count(), { timeout: 15_000 }).toBe(1);
    const code = (await part(page, 'code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const region = page.locator('[data-tailor-banner] >> section[role="region"]');
    expect(await region.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await part(page, 'timer').textContent()).toMatch(/\d+:\d\d/);
    // Focus was not stolen.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');

    await part(page, 'copy').click();
    await expect.poll(() => part(page, 'status').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // The decision behind it is stored with its reason and propensity.
    const decisions = await readStore<{ tier: number; shown: boolean; reason: string; propensity: number; code: string }>(page, 'decisions');
    const shown = decisions.find((d) => d.code === code)!;
    expect({ tier: shown.tier, shown: shown.shown }, JSON.stringify(shown)).toEqual({ tier: 10, shown: true });
    expect(shown.propensity).toBeGreaterThan(0);
    expect(shown.reason).toContain('10 % off');

    await page.locator('[data-testid="add-to-cart"]').click();
    await applyCoupon(page, code);
    // A second redemption of the same code is refused by the server.
    const again = await fetch(`${server().tailorUrl}/v1/coupons/redeem`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server().demoKeys!.server}` }, body: JSON.stringify({ code, orderValue: 20 }) });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toBe('already_redeemed');
    const interactions = (await readStore(page)).filter((e) => e.name.startsWith('offer_')).map((e) => e.name);
    expect(interactions).toEqual(expect.arrayContaining(['offer_shown', 'offer_clicked', 'offer_copied']));
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('a dismissed banner stays away in a second tab, and closes there too', async () => {
    const context = await human();
    const a = await context.newPage();
    await productPage(a);
    const b = await context.newPage();
    await b.goto(a.url());
    await ready(b);
    await trigger(a);
    await expect.poll(() => part(a, 'code').count(), { timeout: 15_000 }).toBe(1);
    // The same live offer shows in tab B (one offer, across tabs).
    await trigger(b);
    await expect.poll(() => part(b, 'code').count(), { timeout: 15_000 }).toBe(1);
    expect(await part(b, 'code').textContent()).toBe(await part(a, 'code').textContent());
    await part(a, 'dismiss').click();
    await expect.poll(() => banner(b).count(), { timeout: 5000 }).toBe(0);
    // The feedback question replaces the offer in tab A.
    await expect.poll(() => part(a, 'useful').count()).toBe(1);
    await part(a, 'useful').click();
    await expect.poll(() => banner(a).count(), { timeout: 5000 }).toBe(0);
    // Cool-down: new triggers in either tab show nothing.
    await trigger(b);
    await trigger(a);
    await b.waitForTimeout(500);
    expect(await banner(a).count()).toBe(0);
    expect(await banner(b).count()).toBe(0);
    const names = (await readStore(a)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['offer_dismissed', 'offer_feedback']));
    await context.close();
  });

  it('passes axe-core, renders hostile strings inert, and shifts no layout (CLS 0)', async () => {
    const context = await human();
    const page = await context.newPage();
    await productPage(page);
    await page.evaluate(() => {
      (window as any).__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const before = await page.evaluate(() => (window as any).__cls);
    await trigger(page);
    const shownInTime = await expect.poll(() => part(page, 'code').count(), { timeout: 15_000 }).toBe(1).then(() => true, () => false);
    if (!shownInTime) {
      const decisions = await readStore<Record<string, unknown>>(page, 'decisions');
      throw new Error(`no banner; decisions: ${JSON.stringify(decisions.map((d) => [d.kind, d.tier, d.shown, d.reason]))}`);
    }
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => (window as any).__cls)).toBe(before);

    const require = createRequire(import.meta.url);
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run({ include: [['[data-tailor-banner]']] }, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
      return result.violations.map((v: { id: string }) => v.id);
    });
    expect(violations.filter((v: string) => v !== 'region')).toEqual([]);

    // Hostile strings from the server, the config or the page are text, never markup.
    const chunk = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).find((n) => /\/assets\/banner-[\w-]+\.js$/.test(n)));
    expect(chunk).toBeTruthy();
    // A string, so the test runner does not rewrite the dynamic import.
    const injected = await page.evaluate(`(async () => {
      window.__pwned = false;
      const { showBanner } = await import(${JSON.stringify(chunk)});
      const evil = '<img src=x onerror="window.__pwned=true"><script>window.__pwned=true</' + 'script>';
      const handle = showBanner(
        { decisionId: 'x', tier: 10, code: evil, expiresAt: Date.now() + 60000, reason: evil, policyVersion: '1' },
        { locale: 'en', theme: { accent: 'red; background: url(javascript:alert(1))', bg: '#fff' }, onInteraction() {} },
      );
      await new Promise((r) => setTimeout(r, 200));
      const root = handle.host.shadowRoot;
      const out = {
        pwned: window.__pwned,
        imgs: root.querySelectorAll('img, script').length,
        codeText: root.querySelector('[data-part="code"]').textContent,
        accent: handle.host.style.getPropertyValue('--tailor-accent'),
        bg: handle.host.style.getPropertyValue('--tailor-bg'),
      };
      handle.close();
      return out;
    })()`);
    expect(injected).toEqual({ pwned: false, imgs: 0, codeText: '<img src=x onerror="window.__pwned=true"><script>window.__pwned=true</script>', accent: '', bg: '#fff' });
    await context.close();
  });
});
