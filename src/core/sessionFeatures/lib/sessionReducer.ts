/**
 * Event-at-a-time construction of a session aggregate, O(1) per event (O(items) for a purchase). Keeps only the
 * two page views a dwell may still belong to (see pageViews.ts for the rule) and the running numbers the batch
 * code recomputes with look-backs or per-path loops: revenue so far, each product's latest sale state, and the
 * rate sums. Rates of paths other than the landing and the latest one do not change while the session lasts
 * (history is frozen until it ends), so only those two are corrected when the sums are read.
 */
import type { FeatureEvent } from '../featureContext';
import type { PageClass, PageClassifier } from '../classifyPage';
import type { HistorySummary } from '../historySummary';
import type { RateOptions } from '../featureContext';
import type { SessionSums } from './rates';
import { EMPTY_SUMS, pathBounceRate, pathExitRate } from './rates';
import type { SessionAggregate, SessionPath } from './sessionAggregate';
import { MAX_GAP_DURATION_MS, hasCouponCode, newAggregate, pagePath, preDiscountSpend } from './sessionAggregate';
import { dwellPredatesView } from './pageViews';
import { pastPath, pathValue } from './foldSession';
import { categoryShare, normaliseCategory } from './categoryAffinity';

/** A page view that a dwell event may still be attributed to. `gapMs` is its counted fallback duration, if any. */
interface OpenView {
  pageClass: PageClass | null;
  ts: number;
  hasDwell: boolean;
  gapMs: number;
}

/** JSON form of a reducer's state (Maps as entry lists). */
export interface ReducerSnapshot {
  readonly aggregate: Omit<SessionAggregate, 'paths' | 'categories'> & {
    readonly paths: readonly (readonly [string, SessionPath])[];
    readonly categories: readonly (readonly [string, number])[];
  };
  readonly current: OpenView | null;
  readonly previous: OpenView | null;
  readonly productOnSale: readonly (readonly [string, boolean])[];
  readonly running: Running;
}

/**
 * Running sums: bounce rates of non-landing views, exit rates of all views as if none were the last, page values,
 * and the past shares of the categorised product views' categories.
 */
interface Running {
  bounceOther: number;
  exitBase: number;
  valueSum: number;
  valuePaths: number;
  affinitySum: number;
}

/** The aggregate of the session so far, updated by `add`. */
export interface SessionReducer {
  readonly aggregate: SessionAggregate;
  /** `event` at effective time `ts` (never before the previous one). */
  add(event: FeatureEvent, ts: number): void;
  /** The bounce, exit, page-value and affinity sums of the session so far (what `sessionSums` computes in batch). */
  sums(): SessionSums;
  snapshot(): ReducerSnapshot;
}

/**
 * A reducer for a session starting at `start`; `history` (ended sessions, frozen while this session lasts) prices
 * the product pages. Pass `snapshot` to continue a saved session instead.
 */
