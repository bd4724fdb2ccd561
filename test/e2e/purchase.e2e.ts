/**
 * Issue 15, the purchase itself: a foreign shop whose checkout pushes a GTM-style `purchase` into the dataLayer
 * (or calls gtag) in the form's submit handler and then navigates to the thank-you page, the most common way
 * shops report a sale. The purchase must be stored in every journey, also when the tag on the checkout page has
 * not finished loading when the shopper submits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useShop } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { readStore } from './lib/idb';

const JOURNEYS = Number(process.env.TAILOR_PURCHASE_JOURNEYS ?? 50);
const { server, browser } = useShop({ env: {} });

/** The checkout page: the purchase is pushed in the submit handler, then the browser navigates. */
function checkoutPage(tag: string, style: 'push' | 'gtag', tx: string): string {
  const purchase = { transaction_id: tx, value: 24, currency: 'EUR', items: [{ item_id: 'longjing', item_name: 'Longjing', price: 12, quantity: 2 }] };
  const report = style === 'push'
    ? `window.dataLayer.push({ ecommerce: null }); window.dataLayer.push({ event: 'purchase', ecommerce: ${JSON.stringify(purchase)} });`
    : `gtag('event', 'purchase', ${JSON.stringify(purchase)});`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title>
    <script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }</script>${tag}</head>
    <body><form action="/thank-you" method="get" id="f"><input name="tx" value="${tx}"><button data-testid="pay">Pay</button></form>
    <script>document.getElementById('f').addEventListener('submit', () => { ${report} });</script></body></html>`;
}

let shop: Server;
let shopUrl = '';
beforeAll(async () => {
  const tag = `<script async src="${server().tailorUrl}/sdk/tailor.js" data-site="demo" data-consent="granted"></script>`;
  shop = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
    if (url.pathname === '/thank-you') return res.end(`<!doctype html><html><head><title>Thanks</title>${tag}</head><body><h1>Thank you</h1></body></html>`);
    res.end(checkoutPage(tag, url.searchParams.get('style') === 'gtag' ? 'gtag' : 'push', url.searchParams.get('tx') ?? 'T'));
  });
  await new Promise<void>((done) => shop.listen(0, '127.0.0.1', done));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((done) => shop.close(() => done())));

/** One journey on a fresh device; resolves with whether the purchase with `tx` was stored. */
async function journey(tx: string, style: 'push' | 'gtag', slowRuntime: boolean): Promise<boolean> {
  const context = await asHuman(await browser().newContext());
  try {
    // A slow network for Tailor's runtime chunk: the shopper pays before the tag on the checkout page is up.
    if (slowRuntime) await context.route(/\/sdk\/assets\/runtime-/, async (route) => (route.request().frame().url().includes('/thank-you') ? route.continue() : setTimeout(() => void route.continue().catch(() => {}), 3000)));
    const page = await context.newPage();
    await page.goto(`${shopUrl}/checkout?style=${style}&tx=${tx}`, { waitUntil: slowRuntime ? 'domcontentloaded' : 'load' });
    if (!slowRuntime) await page.evaluate(() => (window as any).tailor.ready());
    await page.getByTestId('pay').click();
    await page.waitForURL(/thank-you/);
    await page.evaluate(() => (window as any).tailor.ready());
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline) {
      const events = await readStore<{ name: string; props: { transaction_id?: string } }>(page).catch(() => []);
      if (events.some((e) => e.name === 'purchase' && e.props.transaction_id === tx)) return true;
      await page.waitForTimeout(200);
    }
    return false;
  } finally {
    await context.close();
  }
}

describe('a purchase pushed right before navigation', () => {
  it.each([false, true])(`is stored in ${JOURNEYS} of ${JOURNEYS} journeys (tag still loading: %s)`, async (slowRuntime) => {
    let stored = 0;
    for (let i = 0; i < JOURNEYS; i++) if (await journey(`T${slowRuntime ? 'S' : 'F'}${i}`, i % 2 ? 'gtag' : 'push', slowRuntime)) stored++;
    expect(stored).toBe(JOURNEYS);
  }, 600_000);
});
