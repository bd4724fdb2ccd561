/** Shape checks at the entry points: events come from storage and were validated there, so this stays shallow. */
import type { FeatureEvent } from '../featureContext';

/** Throws unless `event` has a string name, a finite ts and a props object. */
export function assertEvent(event: unknown, caller: string, label = 'event'): asserts event is FeatureEvent {
  const e = event as Partial<FeatureEvent> | null;
  if (typeof e !== 'object' || e === null || typeof e.name !== 'string' || !Number.isFinite(e.ts)
    || typeof e.props !== 'object' || e.props === null) {
    throw new Error(`'${label}' passed to '${caller}' must be a stored Tailor event with a name, a finite ts and props`);
  }
}

/** Throws unless `events` is an array of events. */
export function assertEvents(events: unknown, caller: string): asserts events is readonly FeatureEvent[] {
  if (!Array.isArray(events)) throw new Error(`'events' passed to '${caller}' must be an array of Tailor events`);
  events.forEach((event, i) => assertEvent(event, caller, `events[${i}]`));
}
