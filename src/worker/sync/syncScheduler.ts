/**
 * When the worker syncs: one round at a time (a round asked for while one runs joins it), the first 5–30 s after
 * start (so it is not tied to the page view) and then every 5 minutes, plus the rounds the page asks for (page hide,
 * with keepalive). The round itself (syncModule's `syncCycle`) is a lazy chunk; a failed round is logged and
 * answers null.
 */
import type { Logger } from '../../core/logger';
import type { SyncSummary } from '../protocol';

/** Options of one round. */
export interface RoundOptions {
  keepalive?: boolean;
  forceConfig?: boolean;
}

/** The scheduler. */
export interface SyncScheduler {
  /** One round now, if `allowed()`; rounds never overlap. */
  run(options?: RoundOptions): Promise<SyncSummary | null>;
  /** Starts the periodic rounds (once). */
  schedule(): void;
  /** Stops the periodic rounds ("Delete my data"). */
  stop(): void;
}

/** What the scheduler needs. */
export interface SyncSchedulerDeps {
  /** Whether consent and an endpoint allow a round now. */
  allowed(): boolean;
  round(options: RoundOptions): Promise<SyncSummary>;
  log: Logger;
  /** Uniform [0, 1), for the first round's delay. */
  random(): number;
}

const PERIOD_MS = 5 * 60_000;

/** Creates the scheduler. */
export function createSyncScheduler(deps: SyncSchedulerDeps): SyncScheduler {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<SyncSummary | null> | null = null;
  const run = (options: RoundOptions = {}): Promise<SyncSummary | null> => {
    if (!deps.allowed()) return Promise.resolve(null);
    running ??= (async () => {
      try {
        return await deps.round(options);
      } catch (error) {
        deps.log.warn('sync round failed:', error instanceof Error ? error.message : error);
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return {
    run,
    schedule() {
      if (timer !== null) return;
      const tick = (delay: number) => {
        timer = setTimeout(() => {
          void run().finally(() => tick(PERIOD_MS));
        }, delay);
      };
      tick(5_000 + deps.random() * 25_000);
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
