/**
 * When to load what a decision needs (the model, the feature chunk and one read of the stored history) before it
 * is asked for: only once a decision is plausible on this page, and then only in idle time on a connection that
 * can afford it. Every other visitor pays for none of it: a page with no trigger near fetches no model.
 *
 * Plausible means a trigger may fire soon: a product or cart page the shopper has been active on for
 * {@link ENGAGED_MS} (exit intent, product dwell), a product page within {@link LEAD_MS} of its dwell trigger, or a
 * cart event on this page (the cart a later idle or exit trigger would price). Where the connection says Save-Data
 * or 2G, nothing is fetched ahead: the decision loads what it needs when it is asked for.
 */
import type { TriggerSettings } from '../../core/config';
import type { TriggerSources } from './triggers';

/** Active dwell on a product or cart page after which an exit or dwell trigger is plausible. */
export const ENGAGED_MS = 15_000;
/** How long before the product-dwell trigger fires its needs are fetched. */
export const LEAD_MS = 10_000;
/** Events that put a cart in play on this page. */
const CART_EVENTS = new Set(['add_to_cart', 'view_cart', 'begin_checkout']);

/** What the page's connection allows (`navigator.connection`, where the browser has it). */
export interface ConnectionInfo {
  readonly saveData?: boolean;
  readonly effectiveType?: string;
}

/** Whether fetching ahead of a decision is polite on this connection. */
export function mayPrefetch(connection: ConnectionInfo | undefined): boolean {
  if (!connection) return true;
  if (connection.saveData === true) return false;
  return connection.effectiveType !== 'slow-2g' && connection.effectiveType !== '2g';
}

/** Why a decision became plausible, for the debug log. */
export type WarmReason = 'engaged' | 'dwell-near' | 'cart';

/** Whether, at `activeMs` of active dwell on a page of `pageType`, a trigger of `triggers` may fire soon. */
export function plausibleFromDwell(triggers: TriggerSettings, pageType: string, activeMs: number): WarmReason | null {
  if (pageType !== 'product' && pageType !== 'cart') return null;
  if (pageType === 'product' && triggers.productDwellMs > 0 && activeMs >= triggers.productDwellMs - LEAD_MS) return 'dwell-near';
  // Exit intent (and the dwell trigger, later) can only follow engagement; an idle cart needs a cart.
  if ((triggers.exitIntent || triggers.productDwellMs > 0) && activeMs >= ENGAGED_MS) return 'engaged';
  return null;
}

/** What the watcher needs besides the trigger sources. */
export interface WarmUpDeps {
  readonly triggers: TriggerSettings;
  readonly sources: TriggerSources;
  readonly connection: () => ConnectionInfo | undefined;
  /** Runs `fn` when the main thread is idle. */
  readonly idle: (fn: () => void) => void;
  /** Loads the model and the running features; called at most once. */
  readonly warm: (reason: WarmReason) => void;
}

/** Watches for a plausible decision and warms up once; returns the stop function. */
export function watchWarmUp(deps: WarmUpDeps): () => void {
  let done = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    done = true;
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const plausible = (reason: WarmReason) => {
    if (done) return;
    stop();
    if (!mayPrefetch(deps.connection())) return;
    deps.idle(() => deps.warm(reason));
  };
  deps.sources.onEvent((name) => {
    if (CART_EVENTS.has(name)) plausible('cart');
  });
  timer = setInterval(() => {
    const reason = plausibleFromDwell(deps.triggers, deps.sources.pageType(), deps.sources.activeDwellMs());
    if (reason) plausible(reason);
  }, 1000);
  return stop;
}
