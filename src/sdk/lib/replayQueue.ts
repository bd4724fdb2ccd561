/**
 * The pre-load queue (the `dataLayer` / Snowplow pattern).
 *
 * Before tailor.js has loaded, a merchant may have written either
 *   `window.tailor = window.tailor || []; tailor.push(['track', 'signup', {}])`
 * or used the documented one-line stub, which leaves `{ q: [[method, ...args]] }`.
 * Both shapes are read here and replayed, in order, against the real API.
 */

import type { Logger } from '../../core/logger';
import type { TailorApi } from '../tailorApi';

/** One queued call: the method name followed by its arguments. */
export type QueuedCall = [method: string, ...args: unknown[]];

/** Extracts queued calls from whatever `window.tailor` held before the script ran. */
export function takeQueuedCalls(existing: unknown): QueuedCall[] {
  const list = Array.isArray(existing)
    ? existing
    : existing && typeof existing === 'object' && Array.isArray((existing as { q?: unknown }).q)
      ? (existing as { q: unknown[] }).q
      : [];
  const calls: QueuedCall[] = [];
  for (const entry of list) {
    const args = Array.isArray(entry) ? entry : isArguments(entry) ? Array.from(entry as ArrayLike<unknown>) : null;
    if (args && typeof args[0] === 'string') calls.push(args as QueuedCall);
  }
  return calls;
}

function isArguments(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Arguments]';
}

/** Runs one queued call against the real API; unknown methods are reported, not thrown. */
export function replay(api: TailorApi, call: QueuedCall, log: Logger): void {
  try {
    if (!Array.isArray(call) || typeof call[0] !== 'string') {
      log.warn('queued call must be an array starting with a method name; ignored');
      return;
    }
    const [method, ...args] = call;
    if (method === 'track') api.track(args[0] as string, args[1] as Record<string, unknown>);
    else if (method === 'consent') api.consent(args[0] as boolean);
    else if (method === 'cart') api.cart(args[0] as Parameters<TailorApi['cart']>[0]);
    else if (method === 'ready') {
      const cb = args[0];
      void api.ready().then((state) => typeof cb === 'function' && cb(state));
    } else log.warn(`unknown method ${JSON.stringify(method)} in the queue; ignored`);
  } catch (error) {
    log.warn('queued call failed:', error);
  }
}
