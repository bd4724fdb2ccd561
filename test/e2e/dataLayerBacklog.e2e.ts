/**
 * Issue 15: a long-lived page's dataLayer of 10,000 entries is read in idle slices (the bench reports the long
 * tasks and script time that saves), and nothing of it is lost: navigating away the moment the runtime is up, on
 * a page too busy to ever be idle, still stores every ecommerce event of the backlog, in order with what the page
 * pushes afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useShop } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { readStore } from './lib/idb';

const ENTRIES = 10_000;
// Under the page-hide buffer's stated cap (the newest 200 events, src/sdk/lib/pendingBuffer.ts).
const PRODUCTS = 125;
const { server, browser } = useShop({ env: {} });

/** A backlog of GTM noise with {@link PRODUCTS} distinct `view_item` pushes spread through it. */
function backlogScript(): string {
  return `<script>window.dataLayer = [];
    for (let i = 0; i < ${ENTRIES}; i++) {
      if (i % ${ENTRIES / PRODUCTS} === 0) dataLayer.push({ event: 'view_item', ecommerce: { currency: 'EUR', value: 10, items: [{ item_id: 'p' + i, item_name: 'P' + i, price: 10 }] } });
      else dataLayer.push({ event: 'gtm.timer', 'gtm.timerId': i });
    }
    // Never idle: 40 ms of work every 45 ms, so only the first slice and the page-hide flush read the backlog.
    setInterval(() => { const end = performance.now() + 40; while (performance.now() < end); }, 45);
  </script>`;
}

let shop: Server;
let shopUrl = '';
beforeAll(async () => {
  const tag = `<script async src="${server().tailorUrl}/sdk/tailor.js" data-site="demo" data-consent="granted" data-debug></script>`;
  shop = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
    if (req.url === '/next') return res.end(`<!doctype html><html><head><title>Next</title>${tag}</head><body>next</body></html>`);
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Busy</title>${backlogScript()}${tag}</head><body>busy</body></html>`);
  });
  await new Promise<void>((done) => shop.listen(0, '127.0.0.1', done));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((done) => shop.close(() => done())));

describe('a 10,000-entry dataLayer', () => {
  it('loses nothing when the shopper leaves the moment the runtime is up, on a page that is never idle', async () => {
    const context = await asHuman(await browser().newContext());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${shopUrl}/`, { waitUntil: 'domcontentloaded' });
    // The real API carries the debug hooks; the stub does not. Push one entry after the backlog, then leave.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const t = setInterval(() => {
            if (!(window as any).tailor?.debug) return;
            clearInterval(t);
            (window as any).dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 10, items: [{ item_id: 'after', item_name: 'After', price: 10 }] } });
            location.href = '/next';
            done();
          }, 0);
        }),
    );
    await page.waitForURL(/\/next$/);
    await page.evaluate(() => (window as any).tailor.ready());
    type Stored = { name: string; ts: number; props: { product_id?: string; items?: { id: string }[] } };
    let events: Stored[] = [];
    const viewed = () => new Set(events.filter((e) => e.name === 'product_view').map((e) => e.props.product_id)).size;
    await expect
      .poll(async () => {
        events = await readStore<Stored>(page).catch(() => []);
        return viewed();
      }, { timeout: 15_000 })
      .toBe(PRODUCTS);
    const cart = events.find((e) => e.name === 'add_to_cart');
    expect(cart, 'the push after the backlog').toBeDefined();
    // Read in order: the later push is stamped after every backlog entry.
    expect(Math.max(...events.filter((e) => e.name === 'product_view').map((e) => e.ts))).toBeLessThanOrEqual(cart!.ts);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
