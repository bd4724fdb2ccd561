/**
 * The tracker: installs every capture module, stamps each event with its
 * page context and an id, validates it with the core schema (the one gate
 * into storage), and hands valid events to a sink. Invalid input is dropped
 * with one warning; nothing here throws into the page.
 */
import type { TailorEventInput } from '../../core/events/schema';
import type { WireEvent } from '../../worker/protocol';
import { EVENT_NAMES } from '../../core/events/schema';
import { validateEvent } from '../../core/events/validate';
import type { PageRule } from '../../core/events/page-type';
import type { Logger } from '../../core/logger';
import { newId } from '../lib/newId';
import type { CaptureContext, CaptureCounters, PageState } from './context';
import { detectCartPlatform } from './detectCartPlatform';
import { captureDataLayer } from './captureDataLayer';
import { captureProducts } from './captureProducts';
import { capturePageViews } from './capturePageViews';
import { captureEngagement } from './captureEngagement';
import { captureSearchAndRatings } from './captureSearchAndRatings';
import { pageClock } from '../lib/pageClock';

/** A validated event with its id: what the worker stores. */
export type IdentifiedEvent = WireEvent;

/** The running tracker. */
export interface Tracker {
  readonly page: PageState;
  /** What the captures of this page skipped (for the audit view). */
  readonly counters: CaptureCounters;
  /** Reads the shop platform's cart now (Shopify, WooCommerce), if the page runs on one; resolves when done. */
  refreshCart(): Promise<void>;
  /** Validates and emits an event from any source (captures, `tailor.track`, the banner). */
  emit(input: TailorEventInput): void;
  /** Finishes, synchronously, what the captures still read in slices (call before saving the buffer on page hide). */
  flush(): void;
  /** Removes every listener and restores every patched function. */
  stop(): void;
}

/** Options for {@link startTracker}. */
export interface TrackerOptions {
  sink(event: IdentifiedEvent): void;
  log: Logger;
  rules?: PageRule[];
}

/** Starts capture on the current page. */
export function startTracker(opts: TrackerOptions): Tracker {
  const { log } = opts;
  const page: PageState = { type: 'other', path: '/', viewId: 0 };
  const listeners: (() => void)[] = [];
  const beforeListeners: (() => void)[] = [];
  const beforeSave: (() => void)[] = [];
  let stopped = false;

  const emit = (input: TailorEventInput): void => {
    if (stopped) return;
    try {
      const result = validateEvent({ ts: pageClock(), page_type: page.type, path: page.path, ...input }, pageClock());
      if (!result.ok) {
        log.warn(`event dropped: ${result.reason}`);
        return;
      }
      opts.sink({ ...result.event, id: newId() } as IdentifiedEvent);
    } catch (error) {
      log.warn('event dropped:', error);
    }
  };
  const counters: CaptureCounters = { ignoredItems: 0, failedCartReads: 0 };
  let refreshCart = async (): Promise<void> => {};
  const ctx: CaptureContext = { emit, counters, page, log, onPageView: (fn) => listeners.push(fn), beforePageView: (fn) => beforeListeners.push(fn), beforeSave: (fn) => beforeSave.push(fn) };
  const stops: (() => void)[] = [];
  const install = (fn: () => () => void, name: string) => {
    try {
      stops.push(fn());
    } catch (error) {
      log.warn(`capture '${name}' failed to start:`, error);
    }
  };
  // The dataLayer goes first: its entries hint at the page type of the first page view.
  install(() => captureDataLayer(ctx), 'dataLayer');
  install(
    () => capturePageViews(ctx, opts.rules, () => listeners.forEach((fn) => fn()), () => beforeListeners.forEach((fn) => fn())),
    'page views',
  );
  install(() => captureProducts(ctx), 'products');
  install(() => captureEngagement(ctx), 'engagement');
  install(() => captureSearchAndRatings(ctx), 'search and ratings');
  // The cart reader is a chunk of its own, loaded only on Shopify and WooCommerce pages.
  const platform = detectCartPlatform();
  if (platform) {
    const cart = import('./captureCart').then((m) => m.captureCart(ctx, platform));
    cart.catch((error: unknown) => log.warn('cart capture failed to start:', error));
    refreshCart = () => cart.then((c) => c.refresh(), () => {});
    stops.push(() => void cart.then((c) => c.stop(), () => {}));
  }

  return {
    page,
    counters,
    refreshCart: () => refreshCart(),
    emit,
    flush() {
      for (const fn of beforeSave) {
        try {
          fn();
        } catch (error) {
          log.debug('flush failed:', error);
        }
      }
    },
    stop() {
      stopped = true;
      for (const s of stops.splice(0)) {
        try {
          s();
        } catch {
          // Best effort: a merchant may have re-patched history or dataLayer.
        }
      }
    },
  };
}

/** Maps `tailor.track(name, props)` onto the schema: known names as themselves, anything else as `custom`. */
export function manualEvent(name: string, props: Record<string, unknown>): TailorEventInput {
  if ((EVENT_NAMES as readonly string[]).includes(name) && name !== 'custom') {
    return { name, props } as unknown as TailorEventInput;
  }
  return { name: 'custom', props: { name, props: props as Record<string, string | number | boolean | null> } };
}
