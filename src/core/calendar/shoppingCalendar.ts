/**
 * The shopping calendar: which special days exist, how to find their date in a given year, and over which window
 * before each one shoppers behave differently. Plain data (JSON-serialisable) so a merchant's configuration or a
 * server-sent update can replace or tune it without code.
 */
import type { CivilDate } from './civilDate';
import { addDays, nthWeekdayOfMonth } from './civilDate';
import { CHINESE_NEW_YEAR_DATES } from './chineseNewYear';

/**
 * Where a special day's value is nonzero, in days BEFORE the day (0 = the day itself, negative = after it).
 * The value rises from the `leadDays` edge to 1 at `peakDays`, then falls to the `tailDays` edge; see
 * `specialDayValue`. UCI's Valentine's Day window is `{ leadDays: 12, peakDays: 6, tailDays: 2 }`.
 */
export interface SpecialDayWindow {
  readonly leadDays: number;
  readonly peakDays: number;
  readonly tailDays: number;
}

/** How to find a special day's date in a year. `offsetDays` shifts the result (Black Friday = Thanksgiving + 1). */
export type SpecialDayRule =
  | { readonly kind: 'fixed'; readonly month: number; readonly day: number }
  | { readonly kind: 'nthWeekday'; readonly month: number; readonly weekday: number; readonly n: number; readonly offsetDays?: number }
  | { readonly kind: 'table'; readonly dates: Readonly<Record<string, readonly [month: number, day: number]>> };

/** One special day of the calendar. */
export interface SpecialDayDefinition {
  /** Stable identifier, e.g. `valentines_day`; used by {@link configureCalendar}. */
  readonly id: string;
  readonly rule: SpecialDayRule;
  readonly window: SpecialDayWindow;
}

/** A list of special days; the SpecialDay feature is the maximum over them. */
export type ShoppingCalendar = readonly SpecialDayDefinition[];

/** Gift days where delivery matters: UCI's window (nonzero 12..2 days before, peak 6 days before). */
const GIFT_WINDOW: SpecialDayWindow = { leadDays: 12, peakDays: 6, tailDays: 2 };
/** One-day sales (618, 11.11, Black Friday): shoppers wait for the day, so the value peaks on it. */
const SALE_WINDOW: SpecialDayWindow = { leadDays: 6, peakDays: 0, tailDays: 0 };
/** Long gift seasons with an early shipping cut-off (Christmas, Chinese New Year courier shutdown). */
const SEASON_WINDOW: SpecialDayWindow = { leadDays: 20, peakDays: 10, tailDays: 3 };

/**
 * The default calendar. Mother's Day follows the US/China rule (2nd Sunday of May); the UK's Mothering Sunday
 * differs and would be a `table` or its own rule. Windows other than UCI's gift window are judgment calls,
 * documented in src/core/sessionFeatures/README.md.
 */
export const DEFAULT_SHOPPING_CALENDAR: ShoppingCalendar = [
  { id: 'valentines_day', rule: { kind: 'fixed', month: 2, day: 14 }, window: GIFT_WINDOW },
  { id: 'mothers_day', rule: { kind: 'nthWeekday', month: 5, weekday: 0, n: 2 }, window: GIFT_WINDOW },
  { id: 'mid_year_618', rule: { kind: 'fixed', month: 6, day: 18 }, window: SALE_WINDOW },
  { id: 'singles_day', rule: { kind: 'fixed', month: 11, day: 11 }, window: SALE_WINDOW },
  { id: 'black_friday', rule: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4, offsetDays: 1 }, window: SALE_WINDOW },
  { id: 'cyber_monday', rule: { kind: 'nthWeekday', month: 11, weekday: 4, n: 4, offsetDays: 4 }, window: { leadDays: 3, peakDays: 0, tailDays: 0 } },
  { id: 'christmas', rule: { kind: 'fixed', month: 12, day: 25 }, window: SEASON_WINDOW },
  { id: 'chinese_new_year', rule: { kind: 'table', dates: CHINESE_NEW_YEAR_DATES }, window: SEASON_WINDOW },
];

