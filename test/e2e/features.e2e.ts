/**
 * Issue 4, parity: one recorded shopper log (test/unit/sessionFeatures/lib/shopperLog.ts, generated) goes to the
 * worker in real Chromium — replayed through `tailor.debug.ingest`, after the page's own page view, so its events
 * arrive out of store order, then a tail that is folded incrementally — and to the Node path (validate, store
 * order, `computeFeatures`, the bundle's vectorizer). The raw and standardised vectors must agree within 1e-6,
 * incremental and full. Browser and Node both run in Asia/Shanghai, so local-time features (Month, Weekend,
 * SpecialDay) are compared away from UTC whatever the machine's zone.
 */
process.env.TZ = 'Asia/Shanghai'; // Node re-reads TZ when it is assigned; set before any Date is made here.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { asHuman } from './lib/asHuman';
import { debug } from './lib/debug';
import { ready } from './lib/ready';
import { detectBot } from '../../src/core/sessionFeatures';
import { createVectorizer } from '../../src/core/features/vectorize';
import type { RawFeatureRecord } from '../../src/core/features/definition';
import type { AuditData, FeatureView, WireEvent } from '../../src/worker/protocol';
import { shopperLog } from '../unit/sessionFeatures/lib/shopperLog';
import { featureDelta } from '../unit/sessionFeatures/lib/featureDelta';
import { nodeFeatureRecord } from '../unit/sessionFeatures/lib/nodeFeatureRecord';

const ZONE = 'Asia/Shanghai';
// Triggers kept quiet (the return visit would show an offer mid-test, whose events would interleave the tail's).
// No page-value table: a config pulled mid-test would reprice PageValues between two reads this test compares
// (pricing with a table has its own test, pageValues.e2e.ts).
const { server, browser } = useShop({ env: { TAILOR_PAGE_VALUES: 'none', TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '', 'data-triggers': 'idle-cart:3600' }) } });

const features = (page: Page, full: boolean) => debug<FeatureView>(page, 'features', full);

