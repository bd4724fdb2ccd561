/**
 * One synthetic shopper, start to finish, on a device new to Tailor: browse
 * the demo shop as the sampled session did, show exit intent, read the banner if Tailor shows one, decide to buy by the
 * session's label plus the configured true response to the tier shown, pay
 * with the code, then let a day and a half pass on the device's clock so its
 * reports are made and delivered. Everything the summary calls "true" is
 * recorded here, from what happened, never from what the collector says.
 */
import type { Page } from 'playwright-core';
import type { Rng } from '../../src/core/lib/random';
import type { Arm } from '../../src/core/privacy';
import { armOf, type ReportableDecision } from '../../src/worker/sync/outcomes';
import { readStore } from '../../test/e2e/lib/idb';
import { checkout, openRandomProduct } from './lib/shopJourney';
import { resetDevice } from './lib/freshDevice';
import { assertDebugHooks, bannerCode, deliverReports, fireUntilDecided, readDecisions, tailorReady, type Delivery } from './lib/tailorPage';
import { conversionOfNonBuyers, type ShopperProfile } from './uciSessions';
import type { TrueUplift } from './options';

/** What the simulation needs to know to run a shopper. */
export interface ShopperEnv {
  shopUrl: string;
  /** Products a shopper may land on (from {@link buyableProducts}). */
  products: readonly string[];
  uplift: TrueUplift;
  /** Purchase rate of the sessions without an offer (for the exact added probability). */
  baseRate: number;
}

/** One report the device sent, with the truth behind it. */
export interface TrueReport {
  arm: Arm;
  /** Whether the shopper bought within the decision's outcome window. */
  purchased: boolean;
}

/** What happened to one shopper. */
export interface ShopperResult {
  profile: ShopperProfile;
  /** Tier of the offer shown, 0 when none was. */
  tierShown: number;
  bought: boolean;
  /** Bought because of the offer (would not have bought without it). */
  boughtBecauseOfOffer: boolean;
  /** The coupon message at checkout, when a code was applied. */
  couponMessage: string;
  reports: TrueReport[];
  delivery: Delivery;
}

/**
 * Runs one shopper on `page`, first made a new device (a lane of the pool
 * reuses its browser context); `rng` draws the route and the purchase.
 */
export async function runShopper(env: ShopperEnv, page: Page, profile: ShopperProfile, rng: Rng): Promise<ShopperResult> {
  await resetDevice(page, env.shopUrl);
  // Shoppers land on a product page (from search or an ad), then follow related products.
  const landing = env.products[Math.min(env.products.length - 1, Math.floor(rng() * env.products.length))]!;
  await page.goto(`${env.shopUrl}/product/${landing}`);
  await tailorReady(page);
  await assertDebugHooks(page);
  await page.waitForTimeout(profile.dwellMs);
  for (let i = 1; i < profile.productPages; i++) {
    await openRandomProduct(page, rng);
    await page.waitForTimeout(profile.dwellMs);
  }
  await fireUntilDecided(page, 'exit_intent');
  const code = await bannerCode(page);
  const shown = code === null ? undefined : (await readDecisions(page)).find((d) => d.shown && d.code === code);
  const tierShown = shown?.tier ?? 0;

  const becauseOfOffer = !profile.buys && tierShown > 0 && rng() < conversionOfNonBuyers(env.uplift, tierShown, env.baseRate);
  const bought = profile.buys || becauseOfOffer;
  let couponMessage = '';
  let boughtAt = Number.POSITIVE_INFINITY;
  if (bought) {
    await page.locator('[data-testid="add-to-cart"]').click();
    couponMessage = await checkout(page, tierShown > 0 ? code : null);
    boughtAt = (await readStore(page)).find((e) => e.name === 'purchase')!.ts;
  }

  // The reports go out from the page the shopper ended on (a navigation would reset the worker's clock).
  const delivery = await deliverReports(page);
  const reported = (await readDecisions(page)).filter((d) => d.reported && !d.reportSkipped);
  // The device's outcome window starts at the decision: a purchase before it is not this report's.
  const reports = reported.map((d) => ({ arm: armOf(d as unknown as ReportableDecision), purchased: bought && d.ts <= boughtAt }));
  return { profile, tierShown, bought, boughtBecauseOfOffer: becauseOfOffer, couponMessage, reports, delivery };
}
