/**
 * Streaming duplicate filter shared by `dedupeEvents` (batch) and the accumulator (one event at a time), so both
 * drop exactly the same events. Memory is bounded by the events of the last 30 minutes.
 *
 * An event is a duplicate when an earlier KEPT event
 *  - has the same `id` and is less than {@link ID_WINDOW_MS} older, i.e. in the same session (retries, replays
 *    from another tab; the store's idempotent append catches any older repeat), or
 *  - has the same name, page type, path and props and is at most {@link DUPLICATE_WINDOW_MS} older (a tag that
 *    fired twice, e.g. a thank-you page script included by two plugins).
 * Times are effective (never decreasing) timestamps, as everywhere in the feature code.
 */
import type { FeatureEvent } from '../featureContext';
import { stableKey } from './stableKey';
import { SESSION_IDLE_MS, effectiveTs } from './sessionRule';

/** Identical events closer than this are one event fired twice. */
export const DUPLICATE_WINDOW_MS = 1000;
/** A repeated id within this window is a retry of the same event. */
export const ID_WINDOW_MS = SESSION_IDLE_MS;

/** JSON form of a deduper's state. */
export interface DeduperSnapshot {
  readonly last: number | null;
  readonly ids: readonly (readonly [string, number])[];
  readonly recent: readonly (readonly [string, number])[];
}

/** A stateful duplicate filter. */
export interface Deduper {
  /** True when `event` is new (and remembers it), false when it duplicates a kept event. */
  accept(event: FeatureEvent): boolean;
  snapshot(): DeduperSnapshot;
}

/** What makes two events "identical" apart from their time and id. */
function contentKey(event: FeatureEvent): string {
  return stableKey([event.name, event.page_type ?? null, event.path ?? null, event.props]);
}

/** Drops the entries that can no longer match; Maps iterate in insertion order, which is time order here. */
function purge(map: Map<string, number>, live: (ts: number) => boolean): void {
  for (const [key, ts] of map) {
    if (live(ts)) break;
    map.delete(key);
  }
}

/** A new deduper, or one continuing from `snapshot`. */
export function createDeduper(snapshot?: DeduperSnapshot): Deduper {
  let last = snapshot?.last ?? null;
  const ids = new Map(snapshot?.ids ?? []);
  const recent = new Map(snapshot?.recent ?? []);
  return {
    accept(event) {
      const ts = effectiveTs(last, event.ts);
      const idLive = (seen: number) => ts - seen < ID_WINDOW_MS;
      const contentLive = (seen: number) => ts - seen <= DUPLICATE_WINDOW_MS;
      const idSeen = event.id === undefined ? undefined : ids.get(event.id);
      if (idSeen !== undefined && idLive(idSeen)) return false;
      const key = contentKey(event);
      const contentSeen = recent.get(key);
      if (contentSeen !== undefined && contentLive(contentSeen)) return false;
      last = ts;
      // Delete before set so that re-inserted keys move to the end and the maps stay in time order.
      if (event.id !== undefined) {
        ids.delete(event.id);
        ids.set(event.id, ts);
      }
      recent.delete(key);
      recent.set(key, ts);
      purge(ids, idLive);
      purge(recent, contentLive);
      return true;
    },
    snapshot: () => ({ last, ids: [...ids], recent: [...recent] }),
  };
}
