/**
 * GA4 and Universal Analytics ecommerce from `window.dataLayer`: the ecommerce entries of an earlier page that
 * hid before its runtime was up (earlyBuffer.ts) first, then the entries pushed before Tailor loaded, in slices
 * (sliceQueue.ts: a long-lived page's thousands of entries add no long task; all of it is read before the page
 * saves its buffer on hide), then later pushes through observeDataLayer.ts (a wrapped `push` that returns exactly
 * what the original returned, or polling where the page made `push` read-only), queued behind the backlog.
 */
import { pageHintFromDataLayer, readDataLayer } from '../../core/events/datalayer';
import type { PageType } from '../../core/events/schema';
import type { Capture } from './context';
import { observeDataLayer } from '../lib/observeDataLayer';
import { EARLY_ENTRIES_KEY, takeEarly } from '../lib/earlyBuffer';
import { sliceQueue } from '../lib/sliceQueue';

type DataLayer = unknown[] & { push: (...items: unknown[]) => number };

/** Last page-type hint seen in the dataLayer (GA4 `view_item` → product, …). */
export let dataLayerHint: PageType | undefined;
/** How far back from the newest entry the backlog is searched for the page-type hint. */
const HINT_LOOKBACK = 1000;

/** The newest page-type hint among the last {@link HINT_LOOKBACK} of `entries`. */
function newestHint(entries: readonly unknown[]): PageType | undefined {
  for (let i = entries.length - 1; i >= Math.max(0, entries.length - HINT_LOOKBACK); i--) {
    const hint = pageHintFromDataLayer(entries[i]);
    if (hint) return hint;
  }
  return undefined;
}

export const captureDataLayer: Capture = (ctx) => {
  const w = window as unknown as { dataLayer?: unknown };
  if (w.dataLayer !== undefined && !Array.isArray(w.dataLayer)) {
    ctx.log.warn('window.dataLayer is not an array; ecommerce events are not read');
    return () => {};
  }
  const dl = (w.dataLayer ??= []) as DataLayer;
  const read = (entry: unknown, hints: boolean) => {
    try {
      if (hints) dataLayerHint = pageHintFromDataLayer(entry) ?? dataLayerHint;
      const { events, ignoredItems } = readDataLayer(entry);
      ctx.counters.ignoredItems += ignoredItems;
      for (const event of events) ctx.emit(event);
    } catch (error) {
      ctx.log.debug('dataLayer entry ignored:', error);
    }
  };
  // What earlier pages pushed while their runtime was still loading (loader's earlyBuffer): few, and read now.
  for (const entry of takeEarly(EARLY_ENTRIES_KEY)) read(entry, true);
  // This page's backlog: the first page view is typed before the backlog is read, so its hint is taken now.
  const backlog = dl.slice();
  dataLayerHint = newestHint(backlog) ?? dataLayerHint;
  let backlogLeft = backlog.length;
  const queue = sliceQueue<unknown>((entry) => {
    // Backlog entries no longer move the hint (it is the newest already); later pushes do.
    read(entry, backlogLeft === 0);
    if (backlogLeft > 0) backlogLeft--;
  });
  queue.addAll(backlog);
  // The merchant's push (or GTM's, if it wrapped first) runs first and its result is returned untouched.
  const observed = observeDataLayer(dl, (entry) => queue.offer(entry));
  if (observed.mode === 'polled') ctx.log.warn('window.dataLayer.push cannot be wrapped (read-only); new entries are read every 250 ms');
  ctx.beforeSave(() => {
    observed.poll();
    queue.drain();
  });
  return () => {
    queue.stop();
    observed.stop();
  };
};