describe('feature parity: Node and the browser worker', () => {
  it('one recorded log gives the same raw and standardised vectors (|Δ| ≤ 1e-6), incremental and full', async () => {
    // A shopper, not a bot: Playwright sets navigator.webdriver, which would only change the bot verdict.
    const context = await asHuman(await browser().newContext({ timezoneId: ZONE }));
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server().shopUrl}/`);
    await ready(page);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(ZONE);
    const model = (await debug(page, 'model')) as { state: string; model?: { kind: string; version: string } };
    expect(model.state).toBe('ready');
    await features(page, false); // the running features exist before the log arrives

    const pageNow = (await page.evaluate(() => Date.now())) as number;
    const log = shopperLog({ end: pageNow - 90_000, seed: 21, sessions: 6 });
    for (let i = 0; i < log.length; i += 25) await debug(page, 'ingest', log.slice(i, i + 25));
    const afterLog = await features(page, false);
    expect(afterLog.timing.rebuilt).toBe(true); // older than the page view already folded: rebuilt once

    // The rest of the current visit arrives one event at a time and is folded, not rescanned. Each event is
    // stamped as it is sent, so it is the newest in the store, as a live tracker's events are. (Stamped in the
    // past instead, a tail event can predate the page view this page's tracker wrote moments earlier: how much
    // earlier depends on how fast the machine got here, and an event older than one already folded rightly
    // forces a rebuild. That is what made this test fail on fast machines.)
    const storedBefore = ((await page.evaluate(() => (window as any).tailor.audit())) as AuditData).events as WireEvent[];
    const newestBefore = Math.max(...storedBefore.map((e) => e.ts));
    const path = '/products/tea-4';
    const unstamped = [
      { id: 'tail-0', name: 'page_view', page_type: 'product', path, props: { page_type: 'product', path } },
      { id: 'tail-1', name: 'product_view', page_type: 'product', path, props: { product_id: 'tea-4', name: 'tea-4', price: 24, sale_price: 19, category: 'Tea' } },
      { id: 'tail-2', name: 'add_to_cart', page_type: 'product', path, props: { items: [{ id: 'tea-4', price: 19, quantity: 2, category: 'Tea' }], value: 38 } },
      { id: 'tail-3', name: 'dwell', page_type: 'product', path, props: { active_ms: 700 } },
    ];
    const tail: WireEvent[] = [];
    for (const e of unstamped) {
      const event = { ...e, ts: (await page.evaluate(() => Date.now())) as number } as WireEvent;
      expect(event.ts).toBeGreaterThanOrEqual(newestBefore);
      tail.push(event);
      await debug(page, 'ingest', [event]);
      const view = await features(page, false);
      expect(view.timing.rebuilt).toBe(false);
      expect(view.timing.lastFoldMs).toEqual(expect.any(Number));
    }

    const incremental = await features(page, false);
    const full = await features(page, true);
    const audit = (await page.evaluate(() => (window as any).tailor.audit())) as AuditData;
    const stored = audit.events as WireEvent[];
    const replayed = new Set([...log, ...tail].map((e) => e.id));
    // Besides the log, the store holds only what this page's own tracker captured (its page view, engagement).
    const own = stored.filter((e) => !replayed.has(e.id));
    expect(own.map((e) => e.name)).toContain('page_view');
    expect(own.every((e) => ['page_view', 'scroll_depth', 'dwell', 'exit_intent'].includes(e.name))).toBe(true);

    for (const view of [incremental, full]) {
      const node = nodeFeatureRecord([...log, ...tail, ...own], view.inputs);
      const delta = featureDelta(view.raw as RawFeatureRecord, node.raw);
      console.log(`feature parity (${view.mode}): worst |Δ| raw = ${delta.worst.toExponential(2)} over ${Object.keys(node.raw).length} features, ${node.kept.length} events`);
      expect(delta.mismatched).toEqual([]);
      expect(delta.worst).toBeLessThanOrEqual(1e-6);

      // Standardised with the statistics of the bundle the worker loaded.
      const bundlePath = model.model?.kind === 'purchase' ? 'models/bundle.json' : 'models/discount-response/bundle.json';
      const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as { stats: unknown };
      const vectorizer = createVectorizer(bundle.stats);
      const expected = Array.from(vectorizer.vectorize(node.raw));
      expect(view.standardized?.names).toEqual([...vectorizer.columns]);
      const worst = Math.max(...expected.map((x, i) => Math.abs(x - view.standardized!.values[i]!)));
      console.log(`feature parity (${view.mode}): worst |Δ| standardised = ${worst.toExponential(2)} over ${expected.length} columns`);
      expect(worst).toBeLessThanOrEqual(1e-6);

      // The bot verdict reads the current session as the store grouped it.
      const sessionOf = (e: WireEvent) => (e as WireEvent & { session_id?: string }).session_id;
      const session = stored.filter((e) => sessionOf(e) === sessionOf(stored[stored.length - 1]!));
      expect(view.bot).toBe(detectBot(session, { webdriver: false }).bot);
    }
    // The log makes the comparison mean something: history, offers and the current cart all count.
    expect(full.raw).toMatchObject({ VisitorType: 'Returning_Visitor' });
    expect(full.raw.frequency).toBeGreaterThanOrEqual(1);
    expect(full.raw.offer_response).not.toBeNull();
    expect(full.raw.ProductRelated).toBeGreaterThan(1);

    // The next page restores the running features the worker saved, instead of reading every event again, and
    // they still equal the Node computation over every stored event (the next page's own page view included).
    await page.waitForTimeout(2500); // the save follows the last fold by 2 s
    await page.reload();
    await page.evaluate(() => (window as any).tailor.ready());
    const next = await features(page, false);
    expect(next.timing.lastBuild?.from).toBe('snapshot');
    // Against Node over what is stored now, at the view's own clock (two reads ms apart differ in recency).
    const storedNow = ((await page.evaluate(() => (window as any).tailor.audit())) as AuditData).events as WireEvent[];
    const delta = featureDelta(next.raw as RawFeatureRecord, nodeFeatureRecord(storedNow, next.inputs).raw);
    console.log(`feature parity (restored on the next page): worst |Δ| raw = ${delta.worst.toExponential(2)}; build ${next.timing.lastBuild?.ms.toFixed(1)} ms`);
    expect(delta.mismatched).toEqual([]);
    expect(delta.worst).toBeLessThanOrEqual(1e-6);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
