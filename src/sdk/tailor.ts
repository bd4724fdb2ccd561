/**
 * The public page API (`window.tailor`): consent, capture, the worker's start, offers and the audit, composed.
 * Event delivery to the worker is the outbox's (lib/outbox.ts). Nothing here throws into the page.
 */
import { wrap, type Remote } from 'comlink';
import { VERSION } from '../core/version';
import { installWireErrors, type TailorWorkerApi, type Trigger } from '../worker/protocol';
import type { ReadyState, TailorApi, TailorDeps } from './tailorApi';
import { createDebugHooks } from './debugHooks';
import { downloadBlob } from './lib/downloadBlob';
import { startWorker } from './lib/startWorker';
import { onPageHide } from './lib/onPageHide';
import { hasOptedOut, rememberOptOut } from './lib/pendingBuffer';
import { createOutbox } from './lib/outbox';
import { clearEarly } from './lib/earlyBuffer';
import { replay, type QueuedCall } from './lib/replayQueue';
import { manualEvent, startTracker, type IdentifiedEvent, type Tracker } from './track/tracker';
import { readDataLayer } from '../core/events/datalayer';
import { activeDwellMs } from './track/captureEngagement';
import { startOffers } from './offers/offerController';
import { watchWarmUp, type ConnectionInfo } from './offers/warmUp';
import { decideConsent, type ConsentDecision } from '../core/consent';
import { watchConsentSignals, type PageSignals } from './lib/consentSignals';

export type { ReadyState, TailorApi, TailorDebug, TailorDeps } from './tailorApi';

