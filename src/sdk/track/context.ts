/**
 * What every capture module receives: a way to emit an event, the current
 * page's state, and the logger. Capture modules never validate or store:
 * that is the tracker's one job, done in one place.
 */
import type { PageType, TailorEventInput } from '../../core/events/schema';
import type { Logger } from '../../core/logger';

/** The page as the tracker currently understands it. */
export interface PageState {
  type: PageType;
  /** Scrubbed path of the current route. */
  path: string;
  /** Product id when the page shows one product. */
  productId?: string;
  /** Increments on every page view (SPA route changes included). */
  viewId: number;
}

/** What the captures of this page skipped, for the audit view (the page's own data, never sent). */
export interface CaptureCounters {
  /** dataLayer ecommerce items that were not objects or had no id (each skipped, the rest of its push kept). */
  ignoredItems: number;
  /** Cart reads from the shop platform's cart API that failed or answered something unreadable. */
  failedCartReads: number;
}

/** Handed to each capture module. */
export interface CaptureContext {
  emit(input: TailorEventInput): void;
  counters: CaptureCounters;
  page: PageState;
  log: Logger;
  /** Registers a listener for new page views (SPA route changes), run after the new `page_view`. */
  onPageView(fn: () => void): void;
  /** Registers a listener run just before a route change's `page_view`, to close out the old page. */
  beforePageView(fn: () => void): void;
  /** Registers work to finish synchronously before the page saves its buffer (page hide): a backlog still read in slices. */
  beforeSave(fn: () => void): void;
}

/** A capture module: installs its listeners and returns their removal. */
export type Capture = (ctx: CaptureContext) => () => void;
