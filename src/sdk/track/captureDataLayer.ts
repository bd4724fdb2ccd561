/**
 * GA4 and Universal Analytics ecommerce from `window.dataLayer`: entries
 * pushed before Tailor loaded are read once (and the ecommerce entries of an
 * earlier page that hid before its runtime was up, see earlyBuffer.ts), later pushes through
 * observeDataLayer.ts (a wrapped `push` that returns exactly what the original
 * returned, or polling where the page made `push` read-only).
 */
import { pageHintFromDataLayer, readDataLayer } from '../../core/events/datalayer';
import type { PageType } from '../../core/events/schema';
import type { Capture } from './context';
import { observeDataLayer } from '../lib/observeDataLayer';
import { EARLY_ENTRIES_KEY, takeEarly } from '../lib/earlyBuffer';

type DataLayer = unknown[] & { push: (...items: unknown[]) => number };

/** Last page-type hint seen in the dataLayer (GA4 `view_item` → product, …). */
export let dataLayerHint: PageType | undefined;

export const captureDataLayer: Capture = (ctx) => {
  const w = window as unknown as { dataLayer?: unknown };
  if (w.dataLayer !== undefined && !Array.isArray(w.dataLayer)) {
    ctx.log.warn('window.dataLayer is not an array; ecommerce events are not read');
    return () => {};
  }
  const dl = (w.dataLayer ??= []) as DataLayer;
  const handle = (entry: unknown) => {
    try {
      dataLayerHint = pageHintFromDataLayer(entry) ?? dataLayerHint;
      const { events, ignoredItems } = readDataLayer(entry);
      ctx.counters.ignoredItems += ignoredItems;
      for (const event of events) ctx.emit(event);
    } catch (error) {
      ctx.log.debug('dataLayer entry ignored:', error);
    }
  };
  // What earlier pages pushed while their runtime was still loading (loader's earlyBuffer), then this page's.
  for (const entry of takeEarly(EARLY_ENTRIES_KEY)) handle(entry);
  for (const entry of dl.slice()) handle(entry);
  // The merchant's push (or GTM's, if it wrapped first) runs first and its result is returned untouched.
  const observed = observeDataLayer(dl, handle);
  if (observed.mode === 'polled') ctx.log.warn('window.dataLayer.push cannot be wrapped (read-only); new entries are read every 250 ms');
  return observed.stop;
};
