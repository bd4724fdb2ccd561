/**
 * The public page API (`window.tailor`): small, synchronous where a merchant
 * calls it, and unable to throw into the page.
 */
import { wrap, type Remote } from 'comlink';
import type { TailorConfig } from '../core/config';
import type { Logger } from '../core/logger';
import { VERSION } from '../core/version';
import { installWireErrors, type PageEvent, type TailorWorkerApi, type WorkerHealth } from '../worker/protocol';
import { startWorker } from './lib/startWorker';
import { whenIdle } from './lib/whenIdle';
import type { QueuedCall } from './lib/replayQueue';

/** What `ready()` resolves to: never a rejection, so `await tailor.ready()` is always safe. */
export type ReadyState = { ok: true; health: WorkerHealth } | { ok: false; reason: string };

/** The object merchants call. */
export interface TailorApi {
  /** Tailor's version. */
  readonly version: string;
  /** Records a custom event (or a known one) with primitive props. */
  track(name: string, props?: Record<string, unknown>): void;
  /** Resolves once the worker has answered a health call, or with the reason it could not. */
  ready(): Promise<ReadyState>;
  /** Queue compatibility: `tailor.push(['track', name, props])` works before and after load. */
  push(...calls: unknown[]): number;
}

/** Where the worker lives and how to talk to it; injected so tests can replace it. */
export interface TailorDeps {
  config: TailorConfig;
  log: Logger;
  /** Absolute URL of the worker chunk. */
  workerUrl: string;
  /** Absolute URL of the directory tailor.js was served from. */
  sdkBase: string;
  /** How long `ready()` waits for the worker before giving up. */
  readyTimeoutMs?: number;
}

/** Creates the page API. The worker starts when the page is idle, or at once on `ready()`. */
export function createTailor(deps: TailorDeps): TailorApi {
  const { config, log } = deps;
  const pending: PageEvent[] = [];
  let remote: Remote<TailorWorkerApi> | null = null;
  let booting: Promise<ReadyState> | null = null;

  const boot = (): Promise<ReadyState> => {
    booting ??= new Promise<ReadyState>((resolve) => {
      const timer = setTimeout(
        () => resolve({ ok: false, reason: `worker did not answer within ${deps.readyTimeoutMs ?? 10000} ms` }),
        deps.readyTimeoutMs ?? 10000,
      );
      const fail = (reason: string) => {
        clearTimeout(timer);
        log.warn('no offers on this page:', reason);
        resolve({ ok: false, reason });
      };
      try {
        installWireErrors();
        const started = startWorker(deps.workerUrl);
        started.worker.addEventListener('error', (e) => fail(`worker failed to start (${e.message || 'load error'})`));
        const api = wrap<TailorWorkerApi>(started.worker);
        api
          .init({ config, sdkBase: deps.sdkBase })
          .then(() => {
            // Events tracked before the worker was up go first, so health counts them.
            remote = api;
            return api.ingest(pending.splice(0, pending.length));
          })
          .then(() => api.health())
          .then((health) => {
            clearTimeout(timer);
            started.release();
            resolve({ ok: true, health });
          })
          .catch((error: unknown) => fail(`worker error: ${error instanceof Error ? error.message : String(error)}`));
      } catch (error) {
        fail(`worker could not be created: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return booting;
  };

  const flush = (): void => {
    if (!remote || pending.length === 0) return;
    const batch = pending.splice(0, pending.length);
    remote.ingest(batch).catch((error: unknown) => log.warn('ingest failed:', error));
  };

  const api: TailorApi = {
    version: VERSION,
    track(name, props = {}) {
      try {
        if (typeof name !== 'string' || name === '') {
          log.warn("'name' passed to 'track' must be a non-empty string; event dropped");
          return;
        }
        pending.push({ name, props: props && typeof props === 'object' ? { ...props } : {}, ts: Date.now() });
        if (remote) queueMicrotask(flush);
      } catch (error) {
        log.warn('track failed:', error);
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
  };

  whenIdle(() => void boot());
  return api;
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
    else if (method === 'ready') {
      const cb = args[0];
      void api.ready().then((state) => typeof cb === 'function' && cb(state));
    } else log.warn(`unknown method ${JSON.stringify(method)} in the queue; ignored`);
  } catch (error) {
    log.warn('queued call failed:', error);
  }
}