export function createSessionReducer(
  start: number,
  classify: PageClassifier,
  history: HistorySummary,
  rates: RateOptions,
  snapshot?: ReducerSnapshot,
): SessionReducer {
  const restored = snapshot && structuredClone(snapshot);
  const agg: SessionAggregate = restored
    ? { ...restored.aggregate, paths: new Map(restored.aggregate.paths), categories: new Map(restored.aggregate.categories) }
    : newAggregate(start);
  let current = restored?.current ?? null;
  let previous = restored?.previous ?? null;
  const productOnSale = new Map(restored?.productOnSale ?? []);
  const running: Running = restored?.running ?? { bounceOther: 0, exitBase: 0, valueSum: 0, valuePaths: 0, affinitySum: 0 };

  const pathSeen = (path: string, pageClass: PageClass | null): SessionPath => {
    let seen = agg.paths.get(path);
    if (seen === undefined) {
      seen = { views: 0, revenueBefore: agg.revenue, productRelated: pageClass === 'productRelated' };
      agg.paths.set(path, seen);
      if (seen.productRelated) {
        running.valueSum += pathValue(history, path);
        running.valuePaths += 1;
      }
    }
    return seen;
  };

  const pageView = (pageType: Parameters<PageClassifier>[0], rawPath: string, ts: number) => {
    const pageClass = classify(pageType, rawPath);
    if (current !== null && current.pageClass !== null && !current.hasDwell) {
      // The page just left had no dwell yet: count its gap to this view until a late dwell replaces it.
      current.gapMs = Math.min(ts - current.ts, MAX_GAP_DURATION_MS);
      agg.durationMs[current.pageClass] += current.gapMs;
    }
    previous = current;
    current = { pageClass, ts, hasDwell: false, gapMs: 0 };
    const path = pagePath(rawPath);
    const past = pastPath(history, path);
    const seen = pathSeen(path, pageClass);
    running.exitBase += (seen.views + 1) * pathExitRate(past, seen.views + 1, false, rates) - seen.views * pathExitRate(past, seen.views, false, rates);
    seen.views += 1;
    if (agg.landingPath === null) agg.landingPath = path;
    else if (path !== agg.landingPath) running.bounceOther += pathBounceRate(past, false, false, rates);
    agg.lastPath = path;
    agg.pageViews += 1;
    if (pageClass !== null) agg.counts[pageClass] += 1;
  };

  const sums = (): SessionSums => {
    if (agg.landingPath === null || agg.lastPath === null) return { ...EMPTY_SUMS, affinitySum: running.affinitySum };
    const landing = agg.paths.get(agg.landingPath)!;
    const last = agg.paths.get(agg.lastPath)!;
    const pastLanding = pastPath(history, agg.landingPath);
    const pastLast = pastPath(history, agg.lastPath);
    return {
      bounceSum: running.bounceOther + landing.views * pathBounceRate(pastLanding, true, agg.pageViews === 1, rates),
      exitSum: running.exitBase + last.views * (pathExitRate(pastLast, last.views, true, rates) - pathExitRate(pastLast, last.views, false, rates)),
      valueSum: running.valueSum,
      valuePaths: running.valuePaths,
      affinitySum: running.affinitySum,
    };
  };

  const dwell = (activeMs: number, ts: number) => {
    if (current === null) return;
    const target = previous !== null && dwellPredatesView(activeMs, ts, current.ts) ? previous : current;
    if (target.pageClass !== null) {
      // The first dwell replaces the gap estimate (0 for the open page); later ones add up.
      agg.durationMs[target.pageClass] += activeMs - (target.hasDwell ? 0 : target.gapMs);
    }
    target.hasDwell = true;
    target.gapMs = 0;
  };

  return {
    aggregate: agg,
    add(event, ts) {
      agg.end = ts;
      switch (event.name) {
        case 'page_view':
          pageView(event.props.page_type, event.props.path, ts);
          break;
        case 'dwell':
          dwell(event.props.active_ms, ts);
          break;
        case 'product_view': {
          productOnSale.set(event.props.product_id, event.props.sale_price !== undefined);
          const category = normaliseCategory(event.props.category);
          if (category !== null) {
            agg.categories.set(category, (agg.categories.get(category) ?? 0) + 1);
            agg.categorisedViews += 1;
            running.affinitySum += categoryShare(history, category);
          }
          break;
        }
        case 'add_to_cart':
          agg.addedToCart = true;
          break;
        case 'purchase': {
          const { props } = event;
          agg.purchases += 1;
          agg.revenue += props.value;
          agg.spend += preDiscountSpend(props);
          agg.lastPurchaseTs = ts;
          agg.purchasedLines += props.items.length;
          for (const item of props.items) if ((item.discount ?? 0) > 0 || productOnSale.get(item.id) === true) agg.saleLines += 1;
          if (hasCouponCode(props) || agg.offersRedeemed > 0) agg.couponPurchases += 1;
          break;
        }
        case 'offer_shown':
          agg.offersShown += 1;
          break;
        case 'offer_redeemed':
          agg.offersRedeemed += 1;
          break;
        default:
          break;
      }
    },
    sums,
    snapshot: () => structuredClone({
      aggregate: { ...agg, paths: [...agg.paths], categories: [...agg.categories] },
      current,
      previous,
      productOnSale: [...productOnSale],
      running,
    }),
  };
}
