/**
 * What one shopper's device sends to the collector in a typical day: one
 * visit (home → product, exit intent → a decision), then the worker's clock
 * is moved past the outcome window and the longest send delay and the
 * device syncs. Every request Tailor makes (page or worker) is captured on
 * the network and counted as HTTP/1.1 puts it on the wire: request line,
 * headers and body. Median over several shoppers, each a fresh browser
 * profile. The debug `syncNow` pulls the config on every call (the worker's
 * own rounds pull it at most hourly), so the all-requests figure is an upper
 * bound for a day with two sync rounds; the upload figure is the reports alone.
 *
 * Runs its own server: the tag needs `data-debug` to move the device clock.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/e2e/lib/chromium';
import { startServer, type RunningServer } from '../test/e2e/lib/server';
import { captureTailorRequests, requestBytes } from '../scripts/simulate/lib/capturedRequests';
import { openVia } from '../scripts/simulate/lib/shopJourney';
import { assertDebugHooks, deliverReports, fireUntilDecided, tailorReady } from '../scripts/simulate/lib/tailorPage';
import { asHuman } from '../test/e2e/lib/asHuman';
import { figure, type Benchmark, type Figure } from './lib/figure';

/** What one shopper-day sent. */
interface Day {
  requests: number;
  bytes: number;
  uploadBytes: number;
  reports: number;
}

async function shopperDay(browser: Browser, server: RunningServer): Promise<Day> {
  const context = await browser.newContext();
  try {
    await asHuman(context);
    const captured = captureTailorRequests(context, server.tailorUrl);
    const page = await context.newPage();
    await page.goto(`${server.shopUrl}/`);
    await tailorReady(page);
    await assertDebugHooks(page);
    await openVia(page, '[data-testid="product-link"]');
    await fireUntilDecided(page, 'exit_intent');
    const delivery = await deliverReports(page);
    if (delivery.sent === 0) throw new Error(`sync bench: no report was delivered (${JSON.stringify(delivery)})`);
    const sizes = await Promise.all(captured.map(requestBytes));
    const uploads = captured.flatMap((r, i) => (r.method === 'POST' && r.path === '/v1/reports' ? [sizes[i]!] : []));
    return { requests: captured.length, bytes: sizes.reduce((a, b) => a + b, 0), uploadBytes: uploads.reduce((a, b) => a + b, 0), reports: delivery.sent };
  } finally {
    await context.close();
  }
}

export const benchmark: Benchmark = {
  title: 'Sync',
  async run(ctx) {
    const server = await startServer({ TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }) });
    const browser = await launchChromium();
    const days: Day[] = [];
    try {
      for (let i = 0; i < (ctx.quick ? 3 : 7); i++) days.push(await shopperDay(browser, server));
    } finally {
      await browser.close();
      await server.stop();
    }
    const reports = days.map((d) => d.reports);
    const note = `one visit with a decision, then the outcome window and send delay pass; ${Math.min(...reports)}–${Math.max(...reports)} report(s) per shopper`;
    const out: Figure[] = [
      figure('sync: bytes sent per shopper per day (all requests to the collector)', 'bytes', days.map((d) => d.bytes), `${note}; request line + headers + body; config pulls forced by syncNow included`),
      figure('sync: report upload bytes per shopper per day', 'bytes', days.map((d) => d.uploadBytes), `${note}; POST /v1/reports only`),
      figure('sync: requests per shopper per day', 'requests', days.map((d) => d.requests), note),
    ];
    return out;
  },
};
