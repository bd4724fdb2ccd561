/**
 * When batches close. Every report is released once, in its batch, so the noise in a sum over a window grows
 * with the number of batches in it: long batches mean less noise, short ones faster learning. The schedule
 * starts short and grows: batch b spans min(maxDays, b + 1) days (1, 2, 3, … days, then maxDays each), so a
 * new shop learns from its first day while an established one sums few, large batches.
 */

/** First day (0-based, from the shop's first report day) of batch b, under a growing schedule capped at maxDays. */
export function batchStart(batch: number, maxDays: number): number {
  checkMax(maxDays, 'batchStart');
  if (!Number.isInteger(batch) || batch < 0) throw new RangeError(`'batch' passed to 'batchStart' must be an integer ≥ 0, got ${String(batch)}`);
  const growing = Math.min(batch, maxDays);
  // 1 + 2 + … + growing days for the growing batches, then maxDays for each later one.
  return (growing * (growing + 1)) / 2 + Math.max(0, batch - maxDays) * maxDays;
}

/** Days in batch b. */
export function batchLength(batch: number, maxDays: number): number {
  return batchStart(batch + 1, maxDays) - batchStart(batch, maxDays);
}

/** The batch a day belongs to. */
export function batchOfDay(day: number, maxDays: number): number {
  checkMax(maxDays, 'batchOfDay');
  if (!Number.isInteger(day) || day < 0) throw new RangeError(`'day' passed to 'batchOfDay' must be an integer ≥ 0, got ${String(day)}`);
  let b = 0;
  while (batchStart(b + 1, maxDays) <= day) b++;
  return b;
}

function checkMax(maxDays: number, fn: string): void {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`'maxDays' passed to '${fn}' must be an integer ≥ 1, got ${String(maxDays)}`);
}
