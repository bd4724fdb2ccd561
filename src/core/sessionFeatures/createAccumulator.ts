/**
 * Incremental features: a reducer over events that keeps the current record up to date in O(1) per event
 * (a purchase costs O(items), a session change O(distinct paths of the ended session)), never rescanning history.
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
import { effectiveTs, startsSession } from './lib/sessionRule';
import { assertEvent } from './lib/assertEvents';

/** JSON-serialisable state of an accumulator; restore it into one created with the same options. */
export interface AccumulatorSnapshot {
  readonly version: 1;
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
  /** The current raw feature record; `now` (default: the init's) only moves recency, never before the latest event. */
  raw(now?: number): RawFeatureRecord;
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
    raw(now = ctx.now) {
      if (!Number.isFinite(now)) throw new Error(`'now' passed to 'raw' must be a finite ms timestamp, got ${String(now)}`);
      return recordFrom({
        history,
        session: session?.aggregate ?? null,
        sums: session?.sums() ?? { bounceSum: 0, exitSum: 0, valueSum: 0, valuePaths: 0 },
        earlierSessions: Math.max(0, sessionsSeen - 1),
        context: ctx,
        now: Math.max(now, lastTs ?? -Infinity),
      });
    },
    snapshot: () => ({
      version: 1,
      lastTs,
      sessionsSeen,
      history: structuredClone(history),
      session: session?.snapshot() ?? null,
      dedupe: deduper.snapshot(),
    }),
    restore(snapshot) {
      if (typeof snapshot !== 'object' || snapshot === null || snapshot.version !== 1) {
        throw new Error(`'snapshot' passed to 'restore' must be an AccumulatorSnapshot of version 1`);
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
