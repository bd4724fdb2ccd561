/**
 * The device clock's sanity check against the collector's `Date` header. A device whose own clock is wrong (set by
 * hand, a dead RTC battery, a VM restored from a snapshot) would stamp every event, retention sweep and coupon
 * expiry with that error; the page-vs-worker correction (lib/clockShift.ts) cannot see it, since both read the
 * same clock. Each collector answer carries the server's time to the second: where the device is more than
 * {@link DEVICE_SKEW_TOLERANCE_MS} off it, the worker's time is corrected by the measured offset, and the offset is
 * kept in the store for the next page's worker. Within tolerance nothing is corrected (the header's 1 s resolution
 * and the round trip make small offsets noise).
 */

/** A device clock closer than this to the server's is left alone. */
export const DEVICE_SKEW_TOLERANCE_MS = 5 * 60_000;
/** The store `meta` key of the last measured offset. */
export const SERVER_CLOCK_KEY = 'server-clock';

/** What the store keeps: the offset (ms to add to the device clock) and when, on the device clock, it was measured. */
export interface SavedOffset {
  offsetMs: number;
  measuredAt: number;
}

/**
 * The offset a response implies: the server's `Date` (`dateHeader`, whole seconds, so its midpoint) minus the
 * midpoint of the request on the device clock; null when the header is missing or unreadable.
 */
export function measuredOffset(dateHeader: string | null, sentAt: number, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (!Number.isFinite(server)) return null;
  return Math.round(server + 500 - (sentAt + receivedAt) / 2);
}

/** The correction to apply for a measured offset: the offset where it exceeds the tolerance, else 0. */
export function correctionFor(offsetMs: number): number {
  return Math.abs(offsetMs) > DEVICE_SKEW_TOLERANCE_MS ? offsetMs : 0;
}

/** The worker's view of the device clock's error. */
export interface ServerClock {
  /** Milliseconds to add to the device clock (0 while it agrees with the server). */
  offsetMs(): number;
  /**
   * Takes a collector response's `Date` into account, `sentAt` and `receivedAt` read on the corrected clock (device
   * clock + {@link offsetMs}); returns the new correction when it changed, else null.
   */
  observe(dateHeader: string | null, sentAt: number, receivedAt: number): number | null;
  /** Resumes a correction a previous worker measured. */
  restore(saved: unknown): void;
}

/** A clock check with no correction yet. */
export function createServerClock(): ServerClock {
  let correction = 0;
  return {
    offsetMs: () => correction,
    observe(dateHeader, sentAt, receivedAt) {
      const residual = measuredOffset(dateHeader, sentAt, receivedAt);
      if (residual === null) return null;
      const next = correctionFor(correction + residual);
      // A correction already in place is only replaced by one that differs by more than the tolerance too.
      if (next === correction || (next !== 0 && correction !== 0 && Math.abs(next - correction) <= DEVICE_SKEW_TOLERANCE_MS)) return null;
      correction = next;
      return correction;
    },
    restore(saved) {
      const s = saved as Partial<SavedOffset> | undefined;
      if (s && typeof s.offsetMs === 'number' && Number.isFinite(s.offsetMs)) correction = correctionFor(s.offsetMs);
    },
  };
}
