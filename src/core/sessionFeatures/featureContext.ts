/**
 * Inputs of the feature computation besides the events: the clock, what the device knew before the first event,
 * and the configurable rules (calendar, page groups, rate priors). Shared by `computeFeatures` and
 * `createAccumulator`, so the two read every option the same way.
 */
import type { TailorEvent } from '../events/schema';
import type { ShoppingCalendar } from '../calendar/shoppingCalendar';
import { DEFAULT_SHOPPING_CALENDAR, assertShoppingCalendar } from '../calendar/shoppingCalendar';
import type { PageClassRules, PageClassifier } from './classifyPage';
import { DEFAULT_PAGE_CLASS_RULES, createPageClassifier } from './classifyPage';
import type { HistorySummary } from './historySummary';
import { emptyHistory } from './historySummary';
import { upgradeHistorySummary } from './upgradeHistorySummary';
import type { PageValueTable } from '../pageValues/pageValueTable';
import { parsePageValueTable } from '../pageValues/pageValueTable';

/** A stored Tailor event; `id` (the store's key) lets duplicates of one send be recognised. */
export type FeatureEvent = TailorEvent & { readonly id?: string };

/** What the device knew about itself before the first event handed over. */
export interface VisitorState {
  /** Sessions started before the first event handed over (the store's `visit_count` minus those in the events). */
  readonly priorSessions: number;
  /**
   * False when storage does not outlive the tab (private window, storage blocked, consent withheld): the device
   * then cannot tell a new visitor from a returning one, which is what GA's (and UCI's) "Other" means.
   */
  readonly persistent: boolean;
}

/**
 * Bayesian shrinkage of the device's own per-path bounce and exit rates (see README.md): each prior is worth
 * `pseudoCount` entrances or page views; session values are capped at `ceiling`, the largest value UCI contains.
 */
export interface RateOptions {
  readonly bouncePrior: number;
  readonly exitPrior: number;
  readonly pseudoCount: number;
  readonly ceiling: number;
}

/**
 * Calibrated on UCI (12,330 sessions) by least squares of the session-length profile — UCI's mean BounceRates and
 * ExitRates per number of pages, 1 to 60 — that a first visit with no history gets from this model: a landing
 * page's bounce rate 0.16 and a page view's exit rate 0.023 (on UCI's scale), worth 4 observations. UCI's
 * maximum of both columns, 0.2, is the ceiling. uciRanges.test.ts re-derives the profile from the CSV.
 */
export const DEFAULT_RATE_OPTIONS: RateOptions = { bouncePrior: 0.16, exitPrior: 0.023, pseudoCount: 4, ceiling: 0.2 };

/** Everything `computeFeatures` and `createAccumulator` take besides the events. */
export interface FeatureContext {
  /** Current time (ms); the clock never runs behind the latest event, so an older `now` is raised to it. */
  readonly now: number;
  /** Omitted: unknown device state, so a first session is VisitorType "Other". */
  readonly visitor?: VisitorState;
  /**
   * Ended sessions before the first event handed over (default: none). The events must start a new session.
   * A stored version 1 summary is accepted and upgraded (see `upgradeHistorySummary`).
   */
  readonly history?: HistorySummary;
  readonly calendar?: ShoppingCalendar;
  readonly pageClasses?: PageClassRules;
  readonly rates?: Partial<RateOptions>;
  /** Shopper's offset from UTC in minutes (east positive); omitted: the runtime's local time zone. */
  readonly utcOffsetMinutes?: number;
  /**
   * The site-wide page-value table (served in `GET /v1/config`); omitted or null: PageValues comes from the
   * device's own history, and is flagged missing (`PageValues_missing`) where that history has no value.
   */
  readonly pageValues?: PageValueTable | null;
}

/** A validated context with defaults filled in and the history cloned (callers mutate the clone). */
export interface ResolvedContext {
  readonly now: number;
  readonly visitor: VisitorState | undefined;
  readonly history: HistorySummary;
  readonly calendar: ShoppingCalendar;
  readonly classify: PageClassifier;
  readonly rates: RateOptions;
  readonly utcOffsetMinutes: number | undefined;
  readonly pageValues: PageValueTable | null;
}

/** Validates `context` (errors name `caller`), fills defaults and clones (upgrading if needed) the history. */
export function resolveContext(context: FeatureContext, caller: string): ResolvedContext {
  const fail = (field: string, message: string): never => {
    throw new Error(`'context.${field}' passed to '${caller}' ${message}`);
  };
  if (typeof context !== 'object' || context === null) throw new Error(`'context' passed to '${caller}' must be a FeatureContext object`);
  if (!Number.isFinite(context.now)) fail('now', `must be a finite ms timestamp, got ${String(context.now)}`);
  const { visitor } = context;
  if (visitor !== undefined && !(Number.isInteger(visitor.priorSessions) && visitor.priorSessions >= 0 && typeof visitor.persistent === 'boolean')) {
    fail('visitor', 'must have a non-negative integer priorSessions and a boolean persistent');
  }
  const history = upgradeHistorySummary(context.history ?? emptyHistory(), caller);
  const calendar = context.calendar ?? DEFAULT_SHOPPING_CALENDAR;
  assertShoppingCalendar(calendar, caller);
  const rates = { ...DEFAULT_RATE_OPTIONS, ...context.rates };
  for (const field of ['bouncePrior', 'exitPrior', 'ceiling'] as const) {
    if (!(rates[field] >= 0 && rates[field] <= 1)) fail(`rates.${field}`, `must be a number from 0 to 1, got ${String(rates[field])}`);
  }
  if (!(rates.pseudoCount > 0 && Number.isFinite(rates.pseudoCount))) fail('rates.pseudoCount', `must be a positive number, got ${String(rates.pseudoCount)}`);
  const offset = context.utcOffsetMinutes;
  if (offset !== undefined && !(Number.isFinite(offset) && Math.abs(offset) <= 18 * 60)) {
    fail('utcOffsetMinutes', `must be a number of minutes within ±1080, got ${String(offset)}`);
  }
  return {
    now: context.now,
    visitor,
    history: structuredClone(history),
    calendar,
    classify: createPageClassifier(context.pageClasses ?? DEFAULT_PAGE_CLASS_RULES),
    rates,
    utcOffsetMinutes: offset,
    pageValues: context.pageValues ? parsePageValueTable(context.pageValues, caller) : null,
  };
}
