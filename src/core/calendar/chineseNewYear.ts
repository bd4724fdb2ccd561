/**
 * Gregorian dates of Chinese New Year (春节, first day of the first lunar month), 2024–2035.
 *
 * Source: the official Chinese calendar (GB/T 33661-2017 "Calculation and promulgation of the Chinese calendar"),
 * which fixes the month start at the astronomical new moon in Beijing time (UTC+8); the dates agree with the
 * Hong Kong Observatory and Purple Mountain Observatory tables. Beijing time matters: in 2028 the new moon falls
 * at 23:12 UTC+8 on January 26, so China celebrates on the 26th while Korea (UTC+9) celebrates Seollal on the 27th.
 * Outside this table the calendar simply has no Chinese New Year; extend it (or pass a custom table) beyond 2035.
 */

/** `[month, day]` of Chinese New Year by Gregorian year. */
export const CHINESE_NEW_YEAR_DATES: Readonly<Record<string, readonly [month: number, day: number]>> = {
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
  2031: [1, 23],
  2032: [2, 11],
  2033: [1, 31],
  2034: [2, 19],
  2035: [2, 8],
};
