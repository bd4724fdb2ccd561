/**
 * Issue 15's fault matrix, storage rows, on the demo shop in real Chromium: one fresh context per fault. Every
 * case runs the same journey (home, 11 tracked events, navigation in the same task, a second page where the
 * shopper adds to cart) and checks: no uncaught page error, the shop's own button works, and how many of the 11
 * events the second page's store holds: all of them, or the one stated loss (no storage at all works).
 *
 * The other rows live beside it: a read-only or frozen dataLayer in pageFaults.e2e.ts, the documented CSPs in
 * csp.e2e.ts, a page that fakes its clock in clock.e2e.ts, a purchase before navigation (runtime loaded or
 * late) in purchase.e2e.ts, three tabs and the back/forward cache in tabs.e2e.ts. A quota that runs out while
 * IndexedDB is open (one sweep of the oldest 20 %, then memory, the batch held) is a unit test
 * (test/unit/store/storeMaintenance.test.ts): Chromium's DevTools quota override does not reach a database that
 * already exists, so only "full from the start" can be made here.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useShop } from './lib/useShop';
import { watchPage, type PageWatch } from './lib/watchPage';
import { openFirstProduct } from './lib/openFirstProduct';

const { server, browser } = useShop({ env: { TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }) } });

const TRACKED = 11;

/** A Web Storage area that reads nothing and refuses every write, as old Safari private mode did. */
const REFUSING_STORAGE = `{ getItem() { return null; }, key() { return null; }, length: 0, removeItem() {}, clear() {},
  setItem() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); } }`;
const refuse = (area: 'localStorage' | 'sessionStorage') =>
  `Object.defineProperty(window, '${area}', { configurable: true, get() { return ${REFUSING_STORAGE}; } });`;

/** Creates the `tailor` database at a version from the future: Tailor's own open fails (VersionError). */
async function refuseIndexedDb(page: Page): Promise<void> {
  await page.goto(`${server().shopUrl}/favicon.svg`);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('tailor', 9999);
        req.onsuccess = () => (req.result.close(), resolve());
        req.onerror = () => reject(req.error);
      }),
  );
}

/**
 * Another page of the shop holds `tailor` open and ignores `versionchange` while a second connection waits to
 * upgrade it: every later open, Tailor's included, queues behind that upgrade and never answers.
 */
async function blockUpgrade(context: BrowserContext): Promise<void> {
  const holder = await context.newPage();
  await holder.goto(`${server().shopUrl}/favicon.svg`);
  await holder.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('tailor', 1);
        req.onsuccess = () => {
          (window as any).held = req.result; // never closed, no onversionchange
          const upgrade = indexedDB.open('tailor', 2);
          upgrade.onblocked = () => resolve();
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

/** A `tailor` database at Tailor's version that another script created, without Tailor's object stores. */
async function foreignDatabase(page: Page): Promise<void> {
  await page.goto(`${server().shopUrl}/favicon.svg`);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('tailor', 1);
        req.onsuccess = () => (req.result.close(), resolve());
        req.onerror = () => reject(req.error);
      }),
  );
}

/** The origin's storage quota set to `bytes` (DevTools' own override), for every page of the context. */
async function setQuota(page: Page, bytes: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server().shopUrl, quotaSize: bytes });
}

interface CustomEvent {
  name: string;
  props: { name?: string; props?: { i?: number } };
}

/** The events in the worker's store (IndexedDB or memory), as "Download my data" gives them. */
async function storedEvents(page: Page): Promise<CustomEvent[]> {
  return page.evaluate(async () => {
    const blob = await Promise.race([(window as any).tailor.exportData(), new Promise((r) => setTimeout(() => r(null), 8000))]);
    return blob ? (JSON.parse(await (blob as Blob).text()).events as CustomEvent[]) : [];
  });
}

const faultEvents = (events: CustomEvent[]) => new Set(events.filter((e) => e.name === 'custom' && e.props.name === 'fault').map((e) => e.props.props?.i)).size;

/** ready() within 10 s, or 'hung'. */
const readyOrHung = (page: Page) =>
  page.evaluate(() => Promise.race([(window as any).tailor.ready(), new Promise((r) => setTimeout(() => r('hung'), 10_000))])) as Promise<
    { ok: boolean; reason?: string; health?: { store: { kind: string; reason?: string } } } | 'hung'
  >;

interface Journey {
  page: Page;
  watch: PageWatch;
  store: string | undefined;
}

/**
 * Home → 11 events and an immediate navigation → a product page, where the shopper adds to cart (when the
 * demo's own cart, kept in localStorage, can work at all).
 */
async function journey(context: BrowserContext, before: ((page: Page) => Promise<void>) | undefined, shopCart: boolean): Promise<Journey> {
  const page = await context.newPage();
  const watch = watchPage(page);
  if (before) await before(page);
  await page.goto(`${server().shopUrl}/`);
  const first = await readyOrHung(page);
  expect(first, 'first page ready()').not.toBe('hung');
  expect(first).toMatchObject({ ok: true });
  const store = first === 'hung' ? undefined : first.health?.store.kind;
  await page.evaluate((n) => {
    for (let i = 0; i < n; i++) (window as any).tailor.track('fault', { i });
  }, TRACKED);
  await expect.poll(async () => faultEvents(await storedEvents(page)), { timeout: 8000 }).toBe(TRACKED);
  // The last events leave in the same task as the navigation: no time for the worker to write them.
  await page.evaluate(({ n, to }) => {
    (window as any).tailor.track('fault', { i: n });
    location.href = to;
  }, { n: TRACKED, to: `${server().shopUrl}/search?q=tea` });
  await page.waitForURL(/search/);
  expect(await readyOrHung(page), 'second page ready()').not.toBe('hung');
  await openFirstProduct(page);
  await page.getByTestId('product-name').first().waitFor();
  if (shopCart) {
    await page.getByTestId('add-to-cart').click();
    await expect.poll(() => page.getByTestId('cart-count').first().textContent()).toBe('1');
  }
  return { page, watch, store };
}

