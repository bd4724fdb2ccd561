/**
 * Full recompute of one session's aggregate from its events, written as plain passes over the array (page views
 * with attributed dwell, then durations, then purchases with look-backs). Deliberately NOT the incremental
 * reducer run in a loop: the property test compares the two, so they must be independent derivations.
 */
import type { FeatureEvent } from '../featureContext';
import type { PageClassifier } from '../classifyPage';
import type { SessionAggregate } from './sessionAggregate';
import { MAX_GAP_DURATION_MS, hasCouponCode, newAggregate, pagePath, preDiscountSpend } from './sessionAggregate';
import { collectPageViews } from './pageViews';
import { normaliseCategory } from './categoryAffinity';

/** Whether an item line bought at event `at` was on sale: an item discount, or its latest view before showed a sale price. */
function lineOnSale(events: readonly FeatureEvent[], at: number, item: { id: string; discount?: number }): boolean {
  if ((item.discount ?? 0) > 0) return true;
  for (let i = at - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.name === 'product_view' && e.props.product_id === item.id) return e.props.sale_price !== undefined;
  }
  return false;
}

/** The aggregate of one non-empty session (`times` are the effective timestamps of `events`). */
export function aggregateSession(events: readonly FeatureEvent[], times: readonly number[], classify: PageClassifier): SessionAggregate {
  if (events.length === 0 || events.length !== times.length) {
    throw new Error(`'events' passed to 'aggregateSession' must be a non-empty session with one time per event`);
  }
  const agg = newAggregate(times[0]!);
  agg.end = times[times.length - 1]!;

  const views = collectPageViews(events, times);
  const classes = views.map((v) => classify(v.props.page_type, v.props.path));
  views.forEach((view, j) => {
    const pageClass = classes[j]!;
    if (pageClass === null) return;
    agg.counts[pageClass] += 1;
    const next = views[j + 1];
    const gapMs = next === undefined ? 0 : Math.min(next.ts - view.ts, MAX_GAP_DURATION_MS);
    agg.durationMs[pageClass] += view.hasDwell ? view.dwellMs : gapMs;
  });
  agg.pageViews = views.length;
  const paths = views.map((v) => pagePath(v.props.path));
  agg.landingPath = paths[0] ?? null;
  agg.lastPath = paths[paths.length - 1] ?? null;

  // revenueBefore[i]: revenue of the purchases among events[0..i-1].
  const revenueBefore: number[] = [];
  let running = 0;
  events.forEach((event, i) => {
    revenueBefore.push(running);
    if (event.name === 'purchase') {
      running += event.props.value;
      agg.purchases += 1;
      agg.spend += preDiscountSpend(event.props);
      agg.lastPurchaseTs = times[i]!;
      agg.purchasedLines += event.props.items.length;
      agg.saleLines += event.props.items.filter((item) => lineOnSale(events, i, item)).length;
      const afterRedeemedOffer = events.slice(0, i).some((e) => e.name === 'offer_redeemed');
      if (hasCouponCode(event.props) || afterRedeemedOffer) agg.couponPurchases += 1;
    }
  });
  agg.revenue = running;

  const viewCounts = new Map<string, number>();
  for (const path of paths) viewCounts.set(path, (viewCounts.get(path) ?? 0) + 1);
  views.forEach((view, j) => {
    const path = paths[j]!;
    if (agg.paths.has(path)) return;
    // A path is priced by what its FIRST view was, and credited with the revenue that came after that view.
    agg.paths.set(path, { views: viewCounts.get(path)!, revenueBefore: revenueBefore[view.index]!, productRelated: classes[j] === 'productRelated' });
  });
  agg.addedToCart = events.some((e) => e.name === 'add_to_cart');
  agg.offersShown = events.filter((e) => e.name === 'offer_shown').length;
  agg.offersRedeemed = events.filter((e) => e.name === 'offer_redeemed').length;
  for (const event of events) {
    const category = event.name === 'product_view' ? normaliseCategory(event.props.category) : null;
    if (category === null) continue;
    agg.categories.set(category, (agg.categories.get(category) ?? 0) + 1);
    agg.categorisedViews += 1;
  }
  return agg;
}
