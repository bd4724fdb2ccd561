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

/** Handed to each capture module. */
export interface CaptureContext {
  emit(input: TailorEventInput): void;
  page: PageState;
  log: Logger;
  /** Registers a listener for new page views (SPA route changes), run after the new `page_view`. */
  onPageView(fn: () => void): void;
  /** Registers a listener run just before a route change's `page_view`, to close out the old page. */
  beforePageView(fn: () => void): void;
}

/** A capture module: installs its listeners and returns their removal. */
export type Capture = (ctx: CaptureContext) => () => void;
