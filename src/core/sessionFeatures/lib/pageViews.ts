/**
 * Batch view of a session's page views with the active dwell attributed to each.
 *
 * Attribution rule: a `dwell` event belongs to the latest page view, unless its active time is longer than the
 * time elapsed since that page view began — impossible for that page — in which case it belongs to the page view
 * before. This matters because on single-page shops the tracker flushes the old page's dwell just AFTER emitting
 * the new route's `page_view` (stamped with the new page), while on classic shops it flushes on `pagehide`, before.
 */
import type { PageViewProps } from '../../events/schema';
import type { FeatureEvent } from '../featureContext';

/** One page view of a session. */
export interface PageViewSlot {
  /** Index of the `page_view` event in the session. */
  readonly index: number;
  readonly ts: number;
  readonly props: PageViewProps;
  dwellMs: number;
  hasDwell: boolean;
}

/** Whether a dwell of `activeMs` at `ts` cannot belong to a page view that began at `viewTs`. */
export function dwellPredatesView(activeMs: number, ts: number, viewTs: number): boolean {
  return activeMs > ts - viewTs;
}

/** The page views of one session (events with effective `times`), dwell attributed. */
export function collectPageViews(events: readonly FeatureEvent[], times: readonly number[]): PageViewSlot[] {
  const views: PageViewSlot[] = [];
  events.forEach((event, index) => {
    const ts = times[index]!;
    if (event.name === 'page_view') {
      views.push({ index, ts, props: event.props, dwellMs: 0, hasDwell: false });
    } else if (event.name === 'dwell' && views.length > 0) {
      const latest = views[views.length - 1]!;
      const target = views.length > 1 && dwellPredatesView(event.props.active_ms, ts, latest.ts) ? views[views.length - 2]! : latest;
      target.dwellMs += event.props.active_ms;
      target.hasDwell = true;
    }
  });
  return views;
}
