/**
 * Cleaning step 1: drop repeated events (see lib/deduper.ts for what counts as a repeat). Pure: returns a new
 * array holding the kept events, in their original order and unchanged.
 */
import type { FeatureEvent } from './featureContext';
import { createDeduper } from './lib/deduper';
import { assertEvents } from './lib/assertEvents';

/** The events of `events` that are not duplicates of an earlier kept one. */
export function dedupeEvents<E extends FeatureEvent>(events: readonly E[]): E[] {
  assertEvents(events, 'dedupeEvents');
  const deduper = createDeduper();
  return events.filter((event) => deduper.accept(event));
}