/** Creates the page API, starts capture, and boots the worker when the page is idle. */
export function createTailor(deps: TailorDeps): TailorApi {
  const { config, log } = deps;
  // An earlier consent(false) or forget() holds until consent(true).
  let explicit: boolean | null = hasOptedOut() ? false : null;
  const pageSignals: PageSignals = { gpc: false, dnt: false, tcf: null, consentMode: null };
  let decision: ConsentDecision = decideConsent({ mode: config.consent, explicit, gpc: false, dnt: false, tcf: null, consentMode: null });
  let granted = decision.store;
  const outbox = createOutbox({ granted: () => granted, log });
  let remote: Remote<TailorWorkerApi> | null = null;
  let booting: Promise<ReadyState> | null = null;
  // Set when the worker could not start: capture stays off on this page whatever consent does next.
  let workerFailed = false;
  let tracker: Tracker | null = null;
  const listeners: ((name: string) => void)[] = [];
  let product: { viewId: number; id: string; price: number; category?: string } | null = null;
  let stopOffers: (() => void) | null = null;
  let fireTrigger: ((t: Trigger) => Promise<void>) | null = null;

  const sink = (event: IdentifiedEvent): void => {
    if (event.name === 'product_view' && tracker) {
      const p = event.props;
      product = { viewId: tracker.page.viewId, id: p.product_id, price: p.sale_price ?? p.price, ...(p.category ? { category: p.category } : {}) };
    }
    for (const fn of listeners) fn(event.name);
    outbox.add(event);
  };

  const boot = (): Promise<ReadyState> => {
    const timeoutMs = deps.readyTimeoutMs ?? 10_000;
    booting ??= new Promise<ReadyState>((resolve) => {
      let settled = false;
      // A slow worker may still answer: events keep flowing to `pending` and reach it when it does.
      const timer = setTimeout(() => {
        settled = true;
        resolve({ ok: false, reason: `worker did not answer within ${timeoutMs} ms` });
      }, timeoutMs);
      // A worker that cannot start (CSP, a blocked or failed script) will not start on this page: say why once,
      // and stop capturing, so events do not pile up in the page-hide buffer for a runtime that never comes. What
      // earlier pages buffered stays for a page where it can start.
      const fail = (reason: string) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        workerFailed = true;
        log.warn('no offers on this page:', reason);
        tracker?.stop();
        tracker = null;
        outbox.abandon();
        resolve({ ok: false, reason });
      };
      try {
        installWireErrors();
        const started = startWorker(deps.workerUrl, location.origin, deps.workerDeps);
        started.worker.addEventListener('error', (e) => fail(`worker failed to start (${e.message || 'load error'})`));
        const api = wrap<TailorWorkerApi>(started.worker);
        api
          .init({ config, consent: caps(), sdkBase: deps.sdkBase, webdriver: navigator.webdriver === true })
          .then(async () => {
            remote = api;
            // Events tracked before the worker was up go first, so health counts them.
            await outbox.attach(api);
            return api.health();
          })
          .then((health) => {
            clearTimeout(timer);
            settled = true;
            started.release();
            startOfferFlow(api);
            startWarmUp(api);
            resolve({ ok: true, health });
          })
          .catch((error: unknown) => fail(`worker error: ${error instanceof Error ? error.message : String(error)}`));
      } catch (error) {
        fail(`worker could not be created: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return booting;
  };

  // Once a decision is plausible on this page, the model and the running features (one read of the stored
  // history) load in idle time, so the first offer pays for neither; before that, nothing of them is fetched.
  let stopWarmUp: (() => void) | null = null;
  const startWarmUp = (worker: Remote<TailorWorkerApi>) => {
    if (stopWarmUp) return;
    stopWarmUp = watchWarmUp({
      triggers: config.triggers,
      sources: triggerSources,
      connection: () => (navigator as { connection?: ConnectionInfo }).connection,
      idle: (fn) => whenIdle(fn, 5000),
      warm: (reason) => {
        if (!decision.personalise) return;
        log.debug(`a decision is plausible (${reason}): loading the model`);
        void worker.warmUpModel().catch(() => {});
        void worker.features().catch(() => {});
      },
    });
  };
  const triggerSources = {
    pageType: () => tracker?.page.type ?? 'other',
    activeDwellMs: () => activeDwellMs(),
    onEvent: (fn: (name: string) => void) => listeners.push(fn),
  };

  const startOfferFlow = (worker: Remote<TailorWorkerApi>) => {
    if (stopOffers) return;
    const controller = startOffers({
      locale: config.locale,
      log,
      triggers: config.triggers,
      theme: config.theme,
      sources: triggerSources,
      context: () => {
        const current = product && tracker && product.viewId === tracker.page.viewId ? product : null;
        return { productPrice: current?.price ?? null, ...(current ? { productId: current.id } : {}), ...(current?.category ? { category: current.category } : {}) };
      },
      decide: async (request) => {
        if (!decision.personalise) return null;
        // An idle cart is judged on the cart as the platform has it now; its snapshot is sent before the question.
        if (request.trigger === 'idle_cart') await tracker?.refreshCart();
        outbox.flush();
        return worker.decide(request);
      },
      dismiss: (id) => worker.dismiss(id),
      emit: (input) => tracker?.emit(input),
    });
    stopOffers = controller.stop;
    fireTrigger = controller.fire;
  };

  const api: TailorApi = {
    version: VERSION,
    track(name, props = {}) {
      try {
        if (typeof name !== 'string' || name === '') {
          log.warn("'name' passed to 'track' must be a non-empty string; event dropped");
          return;
        }
        tracker?.emit(manualEvent(name, props && typeof props === 'object' ? props : {}));
      } catch (error) {
        log.warn('track failed:', error);
      }
    },
    cart(cart) {
      try {
        if (!cart || typeof cart !== 'object' || !Array.isArray((cart as { items?: unknown }).items)) {
          log.warn("'cart' passed to 'cart' must be an object with an 'items' array (GA4 items: item_id or id, price, quantity); ignored");
          return;
        }
        // Read as a GA4 `view_cart`, so items take the dataLayer's forms (item_id or id, numeric strings) and a
        // malformed item is skipped and counted like one pushed there.
        const { events, ignoredItems } = readDataLayer({ event: 'view_cart', ecommerce: cart });
        if (tracker) tracker.counters.ignoredItems += ignoredItems;
        for (const event of events) tracker?.emit(event);
      } catch (error) {
        log.warn('cart failed:', error);
      }
    },
    consent(value) {
      try {
        if (typeof value !== 'boolean') {
          log.warn("'granted' passed to 'consent' must be true or false; ignored");
          return;
        }
        explicit = value;
        rememberOptOut(!value);
        applyConsent();
      } catch (error) {
        log.warn('consent failed:', error);
      }
    },
    ready() {
      try {
        return boot();
      } catch (error) {
        return Promise.resolve({ ok: false, reason: String(error) });
      }
    },
    push(...calls) {
      for (const call of calls) replay(api, call as QueuedCall, log);
      return calls.length;
    },
    async audit() {
      try {
        const state = await boot();
        if (!state.ok || !remote) return null;
        // The page knows why consent is restricted (signals are read here); the worker only knows the result.
        return {
          ...(await remote.audit()),
          consentReasons: [...decision.reasons],
          carried: outbox.carried(),
          ...(tracker ? { pageCounters: { ...tracker.counters } } : {}),
        };
      } catch (error) {
        log.warn('audit failed:', error);
        return null;
      }
    },
    async exportData(options = {}) {
      const data = await api.audit();
      if (!data) return null;
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      if (options.download) downloadBlob(blob, `tailor-data-${new Date(data.generatedAt).toISOString().slice(0, 10)}.json`);
      return blob;
    },
    async forget() {
      try {
        forgetLocally();
        channel?.postMessage({ type: 'forget' });
        const state = await boot();
        if (state.ok && remote) await remote.forget();
      } catch (error) {
        log.warn('forget failed:', error);
      }
    },
    async openAudit() {
      try {
        const { openAuditPanel } = await import('./audit/auditPanel');
        openAuditPanel({ api, locale: config.locale, log });
      } catch (error) {
        log.warn('audit panel failed to open:', error);
      }
    },
  };

  if (config.debug) {
    api.debug = createDebugHooks(async () => {
      const state = await boot();
      if (!state.ok || !remote) throw new Error(`worker unavailable: ${state.ok ? 'no remote' : state.reason}`);
      return remote;
    }, (t) => fireTrigger?.(t));
  }

  /** Stops capture and drops every trace on the page side; the worker part is `remote.forget()`. */
  function forgetLocally(): void {
    explicit = false;
    rememberOptOut(true);
    tracker?.stop();
    tracker = null;
    outbox.forget();
    clearEarly();
    stopOffers?.();
    stopOffers = null;
    stopWarmUp?.();
    stopWarmUp = null;
    fireTrigger = null;
    applyConsent();
  }
  // Other tabs of the shop: a forget in one is a forget in all.
  let channel: BroadcastChannel | null = null;
  try {
    channel = new BroadcastChannel('tailor-control');
    channel.onmessage = (e: MessageEvent<{ type?: string }>) => {
      if (e.data?.type === 'forget') forgetLocally();
    };
  } catch {
    // No BroadcastChannel: other tabs stop at their next page load (their database is gone).
  }
  const onHash = () => {
    if (location.hash === '#tailor-audit') void api.openAudit();
  };
  addEventListener('hashchange', onHash);
  onHash();

  /** Re-decides consent from every signal and applies a change everywhere. */
  function applyConsent(): void {
    decision = decideConsent({ mode: config.consent, explicit, ...pageSignals, personaliseUnderGpc: config.personaliseUnderGpc });
    const was = granted;
    granted = decision.store;
    if (granted && !was) {
      if (!tracker && !workerFailed) tracker = startTracker({ sink, log });
      outbox.release();
      if (remote) {
        startOfferFlow(remote);
        startWarmUp(remote);
      }
    } else if (!granted && was) {
      tracker?.stop();
      tracker = null;
      outbox.drop();
      clearEarly();
    } else if (!granted && explicit === false) {
      // Withdrawn before anything was stored: stop capture and drop what was held in memory.
      tracker?.stop();
      tracker = null;
      outbox.dropHeld();
    }
    void remote?.setConsent(caps()).then(outbox.flush, (e: unknown) => log.warn('consent not applied in worker:', e));
  }
  const caps = () => ({ store: decision.store, personalise: decision.personalise, sync: decision.sync });

  // Restored from the back/forward cache: pick up what other pages of the shop left in the buffer.
  addEventListener('pageshow', (e) => {
    if (e.persisted) outbox.restored();
  });
  onPageHide((e) => {
    // What the tracker still reads in slices (a long dataLayer backlog) joins the buffer before it is saved.
    tracker?.flush();
    // Into the cache: no worker traffic at all (the buffer holds the events, the outbox the reports; a restore or
    // the next page delivers them).
    if (!outbox.hide(e.type === 'pagehide' && (e as PageTransitionEvent).persisted)) return;
    // Deliver queued reports with keepalive: the worker dies with the page.
    if (decision.sync && remote) void remote.sync({ keepalive: true }).catch(() => {});
  });
  tracker = startTracker({ sink, log });
  // Read after the tracker so that Consent Mode entries already in dataLayer are seen too.
  watchConsentSignals(pageSignals, applyConsent);
  applyConsent();
  // Start the worker when the main thread is idle: tracking must not delay the shop's own work.
  whenIdle(() => void boot(), 2000);
  return api;
}

/** Runs `fn` when the main thread is idle (at most `timeoutMs` later), or on the next task without idle callbacks. */
function whenIdle(fn: () => void, timeoutMs: number): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => void }).requestIdleCallback;
  if (ric) ric(fn, { timeout: timeoutMs });
  else setTimeout(fn, 1);
}
