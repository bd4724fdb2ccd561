/**
 * The worker-side implementation of {@link TailorWorkerApi}.
 *
 * The store is opened lazily, on the first write after consent: a shopper
 * who never consents never gets a database. Events from the page are
 * validated again here, because the page is not ours and anything could
 * have called `postMessage`.
 */
import type { IngestResult, TailorWorkerApi, WireEvent, WorkerHealth, WorkerInit } from './protocol';
import { VERSION } from '../core/version';
import { createLogger } from '../core/logger';
import { validateEvent } from '../core/events/validate';
import { openStore } from './store/openStore';
import type { Store } from './store/store';
import type { StoredEventInput } from './store/schema';

/** How often (at most) the retention sweep runs, per worker. */
const RETENTION_EVERY_MS = 10 * 60 * 1000;

/** Options for tests: a custom store opener. */
export interface WorkerApiOptions {
  open?: () => Promise<Store>;
}

/** Builds the worker API; separate from the entry so tests can call it without comlink. */
export function createWorkerApi(options: WorkerApiOptions = {}): TailorWorkerApi & { store(): Promise<Store> } {
  const log = createLogger();
  let init: WorkerInit | null = null;
  let consent = false;
  let eventsReceived = 0;
  let storePromise: Promise<Store> | null = null;
  let lastSweep = 0;

  const store = (): Promise<Store> => (storePromise ??= (options.open ?? (() => openStore()))());

  const sweep = async (s: Store) => {
    const now = Date.now();
    if (now - lastSweep < RETENTION_EVERY_MS) return;
    lastSweep = now;
    const result = await s.applyRetention({ now });
    if (result.error) log.warn('retention sweep failed:', result.error.message);
  };

  return {
    async init(value: WorkerInit): Promise<void> {
      if (!value || typeof value !== 'object' || !value.config) {
        throw new TypeError("'init' passed to 'init' must be an object with a 'config'");
      }
      init = value;
      consent = value.config.consent === 'granted';
      log.level = value.config.debug ? 'debug' : 'warn';
      if (consent) void store().then(sweep, (e: unknown) => log.warn('store unavailable:', e));
    },
    async health(): Promise<WorkerHealth> {
      const s = storePromise ? await storePromise.catch(() => null) : null;
      return {
        ok: true,
        version: VERSION,
        initialised: init !== null,
        eventsReceived,
        uptimeMs: performance.now(),
        consent,
        store: s ? { kind: s.kind, ...(s.reason ? { reason: s.reason } : {}) } : { kind: 'none' },
      };
    },
    async ingest(events: WireEvent[]): Promise<IngestResult> {
      if (!Array.isArray(events)) throw new TypeError("'events' passed to 'ingest' must be an array");
      eventsReceived += events.length;
      if (!consent) return { written: 0, duplicates: 0, rejected: events.length };
      const valid: StoredEventInput[] = [];
      let rejected = 0;
      for (const e of events) {
        const result = validateEvent(e);
        if (result.ok && typeof e?.id === 'string' && e.id.length > 0 && e.id.length <= 64) valid.push({ ...result.event, id: e.id });
        else rejected++;
      }
      if (valid.length === 0) return { written: 0, duplicates: 0, rejected };
      const s = await store();
      const result = await s.appendEvents(valid);
      if (result.error) throw Object.assign(new Error(result.error.message), { name: result.error.name });
      void sweep(s);
      return { written: result.written, duplicates: result.duplicates, rejected: rejected + result.rejected };
    },
    async setConsent(granted: boolean): Promise<void> {
      if (typeof granted !== 'boolean') throw new TypeError("'granted' passed to 'setConsent' must be a boolean");
      consent = granted;
    },
    store,
  };
}
