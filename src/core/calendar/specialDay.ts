/**
 * UCI's SpecialDay feature: how close a visit is to a special day, in steps of 0.2.
 *
 * UCI (Sakar et al., 2019): "for Valentine's day, this value takes a nonzero value between February 2 and
 * February 12, zero before and after this date unless it is close to another special day, and its maximum
 * value of 1 on February 8". We model each day as a window of days-before with a linear rise from the lead edge
 * to the peak and a linear fall to the tail edge, rounded to 0.2 and never below 0.2 inside the window; with
 * UCI's window this reproduces exactly the dates the paper gives (Feb 2 → 0.2, Feb 8 → 1, Feb 12 → 0.2).
 */
import type { CivilDate } from './civilDate';
import { dayNumber } from './civilDate';
import type { ShoppingCalendar, SpecialDayWindow } from './shoppingCalendar';
import { DEFAULT_SHOPPING_CALENDAR, specialDayDate } from './shoppingCalendar';

/** Granularity of UCI's SpecialDay values. */
export const SPECIAL_DAY_STEP = 0.2;

/**
 * Value of one window for a visit `daysBefore` days before the special day (negative = after): 0 outside
 * `[tailDays, leadDays]`, 1 at `peakDays`, linear in between, rounded to {@link SPECIAL_DAY_STEP}.
 */
export function specialDayValue(daysBefore: number, window: SpecialDayWindow): number {
  const { leadDays, peakDays, tailDays } = window;
  if (daysBefore > leadDays || daysBefore < tailDays) return 0;
  // +1 so that each edge day is still inside the window (a small positive value) rather than exactly 0.
  const closeness = daysBefore >= peakDays
    ? (leadDays + 1 - daysBefore) / (leadDays + 1 - peakDays)
    : (daysBefore - tailDays + 1) / (peakDays - tailDays + 1);
  const steps = 1 / SPECIAL_DAY_STEP;
  return Math.max(SPECIAL_DAY_STEP, Math.round(closeness * steps) / steps);
}

function toCivil(date: CivilDate | Date): CivilDate {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new Error(`'date' passed to 'specialDay' is an invalid Date`);
    return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
  }
  return date;
}

/**
 * The UCI-style SpecialDay value of `date` (a civil date, or a `Date` read in the runtime's local time zone):
 * the maximum over the calendar's special days of {@link specialDayValue}. Days of the neighbouring years are
 * considered too, so late-December visits see January's Chinese New Year and early-January visits Christmas tails.
 */
export function specialDay(date: CivilDate | Date, calendar: ShoppingCalendar = DEFAULT_SHOPPING_CALENDAR): number {
  const civil = toCivil(date);
  const today = dayNumber(civil);
  let best = 0;
  for (const definition of calendar) {
    for (let year = civil.year - 1; year <= civil.year + 1; year++) {
      const when = specialDayDate(definition, year);
      if (when === undefined) continue;
      best = Math.max(best, specialDayValue(dayNumber(when) - today, definition.window));
    }
  }
  return best;
}