describe('fault matrix: storage', () => {
  const CASES: {
    name: string;
    expectStore: 'indexeddb' | 'memory';
    shopCart: boolean;
    setup: (context: BrowserContext) => Promise<((page: Page) => Promise<void>) | undefined>;
  }[] = [
    { name: 'IndexedDB refused (a newer database version)', expectStore: 'memory', shopCart: true, setup: async () => refuseIndexedDb },
    { name: "a database of Tailor's name without its stores", expectStore: 'memory', shopCart: true, setup: async () => foreignDatabase },
    { name: 'IndexedDB queued behind an upgrade another page holds up', expectStore: 'memory', shopCart: true, setup: async (context) => (await blockUpgrade(context), undefined) },
    { name: 'storage quota exhausted from the start', expectStore: 'memory', shopCart: true, setup: async () => (page: Page) => setQuota(page, 1) },
    { name: 'localStorage throwing (old Safari private mode)', expectStore: 'indexeddb', shopCart: false, setup: async (context) => (await context.addInitScript(refuse('localStorage')), undefined) },
    {
      name: 'localStorage throwing and IndexedDB refused',
      expectStore: 'memory',
      shopCart: false,
      setup: async (context) => (await context.addInitScript(refuse('localStorage')), refuseIndexedDb),
    },
  ];

  it.each(CASES)('$name: no page error, the shop works, all 12 events reach the next page', async ({ expectStore, shopCart, setup }) => {
    const context = await browser().newContext();
    const { page, watch, store } = await journey(context, await setup(context), shopCart);
    expect(store).toBe(expectStore);
    await expect.poll(async () => faultEvents(await storedEvents(page)), { timeout: 10_000 }).toBe(TRACKED + 1);
    expect(watch.pageErrors, watch.pageErrors.join('; ')).toEqual([]);
    if (expectStore === 'memory') {
      // The audit view says where the events are and what that costs.
      await page.evaluate(() => (window as any).tailor.openAudit());
      await expect.poll(() => page.getByRole('dialog', { name: 'Your data and Tailor' }).textContent(), { timeout: 8000 }).toMatch(/IndexedDB cannot be used here \(.+\)\. The newest 500 events go with you from page to page in (localStorage|sessionStorage)/);
    }
    await context.close();
  });

  it('no storage at all (IndexedDB refused, localStorage and sessionStorage throwing): the stated loss, events last as long as the page', async () => {
    const context = await browser().newContext();
    await context.addInitScript(`${refuse('localStorage')}${refuse('sessionStorage')}`);
    const page = await context.newPage();
    const watch = watchPage(page);
    await refuseIndexedDb(page);
    await page.goto(`${server().shopUrl}/`);
    expect(await readyOrHung(page)).toMatchObject({ ok: true, health: { store: { kind: 'memory' } } });
    await page.evaluate((n) => {
      for (let i = 0; i < n; i++) (window as any).tailor.track('fault', { i });
    }, TRACKED);
    await expect.poll(async () => faultEvents(await storedEvents(page)), { timeout: 8000 }).toBe(TRACKED);
    await page.evaluate(() => (window as any).tailor.openAudit());
    await expect.poll(() => page.getByRole('dialog', { name: 'Your data and Tailor' }).textContent(), { timeout: 8000 }).toContain('these events are lost when you leave it');
    await page.goto(`${server().shopUrl}/search?q=tea`);
    expect(await readyOrHung(page)).toMatchObject({ ok: true });
    // Exactly the stated loss: the new page starts from nothing, and still records its own events.
    await expect.poll(async () => (await storedEvents(page)).map((e) => e.name), { timeout: 8000 }).toContain('page_view');
    expect(faultEvents(await storedEvents(page))).toBe(0);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('a worker that cannot start: ready() says why, the tag says it once and stops buffering, the audit panel shows it', async () => {
    const context = await browser().newContext();
    await context.route(/\/sdk\/assets\/worker-/, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const watch = watchPage(page);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' && m.text().includes('no offers on this page')) warnings.push(m.text());
    });
    await page.goto(`${server().shopUrl}/`);
    const state = await readyOrHung(page);
    expect(state).toMatchObject({ ok: false, reason: expect.stringMatching(/worker/) });
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) (window as any).tailor.track('fault', { i });
    });
    await page.evaluate(() => (window as any).tailor.openAudit());
    await expect.poll(() => page.getByRole('dialog', { name: 'Your data and Tailor' }).textContent(), { timeout: 8000 }).toContain('Tailor could not start on this page (worker');
    // Hidden: nothing is buffered for a runtime that never came.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
    expect(await page.evaluate(() => localStorage.getItem('tailor:pending:v1'))).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
