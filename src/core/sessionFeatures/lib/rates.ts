/**
 * In-browser stand-ins for GA's BounceRates, ExitRates and PageValues (reasoning and calibration: README.md).
 *
 * GA keeps them per page path; a session's value is the mean over its page views. We keep the same counters per
 * path from the device's own history, count the current session as GA would if it ended now (it entered on its
 * landing path, bounced while it has one view, exits on its latest view), and shrink each path's rate towards a
 * UCI-calibrated prior worth `pseudoCount` observations. As in GA, a path nobody entered on has bounce rate 0.
 */
import type { HistorySummary, PathStats } from '../historySummary';
import type { RateOptions } from '../featureContext';
import type { SessionAggregate } from './sessionAggregate';
import { pastPath, pathValue } from './foldSession';
import { categoryAffinitySum } from './categoryAffinity';

/** Shrunk bounce rate of a path; 0 when no session (past or current) entered on it. */
export function pathBounceRate(past: PathStats | undefined, landing: boolean, bouncedNow: boolean, o: RateOptions): number {
  const entries = (past?.entries ?? 0) + (landing ? 1 : 0);
  if (entries === 0) return 0;
  return ((past?.bounces ?? 0) + (bouncedNow ? 1 : 0) + o.pseudoCount * o.bouncePrior) / (entries + o.pseudoCount);
}

/** Shrunk exit rate of a path viewed `viewsNow` times in the current session. */
export function pathExitRate(past: PathStats | undefined, viewsNow: number, lastNow: boolean, o: RateOptions): number {
  return ((past?.exits ?? 0) + (lastNow ? 1 : 0) + o.pseudoCount * o.exitPrior) / ((past?.views ?? 0) + viewsNow + o.pseudoCount);
}

/**
 * Sums over a session's views from which the history-priced session values follow: the rates (see
 * {@link finishRates}) and category affinity (see categoryAffinity.ts). Both computation paths produce them.
 */
export interface SessionSums {
  /** Σ over page views of the viewed path's bounce rate. */
  readonly bounceSum: number;
  /** Σ over page views of the viewed path's exit rate. */
  readonly exitSum: number;
  /** Σ over distinct product-related paths of their history page value, and how many such paths. */
  readonly valueSum: number;
  readonly valuePaths: number;
  /** Σ over categorised product views of the category's share of past categorised product views. */
  readonly affinitySum: number;
}

/** The sums of a session with no events (before the first event). */
export const EMPTY_SUMS: SessionSums = { bounceSum: 0, exitSum: 0, valueSum: 0, valuePaths: 0, affinitySum: 0 };

/** Batch computation of the sums, path by path. */
export function sessionSums(history: HistorySummary, session: SessionAggregate, o: RateOptions): SessionSums {
  let bounceSum = 0;
  let exitSum = 0;
  let valueSum = 0;
  let valuePaths = 0;
  for (const [path, seen] of session.paths) {
    const past = pastPath(history, path);
    const landing = path === session.landingPath;
    bounceSum += seen.views * pathBounceRate(past, landing, landing && session.pageViews === 1, o);
    exitSum += seen.views * pathExitRate(past, seen.views, path === session.lastPath, o);
    if (seen.productRelated) {
      valueSum += pathValue(history, path);
      valuePaths += 1;
    }
  }
  return { bounceSum, exitSum, valueSum, valuePaths, affinitySum: categoryAffinitySum(history, session.categories) };
}

/** Session BounceRates, ExitRates (means capped at `o.ceiling`) and PageValues (mean); all 0 without page views. */
export function finishRates(sums: SessionSums, pageViews: number, o: RateOptions): { bounce: number; exit: number; value: number } {
  if (pageViews === 0) return { bounce: 0, exit: 0, value: 0 };
  return {
    bounce: Math.min(o.ceiling, sums.bounceSum / pageViews),
    exit: Math.min(o.ceiling, sums.exitSum / pageViews),
    value: sums.valuePaths === 0 ? 0 : sums.valueSum / sums.valuePaths,
  };
}
