/**
 * Calendar dates without a time of day ("civil" dates), and the arithmetic the shopping calendar needs.
 *
 * Everything here works on proleptic Gregorian day numbers computed with `Date.UTC`, never on local `Date`
 * arithmetic, so a daylight-saving change can never make a day 23 or 25 hours long and shift a window by one.
 */

/** A Gregorian calendar date: `month` is 1–12 (not `Date#getMonth()`'s 0–11), `day` 1–31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;

/**
 * The shopper's local calendar date at `ts` (ms since the epoch). With `utcOffsetMinutes` (east of UTC is
 * positive, e.g. +480 for China) the result does not depend on the machine running the code; without it the
 * runtime's own time zone is used, which in the browser worker is the shopper's.
 */
export function civilDateOf(ts: number, utcOffsetMinutes?: number): CivilDate {
  if (!Number.isFinite(ts)) throw new Error(`'ts' passed to 'civilDateOf' must be a finite number of ms, got ${String(ts)}`);
  if (utcOffsetMinutes === undefined) {
    const local = new Date(ts);
    return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
  }
  if (!Number.isFinite(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 18 * 60) {
    throw new Error(`'utcOffsetMinutes' passed to 'civilDateOf' must be a number of minutes within ±1080, got ${String(utcOffsetMinutes)}`);
  }
  const shifted = new Date(ts + utcOffsetMinutes * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Days since 1970-01-01 of a civil date; differences of day numbers are whole days. */
export function dayNumber(date: CivilDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

/** The civil date of a day number (inverse of {@link dayNumber}). */
export function fromDayNumber(days: number): CivilDate {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of the week, 0 = Sunday … 6 = Saturday (as `Date#getDay()`). */
export function weekday(date: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The civil date `days` days after `date` (negative = before). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * The `n`-th (1-based) `weekdayIndex` (0 = Sunday) of `month` in `year`, e.g. the 2nd Sunday of May or the
 * 4th Thursday of November. Throws when the month has no such day (n > 5, or a 5th that does not exist).
 */
export function nthWeekdayOfMonth(year: number, month: number, weekdayIndex: number, n: number): CivilDate {
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    throw new Error(`'n' passed to 'nthWeekdayOfMonth' must be an integer from 1 to 5, got ${String(n)}`);
  }
  if (!Number.isInteger(weekdayIndex) || weekdayIndex < 0 || weekdayIndex > 6) {
    throw new Error(`'weekdayIndex' passed to 'nthWeekdayOfMonth' must be an integer from 0 (Sunday) to 6, got ${String(weekdayIndex)}`);
  }
  const first = { year, month, day: 1 };
  const offset = (weekdayIndex - weekday(first) + 7) % 7;
  const result = addDays(first, offset + (n - 1) * 7);
  if (result.month !== month) {
    throw new Error(`'n' passed to 'nthWeekdayOfMonth': ${year}-${month} has no weekday #${n} of index ${weekdayIndex}`);
  }
  return result;
}

/** Whether a civil date falls on a Saturday or Sunday. */
export function isWeekend(date: CivilDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}
