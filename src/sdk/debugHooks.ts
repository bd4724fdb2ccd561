/**
 * `tailor.debug`, only with `data-debug` on the tag: support and test hooks that reach into the worker (its clock,
 * a sync round, the feature vector, the model, replaying recorded events). Kept apart from the page API so that
 * what merchants call stays small to read.
 */
import type { Remote } from 'comlink';
import type { TailorWorkerApi, Trigger, WireEvent } from '../worker/protocol';
import type { TailorDebug } from './tailorApi';

/**
 * Builds the hooks over `worker` (resolves with the booted worker, or rejects saying why there is none) and
 * `fire` (runs the offer decision for a trigger as the trigger logic would).
 */
export function createDebugHooks(worker: () => Promise<Remote<TailorWorkerApi>>, fire: (t: Trigger) => Promise<void> | undefined): TailorDebug {
  return {
    advanceClock: async (ms) => (await worker()).debugAdvanceClock(ms),
    syncNow: async () => (await worker()).sync({ forceConfig: true }),
    features: async (full = false) => (await worker()).features({ full }),
    cart: async () => (await worker()).cart(),
    trigger: async (t) => {
      await worker();
      await fire(t);
    },
    model: async () => (await worker()).warmUpModel(),
    ingest: async (events) => (await worker()).ingest(events as WireEvent[]),
  };
}
