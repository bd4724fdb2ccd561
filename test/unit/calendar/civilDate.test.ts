import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, civilDateOf, dayNumber, fromDayNumber, isWeekend, nthWeekdayOfMonth, weekday } from '../../../src/core/calendar';

describe('civil dates', () => {
  it('knows the weekday of dates checked against a printed calendar', () => {
    expect(weekday({ year: 2024, month: 2, day: 14 })).toBe(3); // Wednesday
    expect(weekday({ year: 2000, month: 1, day: 1 })).toBe(6); // Saturday
    expect(weekday({ year: 1969, month: 12, day: 31 })).toBe(3); // before the epoch: Wednesday
    expect(isWeekend({ year: 2024, month: 3, day: 9 })).toBe(true);
    expect(isWeekend({ year: 2024, month: 3, day: 11 })).toBe(false);
  });

  it('finds nth weekdays: US/CN Mother\'s Day and US Thanksgiving', () => {
    expect(nthWeekdayOfMonth(2024, 5, 0, 2)).toEqual({ year: 2024, month: 5, day: 12 });
    expect(nthWeekdayOfMonth(2025, 5, 0, 2)).toEqual({ year: 2025, month: 5, day: 11 });
    expect(nthWeekdayOfMonth(2024, 11, 4, 4)).toEqual({ year: 2024, month: 11, day: 28 });
    expect(nthWeekdayOfMonth(2025, 11, 4, 4)).toEqual({ year: 2025, month: 11, day: 27 });
    expect(nthWeekdayOfMonth(2024, 2, 4, 5)).toEqual({ year: 2024, month: 2, day: 29 }); // leap February: five Thursdays
    expect(() => nthWeekdayOfMonth(2023, 2, 4, 5)).toThrow(/no weekday #5/); // Feb 2023 has four
    expect(() => nthWeekdayOfMonth(2024, 2, 7, 1)).toThrow(/'weekdayIndex' passed to 'nthWeekdayOfMonth'/);
  });

  it('reads the local date from a UTC offset, across midnight', () => {
    const ts = Date.UTC(2024, 0, 31, 20, 30); // 20:30 UTC on Jan 31
    expect(civilDateOf(ts, 0)).toEqual({ year: 2024, month: 1, day: 31 });
    expect(civilDateOf(ts, 8 * 60)).toEqual({ year: 2024, month: 2, day: 1 }); // 04:30 in Beijing
    expect(civilDateOf(Date.UTC(2024, 0, 1, 3), -5 * 60)).toEqual({ year: 2023, month: 12, day: 31 }); // New York
    expect(() => civilDateOf(ts, 2000)).toThrow(/'utcOffsetMinutes' passed to 'civilDateOf'/);
    expect(() => civilDateOf(Number.NaN)).toThrow(/'ts' passed to 'civilDateOf'/);
  });

  it('round-trips day numbers and adds days consistently (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -50_000, max: 80_000 }), fc.integer({ min: -400, max: 400 }), (n, k) => {
      const date = fromDayNumber(n);
      expect(dayNumber(date)).toBe(n);
      expect(dayNumber(addDays(date, k)) - n).toBe(k);
      expect((weekday(addDays(date, 7)) - weekday(date))).toBe(0);
    }));
  });
});
