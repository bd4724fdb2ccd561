/**
 * Folds an ended session into the history counters, in time proportional to the session's distinct paths and
 * categories (amortised O(1) per event): the only place history grows, shared by both computation paths.
 */
import type { HistorySummary, PathStats } from '../historySummary';
import type { SessionAggregate } from './sessionAggregate';
import { foldCategories } from './categoryAffinity';

/** The history counters of `path`, if it was ever viewed (own properties only: paths are data, not keys of ours). */
export function pastPath(history: HistorySummary, path: string): PathStats | undefined {
  return Object.hasOwn(history.paths, path) ? history.paths[path] : undefined;
}

/** GA page value of `path` from history: revenue after viewing it per session that viewed it; 0 if never viewed. */
export function pathValue(history: HistorySummary, path: string): number {
  const stats = pastPath(history, path);
  return stats && stats.sessions > 0 ? stats.revenue / stats.sessions : 0;
}

/** Adds `session` to `history` in place. */
export function foldSession(history: HistorySummary, session: SessionAggregate): void {
  history.sessions += 1;
  for (const [path, seen] of session.paths) {
    let stats = pastPath(history, path);
    if (stats === undefined) {
      stats = { entries: 0, bounces: 0, views: 0, exits: 0, sessions: 0, revenue: 0 };
      // defineProperty: a path can never reach Object.prototype, whatever its spelling.
      Object.defineProperty(history.paths, path, { value: stats, enumerable: true, writable: true, configurable: true });
    }
    stats.views += seen.views;
    stats.sessions += 1;
    stats.revenue += session.revenue - seen.revenueBefore;
    if (path === session.landingPath) {
      stats.entries += 1;
      if (session.pageViews === 1) stats.bounces += 1;
    }
    if (path === session.lastPath) stats.exits += 1;
  }
  history.purchases += session.purchases;
  history.spend += session.spend;
  if (session.lastPurchaseTs !== null) {
    history.lastPurchaseTs = Math.max(history.lastPurchaseTs ?? -Infinity, session.lastPurchaseTs);
  }
  if (session.addedToCart && session.purchases === 0) history.cartAbandons += 1;
  history.purchasedLines += session.purchasedLines;
  history.saleLines += session.saleLines;
  history.couponPurchases += session.couponPurchases;
  history.offersShown += session.offersShown;
  history.offersRedeemed += session.offersRedeemed;
  foldCategories(history, session.categories);
}
