import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ShoppingCalendar } from '../../../src/core/calendar';
import {
  CHINESE_NEW_YEAR_DATES, DEFAULT_SHOPPING_CALENDAR, assertShoppingCalendar, configureCalendar, specialDay, specialDayDate, specialDayValue,
} from '../../../src/core/calendar';

const d = (year: number, month: number, day: number) => ({ year, month, day });
const only = (id: string): ShoppingCalendar => DEFAULT_SHOPPING_CALENDAR.filter((def) => def.id === id);

describe('specialDay (UCI definition)', () => {
  it('reproduces the UCI paper for Valentine\'s Day: nonzero Feb 2–12, 1 on Feb 8, 0 outside', () => {
    const valentine = only('valentines_day');
    const values = Array.from({ length: 16 }, (_, i) => specialDay(d(2024, 2, i + 1), valentine));
    // Feb 1 … Feb 16, checked by hand against the rise 1/7 … 7/7 and the fall 1/5 … 5/5, rounded to 0.2.
    expect(values).toEqual([0, 0.2, 0.2, 0.4, 0.6, 0.8, 0.8, 1, 0.8, 0.6, 0.4, 0.2, 0, 0, 0, 0]);
  });

  it('peaks six days before the 2nd Sunday of May (Mother\'s Day, US/CN)', () => {
    expect(specialDay(d(2024, 5, 6), only('mothers_day'))).toBe(1); // May 12 − 6
    expect(specialDay(d(2025, 5, 5), only('mothers_day'))).toBe(1); // May 11 − 6
    expect(specialDay(d(2025, 5, 11), only('mothers_day'))).toBe(0);
  });

  it('puts sale days at 1 on the day: 618, 11.11, Black Friday, Cyber Monday', () => {
    expect(specialDay(d(2024, 6, 18))).toBe(1);
    expect(specialDay(d(2024, 6, 19))).toBe(0);
    expect(specialDay(d(2024, 11, 11))).toBe(1);
    expect(specialDayDate(only('black_friday')[0]!, 2024)).toEqual(d(2024, 11, 29));
    expect(specialDayDate(only('cyber_monday')[0]!, 2024)).toEqual(d(2024, 12, 2));
    expect(specialDay(d(2024, 11, 29), only('black_friday'))).toBe(1);
    expect(specialDay(d(2024, 12, 2), only('cyber_monday'))).toBe(1);
    expect(specialDay(d(2024, 11, 22), only('black_friday'))).toBe(0); // 7 days before: outside the 6-day lead
  });

  it('uses the Chinese New Year table (Beijing-time dates, 2028 on Jan 26)', () => {
    expect(specialDayDate(only('chinese_new_year')[0]!, 2028)).toEqual(d(2028, 1, 26));
    expect(specialDay(d(2028, 1, 16), only('chinese_new_year'))).toBe(1); // 10 days before
    expect(specialDayDate(only('chinese_new_year')[0]!, 2040)).toBeUndefined();
    expect(Object.keys(CHINESE_NEW_YEAR_DATES)).toHaveLength(12);
    for (const [month, day] of Object.values(CHINESE_NEW_YEAR_DATES)) {
      // Chinese New Year always falls between January 21 and February 20.
      expect(month === 1 ? day >= 21 : month === 2 && day <= 20).toBe(true);
    }
  });

  it('sees special days of the next year from late December', () => {
    const calendar: ShoppingCalendar = [{ id: 'jan5', rule: { kind: 'fixed', month: 1, day: 5 }, window: { leadDays: 12, peakDays: 6, tailDays: 2 } }];
    expect(specialDay(d(2024, 12, 30), calendar)).toBe(1); // 6 days before 2025-01-05
    expect(specialDay(d(2024, 12, 30))).toBe(0); // default calendar: Christmas over, CNY 2025 (Jan 29) 30 days away
  });

  it('takes the maximum of overlapping windows', () => {
    // 2024-11-26: Black Friday (Nov 29) is 3 days away, Cyber Monday (Dec 2) 6 days (outside its 3-day lead).
    const bf = specialDay(d(2024, 11, 26), only('black_friday'));
    expect(bf).toBeGreaterThan(0);
    expect(specialDay(d(2024, 11, 26))).toBe(Math.max(bf, specialDay(d(2024, 11, 26), only('christmas'))));
  });

  it('yields only multiples of 0.2 in [0, 1], rising monotonically to the peak (property)', () => {
    const windows = fc.tuple(fc.integer({ min: -5, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }))
      .map(([tail, a, b]) => ({ tailDays: tail, peakDays: tail + a, leadDays: tail + a + b }));
    fc.assert(fc.property(windows, fc.integer({ min: -40, max: 80 }), (w, days) => {
      const v = specialDayValue(days, w);
      expect(Math.abs(v * 5 - Math.round(v * 5))).toBeLessThan(1e-12);
      expect(v >= 0 && v <= 1).toBe(true);
      expect(v > 0).toBe(days >= w.tailDays && days <= w.leadDays);
      if (days > w.peakDays) expect(specialDayValue(days - 1, w)).toBeGreaterThanOrEqual(v);
      if (days < w.peakDays) expect(specialDayValue(days + 1, w)).toBeGreaterThanOrEqual(v);
    }));
  });

  it('accepts a Date (runtime local time) and rejects an invalid one', () => {
    expect(specialDay(new Date(2024, 1, 8, 12))).toBe(1);
    expect(() => specialDay(new Date(Number.NaN))).toThrow(/'date' passed to 'specialDay'/);
  });
});

