/**
 * Driving Tailor on a shop page from Node through its `data-debug` hooks:
 * fire a trigger until it produced a decision, move the worker's clock past
 * the outcome window and the send delay, and read back what the device
 * stored. Shared by `npm run simulate`, the sync e2e test and the sync
 * benchmark (which make the browser a human's with test/e2e/lib/asHuman).
 *
 * Functions sent into the page are plain arrows on purpose: tsx keeps
 * function names with a helper that does not exist in the page, so a named
 * function or getter inside `evaluate` would throw there.
 */
import type { Page } from 'playwright-core';
import { readStore } from '../../../test/e2e/lib/idb';
import { OUTCOME_WINDOW_MS } from '../../../src/worker/sync/outcomes';
import { SEND_JITTER_MS } from '../../../src/worker/sync/reports';
import type { SyncSummary, Trigger } from '../../../src/worker/protocol';

/** A decision as stored on the device (the fields read here). */
export interface StoredDecision {
  id: string;
  ts: number;
  trigger: string;
  kind: string;
  tier: number;
  shown: boolean;
  code?: string;
  policyVersion?: string;
  reported?: boolean;
  reportSkipped?: string;
}

/** `tailor.ready()`; throws with the reason when the worker did not come up. */
export async function tailorReady(page: Page): Promise<void> {
  const state = (await page.evaluate(() => (window as any).tailor.ready())) as { ok: boolean; reason?: string };
  if (!state.ok) throw new Error(`tailor.ready() failed on ${page.url()}: ${state.reason ?? 'unknown reason'}`);
}

/** Throws unless the tag has `data-debug` and the page API exposes the hooks. */
export async function assertDebugHooks(page: Page): Promise<void> {
  const has = await page.evaluate(() => typeof (window as any).tailor?.debug?.syncNow === 'function');
  if (!has) {
    throw new Error(`window.tailor.debug is missing on ${page.url()}: the tag needs data-debug (TAILOR_SHOP_TAG={"data-debug":""}) and the loader must expose the debug hooks`);
  }
}

/** Moves the worker's clock forward; resolves with the worker's new time. */
export function advanceClock(page: Page, ms: number): Promise<number> {
  return page.evaluate((by) => (window as any).tailor.debug.advanceClock(by), ms) as Promise<number>;
}

/** Runs one sync round now (config pull, reports, delivery). */
export function syncNow(page: Page): Promise<SyncSummary | null> {
  return page.evaluate(() => (window as any).tailor.debug.syncNow()) as Promise<SyncSummary | null>;
}

/** Every decision stored on the device, oldest first. */
export function readDecisions(page: Page): Promise<StoredDecision[]> {
  return readStore<StoredDecision>(page, 'decisions');
}

/** The reports waiting in the outbox. */
export function readOutbox(page: Page): Promise<{ id: string; sendAfter: number; report: Record<string, unknown> }[]> {
  return readStore(page, 'outbox');
}

/** One value of the `meta` store (undefined when absent). */
export function readMeta<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    (name) =>
      new Promise<unknown>((resolve, reject) => {
        const req = indexedDB.open('tailor');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('meta').objectStore('meta').get(name);
          get.onsuccess = () => {
            db.close();
            resolve(get.result);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  ) as Promise<T | undefined>;
}

/** The code shown in Tailor's banner, or null when no banner is on the page. */
export function bannerCode(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-tailor-banner]')?.shadowRoot?.querySelector('[data-part="code"]')?.textContent?.trim() || null);
}

/**
 * Fires `trigger` until the worker stored a decision for it, or an offer is
 * on screen (a live offer is shown again without a new decision). A trigger
 * is dropped while another decision is in flight (every page load asks once
 * on its own), hence the retries.
 */
export async function fireUntilDecided(page: Page, trigger: Trigger, timeoutMs = 10_000): Promise<StoredDecision | null> {
  const before = new Set((await readDecisions(page)).map((d) => d.id));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await page.evaluate((t) => (window as any).tailor.debug.trigger(t), trigger);
    const fresh = (await readDecisions(page)).filter((d) => !before.has(d.id) && d.trigger === trigger);
    if (fresh.length > 0) return fresh[fresh.length - 1]!;
    if ((await bannerCode(page)) !== null) return null;
    await page.waitForTimeout(100);
  }
  throw new Error(`'${trigger}' fired on ${page.url()} for ${timeoutMs} ms without a decision`);
}

/** What {@link deliverReports} saw, summed over its sync rounds. */
export interface Delivery {
  queued: number;
  sent: number;
  dropped: number;
  overBudget: number;
  rounds: number;
}

/**
 * Closes the outcome window of every decision made so far and delivers the
 * reports: the clock moves past the window, one round queues the reports
 * (each with a random send delay), the clock moves past the longest delay,
 * and rounds run until the outbox is empty. Stays on `page`: the clock is
 * the worker's, and a navigation starts a new worker at real time.
 */
export async function deliverReports(page: Page, maxRounds = 6): Promise<Delivery> {
  const total: Delivery = { queued: 0, sent: 0, dropped: 0, overBudget: 0, rounds: 0 };
  const add = (r: SyncSummary | null) => {
    total.rounds++;
    if (!r) return;
    total.queued += r.queued;
    total.sent += r.sent;
    total.dropped += r.dropped;
    total.overBudget += r.overBudget;
  };
  await advanceClock(page, OUTCOME_WINDOW_MS + 60_000);
  add(await syncNow(page));
  let now = await advanceClock(page, SEND_JITTER_MS[1] + 60_000);
  add(await syncNow(page));
  // A round the worker's own timer had started earlier may have answered one of
  // those calls, and a failed upload waits on backoff: go on until nothing is left.
  const pending = async () =>
    (await readOutbox(page)).length > 0 || (await readDecisions(page)).some((d) => !d.reported && d.ts + OUTCOME_WINDOW_MS <= now);
  while (total.rounds < maxRounds && (await pending())) {
    now = await advanceClock(page, 60 * 60_000);
    add(await syncNow(page));
  }
  return total;
}
