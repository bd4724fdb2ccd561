/** The shopping calendar and UCI's SpecialDay feature; see specialDay.ts for the definition. */
export type { CivilDate } from './civilDate';
export { addDays, civilDateOf, dayNumber, fromDayNumber, isWeekend, nthWeekdayOfMonth, weekday } from './civilDate';
export { CHINESE_NEW_YEAR_DATES } from './chineseNewYear';
export type { ShoppingCalendar, SpecialDayDefinition, SpecialDayRule, SpecialDayWindow } from './shoppingCalendar';
export { DEFAULT_SHOPPING_CALENDAR, assertShoppingCalendar, configureCalendar, specialDayDate } from './shoppingCalendar';
export { SPECIAL_DAY_STEP, specialDay, specialDayValue } from './specialDay';
