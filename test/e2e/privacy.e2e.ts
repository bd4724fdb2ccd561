/**
 * Issue 8's proof by test: every request of a full journey (browse, search,
 * cart, offer, redeem, purchase, second visit, and the reports that follow)
 * goes only to the shop's own origin, Tailor's static files or the declared
 * collector endpoints; every payload matches the outbound schema and carries
 * no event name, URL, product id, query or stable identifier. With Global
 * Privacy Control on, nothing is sent at all. And retention: 31 days later
 * old events are gone and neither features nor decisions use them.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Request } from 'playwright-core';
import { useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { readStore } from './lib/idb';
import { validateReport, EVENT_NAMES_FOR_TEST } from './lib/outbound';
import { applyCoupon } from './lib/applyCoupon';
import { asHuman } from './lib/asHuman';
import { debug } from './lib/debug';
import { ready } from './lib/ready';
import { openFirstProduct } from './lib/openFirstProduct';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const { server, browser } = useShop({
  env: {
    TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }),
    // Deterministic for the test: no holdout, and every decision explores the 10 % tier.
    TAILOR_POLICY: JSON.stringify({ holdoutRate: 0, explorationRate: 1, explorationWeights: { '10': 1 }, maxOffersPerDay: 5 }),
    TAILOR_REPORT_RATE_LIMIT: '1000',
  },
});

/** A shopper, not a bot (Tailor never personalises a webdriver session), with `extra` as a further init script. */
async function humanContext(extra?: () => void): Promise<BrowserContext> {
  const context = await asHuman(await browser().newContext());
  if (extra) await context.addInitScript(extra);
  return context;
}

interface Captured {
  url: URL;
  method: string;
  body: string | null;
}

function capture(context: BrowserContext): Captured[] {
  const all: Captured[] = [];
  // Context-level: includes requests from the page's workers.
  context.on('request', (r: Request) => all.push({ url: new URL(r.url()), method: r.method(), body: r.postData() }));
  return all;
}

