/**
 * Feature latency for a shopper with 10,000 stored events, in the worker in headless Chromium (issue 4):
 * - full recompute: every stored event read from IndexedDB and `computeFeatures` run from scratch;
 * - first read after a page load: the running features restored from the snapshot the previous page saved,
 *   plus the events since (what each page pays once; a full recompute is what it would pay without one);
 * - incremental update: one new event ingested and folded, then the record read (what each event costs).
 * The worker's timer has 0.1 ms resolution (no cross-origin isolation), so the per-event fold is timed in
 * batches of 100. Figures are the worker's own `performance.now()` spans (`FeatureView.timing`), plus the page's round trip
 * (postMessage, IndexedDB write for the ingest, structured clone back) for the incremental case.
 * The history is a generated shopper log (test/unit/sessionFeatures/lib/shopperLog.ts) of 29 days, replayed
 * through `tailor.debug.ingest`; a server with `data-debug` is started for this benchmark alone.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/lib/chromium';
import { startServer } from '../test/e2e/lib/server';
import { debug } from '../test/e2e/lib/debug';
import { ready } from '../test/e2e/lib/ready';
import { shopperLog } from '../test/unit/sessionFeatures/lib/shopperLog';
import type { FeatureView, WireEvent } from '../src/worker/protocol';
import { figure, median, type Benchmark, type Figure } from './lib/figure';

const HISTORY = 10_000;

/** A page of the shop with Tailor ready and its running features built. */
async function openShop(page: Page, shopUrl: string): Promise<void> {
  await page.goto(`${shopUrl}/`);
  await ready(page);
}

export const benchmark: Benchmark = {
  title: 'Features (10,000 stored events)',
  async run(ctx) {
    // Triggers quiet: an offer mid-measurement would add its own events and decision work.
    const server = await startServer({ TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '', 'data-triggers': 'idle-cart:3600' }) });
    const browser = await launchChromium();
    const out: Figure[] = [];
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await openShop(page, server.shopUrl);
      const now = (await page.evaluate(() => Date.now())) as number;
      const log = shopperLog({ end: now - 120_000, seed: 4, sessions: 260, days: 29 }).slice(-HISTORY);
      if (log.length < HISTORY) throw new Error(`shopperLog made ${log.length} events; raise 'sessions'`);
      for (let i = 0; i < log.length; i += 500) await debug(page, 'ingest', log.slice(i, i + 500));
      const stored = (await page.evaluate(() => (window as any).tailor.audit().then((a: { events: unknown[] }) => a.events.length))) as number;

      const runs = ctx.quick ? 5 : 15;
      const full: number[] = [];
      for (let r = 0; r < runs; r++) full.push(((await debug(page, 'features', true)) as FeatureView).timing.computeMs);
      out.push(figure('features: full recompute, 10,000 stored events', 'ms', full, `worker: IndexedDB read of ${stored} events + computeFeatures`));

      // Each page builds the running features once (on idle, or at the first read): from the snapshot the previous
      // page saved, plus what arrived since; from every stored event only when there is no usable snapshot.
      const restored: number[] = [];
      const fromEvents: number[] = [];
      for (let r = 0; r < runs; r++) {
        await openShop(page, server.shopUrl);
        const view = (await debug(page, 'features', false)) as FeatureView;
        if (view.timing.lastBuild === null) throw new Error('no build after a page load');
        (view.timing.lastBuild.from === 'snapshot' ? restored : fromEvents).push(view.timing.lastBuild.ms);
      }
      if (restored.length === 0) throw new Error('no page load restored the saved features');
      out.push(figure('features: first read after page load (snapshot restored + catch-up)', 'ms', restored, `worker: once per page; ${fromEvents.length} of ${runs} loads had to read every event instead (median ${fromEvents.length ? median(fromEvents).toFixed(1) : '–'} ms)`));

      const fold: number[] = [];
      const read: number[] = [];
      const roundTrip: number[] = [];
      const t0 = (await page.evaluate(() => Date.now())) as number;
      for (let r = 0; r < runs * 4; r++) {
        const path = `/products/tea-${r % 9}`;
        const event = { id: `bench-inc-${r}`, name: 'page_view', ts: t0 + r, page_type: 'product', path, props: { page_type: 'product', path } } as WireEvent;
        const [view, ms] = (await page.evaluate(async (e) => {
          const d = (window as any).tailor.debug;
          const start = performance.now();
          await d.ingest([e]);
          const v = await d.features(false);
          return [v, performance.now() - start];
        }, event)) as [FeatureView, number];
        if (view.timing.rebuilt) throw new Error('an in-order event caused a rebuild');
        if (view.timing.lastFoldMs === null) throw new Error('the ingested event was not folded');
        fold.push(view.timing.lastFoldMs);
        read.push(view.timing.computeMs);
        roundTrip.push(ms);
      }
      // One event folds below the worker's timer resolution (0.1 ms without cross-origin isolation): time batches.
      const perEvent: number[] = [];
      for (let r = 0; r < runs; r++) {
        const batch = Array.from({ length: 100 }, (_, i) => {
          const path = `/products/coffee-${i % 9}`;
          return { id: `bench-batch-${r}-${i}`, name: 'page_view', ts: t0 + runs * 4 + r * 100 + i, page_type: 'product', path, props: { page_type: 'product', path } } as WireEvent;
        });
        await debug(page, 'ingest', batch);
        const view = (await debug(page, 'features', false)) as FeatureView;
        if (view.timing.rebuilt || view.timing.lastFoldMs === null) throw new Error('a 100-event batch was not folded');
        perEvent.push((view.timing.lastFoldMs / 100) * 1000);
      }
      out.push(figure('features: fold cost per event (100-event batches)', 'µs', perEvent, 'worker: accumulator update only'));
      const incremental = fold.map((f, i) => f + read[i]!);
      out.push(figure('features: incremental update (fold one event + read)', 'ms', incremental, `worker: fold median ${median(fold).toFixed(3)} ms + read median ${median(read).toFixed(3)} ms (store count check included)`));
      out.push(figure('features: incremental round trip from the page (ingest 1 event + read)', 'ms', roundTrip, 'page: postMessage, IndexedDB write, fold, read, clone back'));
      out.push(figure('features: full recompute ÷ incremental update', '×', [median(full) / median(incremental)], 'ratio of the medians above, same run'));
      await context.close();
    } finally {
      await browser.close();
      await server.stop();
    }
    return out;
  },
};
