/**
 * The worker-side implementation of {@link TailorWorkerApi}.
 */
import type { PageEvent, TailorWorkerApi, WorkerHealth, WorkerInit } from './protocol';
import { VERSION } from '../core/version';
import { createLogger } from '../core/logger';

/** Builds the worker API; separate from the entry so tests can call it without comlink. */
export function createWorkerApi(): TailorWorkerApi {
  const log = createLogger();
  let init: WorkerInit | null = null;
  let eventsReceived = 0;

  return {
    async init(value: WorkerInit): Promise<void> {
      if (!value || typeof value !== 'object' || !value.config) {
        throw new TypeError("'init' passed to 'init' must be an object with a 'config'");
      }
      init = value;
      log.level = value.config.debug ? 'debug' : 'warn';
      log.debug('worker initialised for site', value.config.site);
    },
    async health(): Promise<WorkerHealth> {
      return { ok: true, version: VERSION, initialised: init !== null, eventsReceived, uptimeMs: performance.now() };
    },
    async ingest(events: PageEvent[]): Promise<number> {
      if (!Array.isArray(events)) throw new TypeError("'events' passed to 'ingest' must be an array");
      eventsReceived += events.length;
      return events.length;
    },
  };
}
