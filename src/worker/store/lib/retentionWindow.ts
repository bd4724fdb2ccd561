/**
 * Turns retention options into the two numbers a sweep needs, with the defaults of the privacy policy.
 */
import type { RetentionOptions } from '../store';
import { DAY_MS } from './sessionRule';

/** Events older than this many days are deleted by default. */
export const DEFAULT_MAX_AGE_DAYS = 30;
/** At most this many events are kept by default (about 15 MB at ~300 B per event). */
export const DEFAULT_MAX_EVENTS = 50_000;

/** What a sweep deletes: everything with `ts < cutoff`, then the oldest events beyond `maxEvents`. */
export interface RetentionWindow {
  cutoff: number;
  maxEvents: number;
}

/** Resolves `options` against the defaults and `clock`; throws on values that would delete by accident. */
export function retentionWindow(options: RetentionOptions | undefined, clock: () => number): RetentionWindow {
  const { maxAgeDays = DEFAULT_MAX_AGE_DAYS, maxEvents = DEFAULT_MAX_EVENTS, now = clock() } = options ?? {};
  if (typeof maxAgeDays !== 'number' || !(maxAgeDays > 0)) {
    throw new RangeError(`'maxAgeDays' passed to 'applyRetention' must be a positive number, got ${String(maxAgeDays)}`);
  }
  if (!Number.isInteger(maxEvents) || maxEvents < 0) {
    throw new RangeError(`'maxEvents' passed to 'applyRetention' must be a non-negative integer, got ${String(maxEvents)}`);
  }
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new RangeError(`'now' passed to 'applyRetention' must be a finite number of ms, got ${String(now)}`);
  }
  return { cutoff: now - maxAgeDays * DAY_MS, maxEvents };
}