describe('configureCalendar', () => {
  it('tunes a window and drops a day by id', () => {
    const base = [...only('valentines_day'), ...only('singles_day')];
    const tuned = configureCalendar(base, { valentines_day: { leadDays: 20 }, singles_day: null });
    expect(specialDay(d(2024, 1, 26), tuned)).toBe(0.2); // 19 days before Feb 14: rise (21 - 19) / (21 - 6) = 0.13
    expect(specialDay(d(2024, 1, 26), base)).toBe(0);
    expect(specialDay(d(2024, 11, 11), tuned)).toBe(0);
    expect(DEFAULT_SHOPPING_CALENDAR.some((def) => def.id === 'singles_day')).toBe(true); // base untouched
  });

  it('rejects unknown ids and inconsistent windows, naming the argument', () => {
    expect(() => configureCalendar(DEFAULT_SHOPPING_CALENDAR, { easter: null })).toThrow(/'overrides' passed to 'configureCalendar' names unknown special day 'easter'/);
    expect(() => configureCalendar(DEFAULT_SHOPPING_CALENDAR, { christmas: { peakDays: 40 } })).toThrow(/tailDays <= peakDays <= leadDays/);
  });

  it('rejects malformed calendars: duplicate ids and impossible rules', () => {
    const day = DEFAULT_SHOPPING_CALENDAR[0]!;
    expect(() => assertShoppingCalendar([day, day], 'test')).toThrow(/'calendar' passed to 'test' has the id 'valentines_day' twice/);
    expect(() => assertShoppingCalendar([{ ...day, rule: { kind: 'fixed', month: 13, day: 1 } }], 'test')).toThrow(/malformed rule/);
    expect(() => assertShoppingCalendar([{ ...day, rule: { kind: 'nthWeekday', month: 5, weekday: 0, n: 6 } }], 'test')).toThrow(/malformed rule/);
    expect(() => assertShoppingCalendar([{ ...day, rule: { kind: 'table', dates: { 2030: [2] } } }], 'test')).toThrow(/malformed rule/);
    expect(() => assertShoppingCalendar({}, 'test')).toThrow(/must be an array/);
    expect(() => assertShoppingCalendar(DEFAULT_SHOPPING_CALENDAR, 'test')).not.toThrow();
  });
});
