/**
 * Incremental features: a reducer over events that keeps the current record up to date in O(1) per event (a
 * purchase costs O(items), a session change O(distinct paths and categories of the ended session)), never
 * rescanning history.
 * For any event stream, `raw()` after each `add` equals `computeFeatures` of the events so far (property-tested).
 */
import type { RawFeatureRecord } from '../features/definition';
import type { FeatureContext, FeatureEvent } from './featureContext';
import { resolveContext } from './featureContext';
import type { HistorySummary } from './historySummary';
import { assertHistorySummary } from './historySummary';
import type { DeduperSnapshot } from './lib/deduper';
import { createDeduper } from './lib/deduper';
import type { ReducerSnapshot, SessionReducer } from './lib/sessionReducer';
import { createSessionReducer } from './lib/sessionReducer';
import { foldSession } from './lib/foldSession';
import { recordFrom } from './lib/recordFrom';
import { EMPTY_SUMS } from './lib/rates';
import { effectiveTs, startsSession } from './lib/sessionRule';
import { assertEvent } from './lib/assertEvents';
import type { PageValueTable } from '../pageValues/pageValueTable';
import { parsePageValueTable } from '../pageValues/pageValueTable';

/**
 * Layout version of {@link AccumulatorSnapshot}. Version 1 (before category counters) is refused on restore: its
 * open session lacks the category counts, which only its events can give back, so rebuild from the stored events.
 */
export const ACCUMULATOR_SNAPSHOT_VERSION = 2;

/** JSON-serialisable state of an accumulator; restore it into one created with the same options. */
export interface AccumulatorSnapshot {
  readonly version: typeof ACCUMULATOR_SNAPSHOT_VERSION;
  readonly lastTs: number | null;
  readonly sessionsSeen: number;
  readonly history: HistorySummary;
  readonly session: ReducerSnapshot | null;
  readonly dedupe: DeduperSnapshot;
}

/** A running feature computation. */
export interface FeatureAccumulator {
  /** Takes the next stored event (storage order); duplicates are ignored, an event 30 minutes after the last starts a session. */
  add(event: FeatureEvent): void;
  /**
   * The current raw feature record; `now` (default: the init's) only moves recency, never before the latest event.
   * `pageValues` (default: the init's) prices the pages: the table is read here, not folded, so a newer one served
   * after the accumulator was built applies at once.
   */
  raw(now?: number, pageValues?: PageValueTable | null): RawFeatureRecord;
  /** The full state as plain JSON. */
  snapshot(): AccumulatorSnapshot;
  /** Replaces the state with `snapshot` (from `snapshot()` of an accumulator with the same options). */
  restore(snapshot: AccumulatorSnapshot): void;
}

/**
 * An accumulator starting from `init`: the visitor state and history summary describe everything before the
 * first event it will see (which must start a new session), `init.now` is the clock before any event.
 */
export function createAccumulator(init: FeatureContext): FeatureAccumulator {
  const ctx = resolveContext(init, 'createAccumulator');
  let history = ctx.history;
  let deduper = createDeduper();
  let lastTs: number | null = null;
  let sessionsSeen = 0;
  let session: SessionReducer | null = null;

  return {
    add(event) {
      assertEvent(event, 'add');
      if (!deduper.accept(event)) return;
      const ts = effectiveTs(lastTs, event.ts);
      if (startsSession(lastTs, ts)) {
        if (session !== null) foldSession(history, session.aggregate);
        session = createSessionReducer(ts, ctx.classify, history, ctx.rates);
        sessionsSeen += 1;
      }
      session!.add(event, ts);
      lastTs = ts;
    },
    raw(now = ctx.now, pageValues) {
      if (!Number.isFinite(now)) throw new Error(`'now' passed to 'raw' must be a finite ms timestamp, got ${String(now)}`);
      // A table parsePageValueTable returned before (the worker's served one) is not checked again.
      const table = pageValues === undefined ? ctx.pageValues : pageValues === null ? null : parsePageValueTable(pageValues, 'raw');
      return recordFrom({
        pageValues: table,
        history,
        session: session?.aggregate ?? null,
        sums: session?.sums() ?? EMPTY_SUMS,
        earlierSessions: Math.max(0, sessionsSeen - 1),
        context: ctx,
        now: Math.max(now, lastTs ?? -Infinity),
      });
    },
    snapshot: () => ({
      version: ACCUMULATOR_SNAPSHOT_VERSION,
      lastTs,
      sessionsSeen,
      history: structuredClone(history),
      session: session?.snapshot() ?? null,
      dedupe: deduper.snapshot(),
    }),
    restore(snapshot) {
      if (typeof snapshot !== 'object' || snapshot === null || snapshot.version !== ACCUMULATOR_SNAPSHOT_VERSION) {
        const got = typeof snapshot === 'object' && snapshot !== null ? String((snapshot as { version?: unknown }).version) : typeof snapshot;
        throw new Error(`'snapshot' passed to 'restore' must be an AccumulatorSnapshot of version ${ACCUMULATOR_SNAPSHOT_VERSION}, got ${got}`
          + ' (older snapshots lack category counters: rebuild the accumulator from the stored events)');
      }
      assertHistorySummary(snapshot.history, 'restore');
      history = structuredClone(snapshot.history);
      deduper = createDeduper(snapshot.dedupe);
      lastTs = snapshot.lastTs;
      sessionsSeen = snapshot.sessionsSeen;
      session = snapshot.session ? createSessionReducer(0, ctx.classify, history, ctx.rates, snapshot.session) : null;
    },
  };
}
