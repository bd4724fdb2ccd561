/**
 * Cleaning step 2: is this session automated? A bot session is not personalised (no offer, no model call) and
 * should not be learned from. Rules are deliberately conservative — each needs a pattern no human produces:
 *
 * - `webdriver`: the page reported `navigator.webdriver === true` (Selenium, Playwright, Puppeteer by default).
 * - `page_view_rate`: more than `maxPageViewsPerSecond` page views per second, sustained over `rateWindowMs`
 *   (a sliding window, so 16 route changes in 5 s fire; a burst of three from a typing-driven URL update does not).
 * - `click_cadence`: at least `cadenceMinBursts` separate windows of `cadenceWindowMs` each holding
 *   `cadenceMinActions` or more actions, an action being an `add_to_cart` or the first `product_view` of a page
 *   view (a listing page's many product views are one action).
 * - `zero_dwell_storm`: at least `zeroDwellMinViews` page views with no active dwell that were left within
 *   `zeroDwellMaxGapMs`, making up `zeroDwellMinShare` of the session's left page views. The gap condition keeps
 *   humans whose dwell events were lost (a `pagehide` send that never arrived) out of it.
 */
import type { FeatureEvent } from './featureContext';
import { collectPageViews } from './lib/pageViews';
import { assertEvents } from './lib/assertEvents';
import { effectiveTs } from './lib/sessionRule';

/** Thresholds of the bot rules (see the module comment). */
export interface BotThresholds {
  readonly maxPageViewsPerSecond: number;
  readonly rateWindowMs: number;
  readonly cadenceWindowMs: number;
  readonly cadenceMinActions: number;
  readonly cadenceMinBursts: number;
  readonly zeroDwellMinViews: number;
  readonly zeroDwellMinShare: number;
  readonly zeroDwellMaxGapMs: number;
}

/** Default thresholds. */
export const DEFAULT_BOT_THRESHOLDS: BotThresholds = {
  maxPageViewsPerSecond: 3, rateWindowMs: 5000,
  cadenceWindowMs: 2000, cadenceMinActions: 10, cadenceMinBursts: 2,
  zeroDwellMinViews: 20, zeroDwellMinShare: 0.9, zeroDwellMaxGapMs: 3000,
};

/** Signals from outside the event stream. */
export interface BotSignals {
  /** `navigator.webdriver` as read on the page. */
  readonly webdriver?: boolean;
  readonly thresholds?: Partial<BotThresholds>;
}

/** Verdict: `bot` is true when any rule fired; `reasons` names each rule that fired. */
export interface BotVerdict {
  readonly bot: boolean;
  readonly reasons: string[];
}

/** Largest number of `times` (sorted) inside any window of `windowMs`. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! > windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** Number of disjoint windows of `windowMs` holding at least `minActions` of `times` (greedy, left to right). */
function bursts(times: readonly number[], windowMs: number, minActions: number): number {
  let count = 0;
  for (let i = 0; i < times.length;) {
    let j = i;
    while (j + 1 < times.length && times[j + 1]! - times[i]! <= windowMs) j++;
    if (j - i + 1 >= minActions) {
      count++;
      i = j + 1;
    } else i++;
  }
  return count;
}

/** Applies the bot rules to the events of ONE session (storage order). */
export function detectBot(sessionEvents: readonly FeatureEvent[], signals: BotSignals = {}): BotVerdict {
  assertEvents(sessionEvents, 'detectBot');
  const t = { ...DEFAULT_BOT_THRESHOLDS, ...signals.thresholds };
  for (const [name, value] of Object.entries(t)) {
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`'thresholds.${name}' passed to 'detectBot' must be a positive number, got ${String(value)}`);
  }
  const reasons: string[] = [];
  if (signals.webdriver === true) reasons.push('webdriver');

  let last: number | null = null;
  const times = sessionEvents.map((e) => (last = effectiveTs(last, e.ts)));
  const pageViewTimes: number[] = [];
  const actionTimes: number[] = [];
  let productSeenOnView = false;
  sessionEvents.forEach((e, i) => {
    if (e.name === 'page_view') {
      pageViewTimes.push(times[i]!);
      productSeenOnView = false;
    } else if (e.name === 'add_to_cart' || (e.name === 'product_view' && !productSeenOnView)) {
      actionTimes.push(times[i]!);
      if (e.name === 'product_view') productSeenOnView = true;
    }
  });

  if (maxInWindow(pageViewTimes, t.rateWindowMs) > t.maxPageViewsPerSecond * (t.rateWindowMs / 1000)) reasons.push('page_view_rate');
  if (bursts(actionTimes, t.cadenceWindowMs, t.cadenceMinActions) >= t.cadenceMinBursts) reasons.push('click_cadence');

  const views = collectPageViews(sessionEvents, times);
  const left = views.slice(0, -1);
  const storm = left.filter((v, j) => (!v.hasDwell || v.dwellMs === 0) && views[j + 1]!.ts - v.ts <= t.zeroDwellMaxGapMs).length;
  if (storm >= t.zeroDwellMinViews && storm >= t.zeroDwellMinShare * left.length) reasons.push('zero_dwell_storm');

  return { bot: reasons.length > 0, reasons };
}
