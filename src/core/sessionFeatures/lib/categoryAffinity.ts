/**
 * Category affinity: how much the current session's product browsing falls in the categories this device looked
 * at in its ended sessions. Each categorised `product_view` of the session scores its category's share of the
 * past categorised product views; the feature is the mean of those scores. History is frozen while a session
 * lasts, so a view's score never changes after it happened: the reducer adds it once, in O(1).
 */
import type { HistorySummary } from '../historySummary';
import { MAX_HISTORY_CATEGORIES } from '../historySummary';

/**
 * The category as compared across events: trimmed and lower-cased, so "Tea" and "tea " are one category
 * (`toLowerCase`, not the locale-dependent variant, so every browser and Node agree). Null when absent or blank.
 */
export function normaliseCategory(category: string | undefined): string | null {
  // Stored events were validated on the way in; a non-string here is treated as absent rather than thrown on.
  if (typeof category !== 'string') return null;
  const normalised = category.trim().toLowerCase();
  return normalised === '' ? null : normalised;
}

/** Past views of `category` (normalised) ÷ all past categorised views; 0 for untracked categories or no history. */
export function categoryShare(history: HistorySummary, category: string): number {
  if (history.categoryViews === 0 || !Object.hasOwn(history.categories, category)) return 0;
  return history.categories[category]! / history.categoryViews;
}

/** Σ over a session's categorised views (counted per category) of the category's past share (the batch form). */
export function categoryAffinitySum(history: HistorySummary, categories: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [category, views] of categories) sum += views * categoryShare(history, category);
  return sum;
}

/**
 * Adds an ended session's categorised views (per normalised category, in first-view order) to `history` in place.
 * Categories beyond the cap count only in the denominator (see `MAX_HISTORY_CATEGORIES`).
 */
export function foldCategories(history: HistorySummary, categories: ReadonlyMap<string, number>): void {
  let tracked = Object.keys(history.categories).length;
  for (const [category, views] of categories) {
    history.categoryViews += views;
    if (Object.hasOwn(history.categories, category)) {
      history.categories[category]! += views;
    } else if (tracked < MAX_HISTORY_CATEGORIES) {
      // defineProperty: a category such as "__proto__" stays data and never reaches Object.prototype.
      Object.defineProperty(history.categories, category, { value: views, enumerable: true, writable: true, configurable: true });
      tracked += 1;
    }
  }
}
