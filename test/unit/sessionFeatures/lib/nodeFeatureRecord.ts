/**
 * The Node side of every feature-parity check: what a Node consumer of an event log (an export, a support case)
 * does to get the record the worker reports — validate each event as the worker does (at the view's clock), keep
 * one per id, put them in store order (ts, then id) and run `computeFeatures` with the inputs the view names.
 */
import { validateEvent } from '../../../../src/core/events/validate';
import { computeFeatures, type FeatureEvent } from '../../../../src/core/sessionFeatures';
import type { RawFeatureRecord } from '../../../../src/core/features/definition';
import type { FeatureView, WireEvent } from '../../../../src/worker/protocol';
import { compareByTsThenId } from '../../../../src/worker/store/lib/eventOrder';

/** The record of `events` under `inputs`, and the events it was computed from. */
export function nodeFeatureRecord(events: readonly WireEvent[], inputs: FeatureView['inputs']): { raw: RawFeatureRecord; kept: FeatureEvent[] } {
  const kept: (FeatureEvent & { id: string })[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    const r = validateEvent(e, inputs.now);
    if (r.ok && !seen.has(e.id)) kept.push({ ...r.event, id: e.id });
    seen.add(e.id);
  }
  kept.sort(compareByTsThenId);
  const raw = computeFeatures(kept, {
    now: inputs.now,
    visitor: { priorSessions: inputs.priorSessions, persistent: inputs.persistent },
    ...(inputs.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: inputs.utcOffsetMinutes } : {}),
    pageValues: inputs.pageValues ?? null,
  });
  return { raw, kept };
}
