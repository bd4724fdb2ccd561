/**
 * The page's clock against the worker's: the page is not ours, and a page that moves `Date.now` (+48 h, −24 h) must
 * not move event times. A batch is sent with the page's clock; where it disagrees with the worker's by more than the
 * tolerance, the batch's timestamps are moved by the difference (the events keep their spacing).
 */

/** A page clock this far from the worker's is wrong, not late: its batch's timestamps are corrected. */
export const CLOCK_SKEW_TOLERANCE_MS = 60_000;

/** The correction for a batch the page sent at `sentAt` (its clock), received at `workerNow`; 0 within tolerance. */
export function clockShift(workerNow: number, sentAt: unknown): number {
  if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) return 0;
  const skew = workerNow - sentAt;
  return Math.abs(skew) > CLOCK_SKEW_TOLERANCE_MS ? Math.round(skew) : 0;
}
