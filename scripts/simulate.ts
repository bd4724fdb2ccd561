/**
 * `npm run simulate`: synthetic shoppers, sampled from real UCI sessions,
 * shop on the demo store in headless Chromium with Tailor on every page; the
 * simulation knows the true response to each discount tier, the collector
 * only sees the devices' noised reports. At the end the server recomputes
 * its policy config and the script prints, per arm, the TRUE uplift next to
 * the ESTIMATED one, and the dashboard's URL.
 *
 * Builds nothing (the npm script runs `npm run build` first). Starts the real
 * server on free ports with a fresh database, the shop's tag with
 * `data-debug` (so the device's clock can be moved past the outcome window)
 * and upload limits high enough for one machine playing every shopper.
 * See `--help` (scripts/simulate/options.ts) for the flags.
 */
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveSeed, mulberry32 } from '../src/core/lib/random';
import type { Page } from 'playwright-core';
import { asHuman } from '../test/e2e/lib/asHuman';
import { launchChromium } from '../test/e2e/lib/chromium';
import { startServer } from '../test/e2e/lib/server';
import { readCollectorDb } from './simulate/lib/collectorDb';
import { progressBar } from './simulate/lib/progress';
import { buyableProducts } from './simulate/lib/shopJourney';
import { runPool } from './simulate/lib/pool';
import { parseSimulateArgs } from './simulate/options';
import { runShopper, type ShopperResult } from './simulate/shopper';
import { formatSummary, summarise, type PublishedGroup } from './simulate/summary';
import { readUciSessions, revenueRate, sampleShoppers } from './simulate/uciSessions';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let options;
try {
  options = parseSimulateArgs(process.argv.slice(2), root);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const sessions = readUciSessions(options.data);
const baseRate = revenueRate(sessions);
const profiles = sampleShoppers(sessions, options.shoppers, mulberry32(deriveSeed(options.seed, 'profiles')));
const adminToken = randomBytes(16).toString('hex');
const site = 'demo';

const server = await startServer({
  TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }),
  // One machine plays every shopper from one address: the per-client limits would throttle the simulation itself.
  TAILOR_REPORT_RATE_LIMIT: '1000000',
  TAILOR_BOOK_RATE_LIMIT: '1000000',
  TAILOR_ADMIN_TOKEN: adminToken,
});
// Images are decoration here; not decoding them keeps two shared cores on the shopping.
const browser = await launchChromium(['--blink-settings=imagesEnabled=false']);
const lanes: (Page | null)[] = [];
/** The lane's page, in a browser context that is reused shopper after shopper (each starts as a new device). */
const laneContext = async (lane: number): Promise<Page> => {
  if (lanes[lane]) return lanes[lane]!;
  const context = await browser.newContext();
  await asHuman(context);
  return (lanes[lane] = await context.newPage());
};
const started = Date.now();
try {
  console.log(`Simulating ${options.shoppers} shoppers (${options.parallel} at a time) from ${sessions.length} UCI sessions (purchase rate ${(baseRate * 100).toFixed(1)} %);`);
  console.log(`true response to a shown offer: ${Object.entries(options.uplift).map(([t, u]) => `${t} % → +${(u * 100).toFixed(1)} pp`).join(', ')}.`);
  const bar = progressBar('shoppers', options.shoppers);
  const errors: unknown[] = [];
  let settled = 0;
  const env = { shopUrl: server.shopUrl, products: await buyableProducts(server.shopUrl), uplift: options.uplift, baseRate };
  const outcomes = await runPool(
    options.shoppers,
    options.parallel,
    async (i, lane) => {
      const page = await laneContext(lane);
      try {
        return await runShopper(env, page, profiles[i]!, mulberry32(deriveSeed(options.seed, `shopper-${i}`)));
      } catch (error) {
        // A failed shopper may leave its page in any state: the lane starts over with a new context.
        lanes[lane] = null;
        await page.context().close().catch(() => {});
        throw error;
      }
    },
    (_, outcome) => {
      settled++;
      if (!outcome.ok) errors.push(outcome.error);
      bar.tick(errors.length ? `(${errors.length} failed)` : '');
    },
    // Most shoppers failing means a setup problem (no build, no debug hooks): stop early and say why.
    () => errors.length >= 3 && errors.length * 2 > settled,
  );
  bar.done(`${errors.length} failed`);
  const results = outcomes.flatMap((o) => (o.ok ? [o.value] : [])) as ShopperResult[];
  if (results.length === 0 || errors.length * 2 > settled) {
    throw new Error(`most shoppers failed; the first error: ${errors[0] instanceof Error ? errors[0].stack : String(errors[0])}`);
  }
  for (const e of errors.slice(0, 3)) console.error(`a shopper failed: ${e instanceof Error ? e.message : String(e)}`);

  const recompute = await fetch(`${server.tailorUrl}/v1/config/recompute?site=${site}`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}` } });
  const config = (await recompute.json()) as { version?: string; calibration?: Record<string, number>; exploration?: { weights?: Record<string, number> }; message?: string };
  const estimates = (await (await fetch(`${server.tailorUrl}/v1/estimates?site=${site}`, { headers: { Authorization: `Bearer ${server.demoKeys?.read ?? process.env.TAILOR_READ_KEY ?? ''}` } })).json()) as { groups: PublishedGroup[]; privacy: { k: number } };
  const counters = readCollectorDb(server.dbPath, site);

  const sent = results.reduce((a, r) => a + r.delivery.sent, 0);
  const dropped = results.reduce((a, r) => a + r.delivery.dropped, 0);
  const shown = results.filter((r) => r.tierShown > 0).length;
  console.log('');
  console.log(
    `${results.length} shoppers in ${((Date.now() - started) / 1000).toFixed(0)} s: ${results.filter((r) => r.bought).length} bought ` +
      `(${results.filter((r) => r.boughtBecauseOfOffer).length} because of an offer), ${shown} saw an offer; ` +
      `${sent} reports delivered${dropped ? `, ${dropped} refused` : ''}, the collector holds ${counters.keys.length}.`,
  );
  console.log('');
  console.log(formatSummary(summarise(results, estimates.groups, counters.rows, options.uplift), estimates.privacy.k));
  console.log('');
  if (recompute.ok) {
    console.log(`Policy recomputed: version ${config.version}, calibration ${JSON.stringify(config.calibration)}, exploration weights ${JSON.stringify(config.exploration?.weights)}.`);
  } else {
    console.log(`Policy recompute failed: HTTP ${recompute.status} ${config.message ?? ''}`);
  }
  console.log(`Dashboard: ${server.tailorUrl}/dashboard?site=${site}${server.demoKeys ? ` (sign in with ${server.demoKeys.read})` : ''}`);
  if (options.keep) {
    console.log('Server kept running; Ctrl-C to stop.');
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
  } else {
    console.log(`The server stops now; to look again: TAILOR_DB=${server.dbPath} npm start, then open /dashboard?site=${site}.`);
  }
} finally {
  await browser.close();
  await server.stop();
}