/** The date of `definition` in `year`, or undefined when its table has no entry for that year. */
export function specialDayDate(definition: SpecialDayDefinition, year: number): CivilDate | undefined {
  const { rule } = definition;
  switch (rule.kind) {
    case 'fixed':
      return { year, month: rule.month, day: rule.day };
    case 'nthWeekday':
      return addDays(nthWeekdayOfMonth(year, rule.month, rule.weekday, rule.n), rule.offsetDays ?? 0);
    case 'table': {
      const entry = rule.dates[String(year)];
      return entry ? { year, month: entry[0], day: entry[1] } : undefined;
    }
  }
}

const isInt = (v: unknown, lo: number, hi: number): boolean => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

function ruleIsValid(rule: unknown): boolean {
  const r = rule as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return false;
  switch (r.kind) {
    case 'fixed':
      return isInt(r.month, 1, 12) && isInt(r.day, 1, 31);
    case 'nthWeekday':
      return isInt(r.month, 1, 12) && isInt(r.weekday, 0, 6) && isInt(r.n, 1, 5) && (r.offsetDays === undefined || isInt(r.offsetDays, -31, 31));
    case 'table':
      return typeof r.dates === 'object' && r.dates !== null && Object.values(r.dates).every(
        (md: unknown) => Array.isArray(md) && md.length === 2 && isInt(md[0], 1, 12) && isInt(md[1], 1, 31));
    default:
      return false;
  }
}

/** Longest window edge accepted, in days; wider windows would make the feature "always on". */
const MAX_WINDOW_DAYS = 90;

/**
 * Throws unless `calendar` is well-formed: unique ids, integer windows with
 * `tailDays <= peakDays <= leadDays` within ±90 days, valid months/days. `caller` names the function in errors.
 */
export function assertShoppingCalendar(calendar: unknown, caller: string): asserts calendar is ShoppingCalendar {
  const fail = (message: string): never => {
    throw new Error(`'calendar' passed to '${caller}' ${message}`);
  };
  if (!Array.isArray(calendar)) fail('must be an array of special day definitions');
  const ids = new Set<string>();
  (calendar as unknown[]).forEach((entry, i) => {
    const def = entry as Partial<SpecialDayDefinition> | null;
    if (typeof def !== 'object' || def === null || typeof def.id !== 'string' || def.id === '') fail(`entry #${i} needs a non-empty string 'id'`);
    const { id, window, rule } = def as SpecialDayDefinition;
    if (ids.has(id)) fail(`has the id '${id}' twice`);
    ids.add(id);
    const edges = window ? [window.leadDays, window.peakDays, window.tailDays] : [];
    if (edges.length !== 3 || !edges.every((d) => Number.isInteger(d) && Math.abs(d) <= MAX_WINDOW_DAYS)
      || !(window.tailDays <= window.peakDays && window.peakDays <= window.leadDays)) {
      fail(`entry '${id}' needs an integer window with tailDays <= peakDays <= leadDays within ±${MAX_WINDOW_DAYS} days`);
    }
    if (!ruleIsValid(rule)) fail(`entry '${id}' has a malformed rule (months 1–12, days 1–31, weekday 0–6, n 1–5, table of [month, day])`);
  });
}

/**
 * A copy of `base` with windows tuned or days removed: `overrides[id]` is a partial window to merge, or `null`
 * to drop that day. New days are added by concatenating definitions. Throws on an unknown id or a bad result.
 */
export function configureCalendar(
  base: ShoppingCalendar,
  overrides: Readonly<Record<string, Partial<SpecialDayWindow> | null>>,
): ShoppingCalendar {
  for (const id of Object.keys(overrides)) {
    if (!base.some((def) => def.id === id)) throw new Error(`'overrides' passed to 'configureCalendar' names unknown special day '${id}'`);
  }
  const result = base
    .filter((def) => overrides[def.id] !== null)
    .map((def) => (Object.hasOwn(overrides, def.id) ? { ...def, window: { ...def.window, ...overrides[def.id] } } : def));
  assertShoppingCalendar(result, 'configureCalendar');
  return result;
}
