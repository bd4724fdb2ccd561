/**
 * Full recompute: stored events → the raw feature record of the latest session, from scratch. The reference the
 * incremental accumulator is tested against, and the simple path for callers that hold the events anyway.
 */
import type { RawFeatureRecord } from '../features/definition';
import type { FeatureContext, FeatureEvent } from './featureContext';
import { resolveContext } from './featureContext';
import { dedupeEvents } from './dedupeEvents';
import { aggregateSession } from './lib/aggregateSession';
import { foldSession } from './lib/foldSession';
import { EMPTY_SUMS, sessionSums } from './lib/rates';
import { recordFrom } from './lib/recordFrom';
import { splitSessions } from './lib/splitSessions';

/**
 * The raw feature record (FEATURE_SPEC names) for the session holding the latest of `events`.
 *
 * `events` are the device's stored events in storage order (by ts): duplicates are dropped (`dedupeEvents`), the
 * rest split into sessions by the 30-minute rule; every session but the last is history, added to
 * `context.history`. Session features describe the last session, history features the sessions before it.
 * Missing values (no purchase yet, no offer shown) are `null` for the vectorizer to impute.
 */
export function computeFeatures(events: readonly FeatureEvent[], context: FeatureContext): RawFeatureRecord {
  const ctx = resolveContext(context, 'computeFeatures');
  const sessions = splitSessions(dedupeEvents(events));
  const { history } = ctx;
  for (const past of sessions.slice(0, -1)) foldSession(history, aggregateSession(past.events, past.times, ctx.classify));
  const current = sessions[sessions.length - 1];
  const session = current ? aggregateSession(current.events, current.times, ctx.classify) : null;
  return recordFrom({
    history,
    session,
    sums: session ? sessionSums(history, session, ctx.rates) : EMPTY_SUMS,
    earlierSessions: Math.max(0, sessions.length - 1),
    context: ctx,
    now: Math.max(ctx.now, session?.end ?? -Infinity),
    pageValues: ctx.pageValues,
  });
}
