/**
 * The runtime chunk: imported by tailor.js right after it runs. It builds the
 * real page API, replays the queue, and (through the tracker) starts capture.
 * Everything heavier than the loader lives here, so tailor.js stays tiny.
 */
import { createTailor, type TailorApi, type TailorDeps } from './tailor';
import { replay, type QueuedCall } from './lib/replayQueue';

export type { TailorApi, TailorDeps };

/** The shape of this chunk's module namespace, as the loader sees it. */
export interface RuntimeModule {
  start(deps: TailorDeps, queued: QueuedCall[]): TailorApi;
}

/** Creates the API and replays calls queued before the runtime arrived, in order. */
export function start(deps: TailorDeps, queued: QueuedCall[]): TailorApi {
  const api = createTailor(deps);
  for (const call of queued.splice(0)) replay(api, call, deps.log);
  return api;
}
