/** Batch session split: events in their given order, cut wherever the effective clock jumps 30 minutes or more. */
import type { FeatureEvent } from '../featureContext';
import { effectiveTs, startsSession } from './sessionRule';

/** One session: its events and their effective (never decreasing) timestamps, index for index. */
export interface SessionSlice<E extends FeatureEvent = FeatureEvent> {
  readonly events: E[];
  readonly times: number[];
}

/** Splits `events` (stored order, i.e. by ts) into sessions. */
export function splitSessions<E extends FeatureEvent>(events: readonly E[]): SessionSlice<E>[] {
  const sessions: SessionSlice<E>[] = [];
  let last: number | null = null;
  for (const event of events) {
    const ts = effectiveTs(last, event.ts);
    if (startsSession(last, ts)) sessions.push({ events: [], times: [] });
    const current = sessions[sessions.length - 1]!;
    current.events.push(event);
    current.times.push(ts);
    last = ts;
  }
  return sessions;
}
