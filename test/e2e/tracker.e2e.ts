/**
 * Issue 3 end to end: zero-code capture on the demo shop lands in IndexedDB
 * `tailor`; two tabs write one consistent history; IndexedDB failing falls
 * back to memory; click-then-navigate loses nothing; the merchant's
 * dataLayer.push behaves exactly as before; consent gates every write.
 */
import { describe, expect, it } from 'vitest';
import { useServer, useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { readStore } from './lib/idb';
import { ready } from './lib/ready';
import { openFirstProduct } from './lib/openFirstProduct';
import { settled } from './lib/settled';

const { server, browser } = useShop();

type Health = { ok: boolean; health?: { store: { kind: string; reason?: string }; eventsReceived: number } };

describe('tracker', () => {
  it('captures a full journey with no merchant code into IndexedDB tailor', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    await page.locator('[data-testid="nav-category"]').first().click();
    await page.waitForLoadState('load');
    await ready(page);
    await openFirstProduct(page);
    await page.goBack();
    await page.waitForLoadState('load');
    await ready(page);
    await page.locator('[data-testid="product-link"]').nth(1).click();
    await page.waitForLoadState('load');
    await ready(page);
    await page.locator('[data-testid="add-to-cart"]').click();
    await page.locator('[data-testid="search-input"]').fill('espresso');
    await page.locator('[data-testid="search-submit"]').click();
    await page.waitForURL(/\/search\?q=espresso/);
    // Each page's tracker must be up before the next click: a page left before Tailor's runtime even
    // loaded has nothing to report (as with any tag). The race after load is the click-then-navigate test.
    await page.waitForLoadState('load');
    await ready(page);
    await page.locator('[data-testid="cart-link"]').click();
    await page.waitForLoadState('load');
    await ready(page);
    await page.locator('[data-testid="checkout-button"]').click();
    await page.waitForLoadState('load');
    await ready(page);
    await page.locator('[data-testid="checkout-name"]').fill('Ada Lovelace');
    await page.locator('[data-testid="checkout-email"]').fill('ada@example.com');
    await page.locator('[data-testid="checkout-address"]').fill('1 Analytical Way');
    await page.locator('[data-testid="checkout-city"]').fill('London');
    await page.locator('[data-testid="checkout-postcode"]').fill('N1 1AA');
    await page.locator('[data-testid="place-order"]').click();
    await page.waitForURL(/thank-you/);
    await ready(page);

    const events = await settled(page, (n) => n.includes('purchase'));
    const views = events.filter((e) => e.name === 'page_view').map((e) => e.props.page_type);
    expect(views.slice(0, 4)).toEqual(['home', 'category', 'product', 'category']);
    expect(views).toEqual(expect.arrayContaining(['product', 'search', 'cart', 'checkout', 'purchase']));
    const products = events.filter((e) => e.name === 'product_view');
    expect(new Set(products.map((p) => p.props.product_id)).size).toBeGreaterThanOrEqual(2);
    expect(products[0]!.props.price).toBeGreaterThan(0);
    const add = events.find((e) => e.name === 'add_to_cart')!;
    expect(add.props.items[0]).toMatchObject({ quantity: 1 });
    expect(events.find((e) => e.name === 'search')!.props.query).toBe('espresso');
    expect(events.some((e) => e.name === 'begin_checkout')).toBe(true);
    const purchase = events.find((e) => e.name === 'purchase')!;
    expect(purchase.props.value).toBeGreaterThan(0);
    // Nothing personal was stored: the e-mail typed at checkout appears nowhere.
    expect(JSON.stringify(events)).not.toContain('ada@example.com');
    // One session, every event stamped with it; ids unique.
    expect(new Set(events.map((e) => e.session_id)).size).toBe(1);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const sessions = await readStore<{ id: string }>(page, 'sessions');
    expect(sessions).toHaveLength(1);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('keeps the merchant dataLayer.push contract and reads pushes made before load', async () => {
    const context = await browser().newContext();
    await context.addInitScript(() => {
      const w = window as any;
      w.dataLayer = [{ event: 'custom_before', foo: 1 }];
    });
    const page = await context.newPage();
    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    const result = await page.evaluate(() => {
      const dl = (window as any).dataLayer as unknown[] & { push: (...a: unknown[]) => number };
      const before = dl.length;
      const returned = dl.push({ event: 'x' }, { event: 'y' });
      return { before, returned, after: dl.length, last: dl[dl.length - 1], wrapped: dl.push !== Array.prototype.push };
    });
    expect(result.wrapped).toBe(true);
    expect(result.returned).toBe(result.before + 2);
    expect(result.after).toBe(result.before + 2);
    expect(result.last).toEqual({ event: 'y' });
    await context.close();
  });

  it('loses nothing when a click is followed at once by navigation', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    await openFirstProduct(page);
    const home = `${server().shopUrl}/`;
    // The push and the navigation happen in the same task: the worker has no time to write.
    await page.evaluate((to) => {
      (document.querySelector('[data-testid="add-to-cart"]') as HTMLButtonElement).click();
      location.href = to;
    }, home);
    await page.waitForURL(home);
    await ready(page);
    const events = await settled(page, (n) => n.includes('add_to_cart'));
    expect(events.filter((e) => e.name === 'add_to_cart')).toHaveLength(1);
    await context.close();
  });

  it('writes one consistent history from two tabs at once', async () => {
    const context = await browser().newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    await Promise.all([a.goto(`${server().shopUrl}/`), b.goto(`${server().shopUrl}/search?q=tea`)]);
    await Promise.all([ready(a), ready(b)]);
    for (let i = 0; i < 3; i++) {
      await Promise.all([
        a.evaluate((n) => (window as any).tailor.track('tab_a', { n }), i),
        b.evaluate((n) => (window as any).tailor.track('tab_b', { n }), i),
      ]);
    }
    const events = await settled(a, (n) => n.filter((x) => x === 'custom').length === 6);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const custom = events.filter((e) => e.name === 'custom').map((e) => `${e.props.name}:${e.props.props.n}`).sort();
    expect(custom).toEqual(['tab_a:0', 'tab_a:1', 'tab_a:2', 'tab_b:0', 'tab_b:1', 'tab_b:2']);
    expect(events.filter((e) => e.name === 'page_view')).toHaveLength(2);
    expect(new Set(events.map((e) => e.session_id)).size).toBe(1);
    await context.close();
  });

  it('falls back to memory when IndexedDB cannot be opened, and the page keeps working', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    // A database at a version from the future: every open at Tailor's version fails (VersionError).
    await page.goto(`${server().shopUrl}/favicon.svg`);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('tailor', 9999);
          req.onsuccess = () => {
            req.result.close();
            resolve();
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.goto(`${server().shopUrl}/`);
    const state = await ready<Health>(page);
    expect(state.ok).toBe(true);
    await page.evaluate(() => (window as any).tailor.track('still_works', {}));
    await expect.poll(async () => (await ready<Health>(page)).health?.store.kind, { timeout: 10_000 }).toBe('memory');
    expect((await ready<Health>(page)).health?.store.reason).toBeTruthy();
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});

describe('consent gate', () => {
  const gated = useServer({ TAILOR_SHOP_TAG: JSON.stringify({ 'data-consent': 'required' }) });

  it('stores nothing until consent(true), then starts; consent(false) stops capture', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${gated().shopUrl}/`);
    const state = await ready<Health>(page);
    expect(state.health?.store.kind).toBe('none');
    await page.evaluate(() => (window as any).tailor.track('before_consent', {}));
    await page.waitForTimeout(300);
    expect(await readStore(page)).toEqual([]);
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).not.toContain('tailor');

    await page.evaluate(() => (window as any).tailor.consent(true));
    const events = await settled(page, (n) => n.includes('page_view') && n.includes('custom'));
    expect(events.find((e) => e.name === 'custom')!.props.name).toBe('before_consent');

    await page.evaluate(() => (window as any).tailor.consent(false));
    await page.evaluate(() => (window as any).tailor.track('after_withdrawal', {}));
    await page.waitForTimeout(300);
    const after = await readStore(page);
    expect(after.some((e) => e.props?.name === 'after_withdrawal')).toBe(false);
    await context.close();
  });
});