describe('what leaves the device', () => {
  it('a full journey sends only declared, noised, identifier-free payloads to the one collector', async () => {
    const context = await humanContext();
    const requests = capture(context);
    const page = await context.newPage();
    const watch = watchPage(page);
    const shop = new URL(server().shopUrl).origin;
    const collector = new URL(server().tailorUrl).origin;

    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    await debug(page, 'syncNow'); // pulls the merchant policy (and the coupon book)
    await page.locator('[data-testid="nav-category"]').first().click();
    await page.waitForLoadState('load');
    await openFirstProduct(page);
    await page.locator('[data-testid="add-to-cart"]').click();
    await page.locator('[data-testid="search-input"]').fill('espresso');
    await page.locator('[data-testid="search-submit"]').click();
    await page.waitForURL(/search/);
    await openFirstProduct(page);

    // The offer: exit intent on a product page, once the model is loaded (it loads on idle; a loaded CI
    // machine may not have been idle yet).
    const model = (await debug<{ state: string }>(page, 'model'));
    expect(model.state, JSON.stringify(model)).toBe('ready');
    await debug(page, 'trigger', 'exit_intent');
    const code = page.locator('[data-tailor-banner] >> [data-part="code"]');
    const shown = await expect.poll(() => code.count(), { timeout: 15_000 }).toBe(1).then(() => true, () => false);
    if (!shown) {
      const decisions = await readStore<Record<string, unknown>>(page, 'decisions');
      throw new Error(`no banner; decisions: ${JSON.stringify(decisions.map((d) => [d.kind, d.tier, d.shown, d.reason]))}`);
    }
    const couponCode = (await code.textContent())!.trim();
    await page.locator('[data-tailor-banner] >> [data-part="copy"]').click();

    // Redeem and purchase.
    await applyCoupon(page, couponCode);
    for (const [id, value] of [['checkout-name', 'Ada Lovelace'], ['checkout-email', 'ada@example.com'], ['checkout-address', '1 Way'], ['checkout-city', 'London'], ['checkout-postcode', 'N1 1AA']]) {
      await page.locator(`[data-testid="${id}"]`).fill(value!);
    }
    await page.locator('[data-testid="place-order"]').click();
    await page.waitForURL(/thank-you/);
    await ready(page);

    // A second visit, then the reports: outcome window (24 h) and send delay (≤ 6 h). The debug clock
    // belongs to the page's worker, so it is moved after the last navigation.
    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    await debug(page, 'advanceClock', 25 * HOUR);
    await debug(page, 'syncNow');
    await debug(page, 'advanceClock', 7 * HOUR);
    await debug(page, 'syncNow');

    const events = await readStore(page);
    const decisions = await readStore<{ id: string }>(page, 'decisions');
    expect(events.some((e) => e.name === 'purchase')).toBe(true);

    // 1. Where: the shop's own origin, Tailor's static files, the declared collector endpoints.
    // The coupon is redeemed by the shop's own backend (POST /api/coupon on the shop's origin, with the server key):
    // the page never calls Tailor's redeem, and Tailor's checkout endpoints are not the devices' API.
    const declared = new Set(['POST /v1/coupons/book', 'POST /v1/reports', 'GET /v1/config']);
    const applied = requests.filter((r) => r.url.origin === shop && r.url.pathname === '/api/coupon');
    expect(applied.length).toBeGreaterThan(0);
    for (const r of applied) expect(Object.keys(JSON.parse(r.body!)).sort()).toEqual(['code', 'orderValue']);
    for (const r of requests) {
      if (r.url.origin === shop) continue;
      expect(r.url.origin, r.url.href).toBe(collector);
      if (r.url.pathname.startsWith('/sdk/')) {
        expect(r.method, r.url.href).toBe('GET');
        continue;
      }
      expect(declared.has(`${r.method} ${r.url.pathname}`), `${r.method} ${r.url.pathname}`).toBe(true);
    }
    const outbound = requests.filter((r) => r.url.origin === collector && !r.url.pathname.startsWith('/sdk/'));
    const reports = outbound.filter((r) => r.url.pathname === '/v1/reports');
    expect(reports.length).toBeGreaterThan(0);

    // 2. What: exactly the declared fields, each report valid, every key fresh.
    const keys: string[] = [];
    for (const r of outbound) {
      if (r.url.pathname === '/v1/config') {
        expect([...r.url.searchParams.keys()]).toEqual(['site']);
        expect(r.body).toBeNull();
      } else if (r.url.pathname === '/v1/coupons/book') {
        expect(Object.keys(JSON.parse(r.body!)).sort()).toEqual(['site', 'tiers']);
      } else {
        const body = JSON.parse(r.body!) as { site: string; reports: unknown[] };
        expect(Object.keys(body).sort()).toEqual(['reports', 'site']);
        for (const report of body.reports) {
          expect(validateReport(report).ok, JSON.stringify(report)).toBe(true);
          keys.push((report as { idempotencyKey: string }).idempotencyKey);
        }
      }
    }
    expect(new Set(keys).size).toBe(keys.length);

    // 3. Nothing identifying or behavioural in clear: names, paths, product ids, the query, local ids.
    const tailorPayloads = outbound.map((r) => `${r.url.search} ${r.body ?? ''}`).join('\n');
    const forbidden = [
      ...EVENT_NAMES_FOR_TEST,
      'espresso',
      '/product/',
      '/category/',
      'ada@example.com',
      ...events.flatMap((e) => [e.id, e.session_id, e.props.product_id].filter((x): x is string => typeof x === 'string' && x.length > 3)),
      ...decisions.map((d) => d.id),
    ];
    for (const needle of forbidden) expect(tailorPayloads.includes(needle), `payload contains ${needle}`).toBe(false);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('with Global Privacy Control on, nothing is sent at all (and local personalisation may go on)', async () => {
    const context = await humanContext(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const requests = capture(context);
    const page = await context.newPage();
    await page.goto(`${server().shopUrl}/`);
    const state = await ready<{ health: { consent: { store: boolean; sync: boolean } } }>(page);
    expect(state.health.consent).toMatchObject({ store: true, sync: false });
    await openFirstProduct(page);
    await debug(page, 'trigger', 'exit_intent');
    await debug(page, 'advanceClock', 32 * HOUR);
    await debug(page, 'syncNow');
    await page.waitForTimeout(500);
    const collector = new URL(server().tailorUrl).origin;
    const sent = requests.filter((r) => r.method !== 'GET' || (r.url.origin === collector && !r.url.pathname.startsWith('/sdk/')));
    expect(sent.map((r) => `${r.method} ${r.url.href}`)).toEqual([]);
    // Stored locally all the same.
    expect((await readStore(page)).some((e) => e.name === 'page_view')).toBe(true);
    await context.close();
  });
});

describe('retention in practice', () => {
  it('31 days later old events are gone, and features and decisions no longer use them', async () => {
    const context = await humanContext();
    const page = await context.newPage();
    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    await openFirstProduct(page);
    await page.locator('[data-testid="add-to-cart"]').click();
    await expect.poll(async () => (await readStore(page)).some((e) => e.name === 'add_to_cart'), { timeout: 10_000 }).toBe(true);
    const before = await readStore(page);
    const full = (await debug<{ raw: Record<string, unknown> }>(page, 'features', true)).raw;
    expect(full.ProductRelated).toBeGreaterThan(0);

    // The debug clock belongs to this page's worker: move it, then the next write (a new visit, 31 days on)
    // triggers the retention sweep.
    await debug(page, 'advanceClock', 31 * DAY);
    await page.evaluate(() => (window as any).tailor.track('new_visit', {}));
    await expect.poll(async () => (await readStore(page)).filter((e) => before.some((b) => b.id === e.id)).length, { timeout: 10_000 }).toBe(0);

    const after = (await debug<{ raw: Record<string, unknown> }>(page, 'features', true)).raw;
    // Only the new visit remains: no product pages, no cart history.
    expect(after.ProductRelated).toBe(0);
    expect(after.cart_abandons ?? 0).toBe(0);
    // A decision now records features computed without the old events. (An offer from the first page view may
    // still be on screen: one banner per tab, so close it — dismiss, then close the feedback question.)
    const close = page.locator('[data-tailor-banner] >> [data-part="dismiss"]');
    for (let i = 0; i < 3 && (await close.count()) > 0; i++) await close.click();
    await debug(page, 'trigger', 'exit_intent');
    const decisions = await readStore<{ ts: number; features?: Record<string, unknown> }>(page, 'decisions');
    const latest = decisions.at(-1)!;
    expect(latest.ts).toBeGreaterThan(Math.max(...before.map((e) => e.ts)) + 30 * DAY);
    expect(latest.features!.ProductRelated).toBe(0);
    await context.close();
  });
});
