/**
 * Tracker and store figures, measured in headless Chromium on the demo shop:
 * - main-thread cost of one `tailor.track` call (validate + scrub + enqueue),
 *   median over batches of 200 calls;
 * - worker ingest rate: 10,000 events tracked at once until all are in
 *   IndexedDB (batched writes, one transaction per batch);
 * - the IndexedDB size of that 10,000-event history (Chromium's own
 *   `navigator.storage.estimate()` usage for IndexedDB, before vs after).
 */
import { launchChromium } from '../test/e2e/lib/chromium';
import { figure, type Benchmark, type Figure } from './lib/figure';

export const benchmark: Benchmark = {
  title: 'Tracker and store',
  async run(ctx) {
    const browser = await launchChromium();
    const out: Figure[] = [];
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${ctx.shopUrl}/`);
      await page.evaluate(() => (window as any).tailor.ready());
      const perEventUs = await page.evaluate(async (batches: number) => {
        const t = (window as any).tailor;
        const samples: number[] = [];
        for (let b = 0; b < batches; b++) {
          const start = performance.now();
          for (let i = 0; i < 200; i++) t.track('bench_click', { i, label: 'add to wishlist', value: 12.5 });
          samples.push(((performance.now() - start) / 200) * 1000);
          await new Promise((r) => setTimeout(r, 20));
        }
        return samples;
      }, ctx.quick ? 10 : 30);
      out.push(figure('main-thread cost per tracked event', 'µs', perEventUs, 'tailor.track(): validate, scrub, enqueue; batches of 200'));

      const count = () =>
        page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const req = indexedDB.open('tailor');
              req.onsuccess = () => {
                const c = req.result.transaction('events').objectStore('events').count();
                c.onsuccess = () => {
                  req.result.close();
                  resolve(c.result);
                };
              };
            }),
        );
      const usage = () => page.evaluate(async () => ((await navigator.storage.estimate()) as any).usageDetails?.indexedDB ?? 0);
      const rates: number[] = [];
      let bytes = 0;
      for (let run = 0; run < (ctx.quick ? 1 : 3); run++) {
        const before = await count();
        const usageBefore = await usage();
        const n = 10_000;
        const started = Date.now();
        await page.evaluate((k: number) => {
          const t = (window as any).tailor;
          for (let i = 0; i < k; i++) t.track('bench_ingest', { i, sku: `SKU-${i % 500}`, price: (i % 97) + 0.99 });
        }, n);
        while ((await count()) < before + n) await page.waitForTimeout(25);
        rates.push((n / (Date.now() - started)) * 1000);
        if (run === 0) bytes = (await usage()) - usageBefore;
      }
      out.push(figure('worker ingest rate (10,000 events tracked at once)', 'events/s', rates, 'from the first track() call until all are counted in IndexedDB'));
      out.push(figure('IndexedDB size of a 10,000-event history', 'bytes', [bytes], 'navigator.storage.estimate() usageDetails.indexedDB delta'));
      await context.close();
    } finally {
      await browser.close();
    }
    return out;
  },
};
