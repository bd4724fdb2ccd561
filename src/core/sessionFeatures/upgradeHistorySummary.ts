/**
 * Reads a stored {@link HistorySummary} of any known layout version into the current one.
 *
 * Version 1 predates the category counters (feature spec 2.0.0, `category_affinity`). The events they would be
 * counted from may already be gone (retention keeps older sessions only in the summary), so they cannot be
 * rebuilt: the upgrade starts them empty. Every other counter is unchanged and stays exact; `category_affinity`
 * is missing (imputed) until a session with categorised product views ends after the upgrade, and from then on
 * reflects only the sessions folded since. Rejecting the summary instead would throw away recency, frequency and
 * every page statistic to protect one feature.
 */
import type { HistorySummary } from './historySummary';
import { HISTORY_SUMMARY_VERSION, assertHistorySummary } from './historySummary';

/**
 * `value` as a current-version summary: a version 1 summary gains empty category counters (a copy; `value` is not
 * modified), a current one is returned as is. Throws, naming `caller`, when the result is not well-formed.
 */
export function upgradeHistorySummary(value: unknown, caller: string): HistorySummary {
  const stored = value as { version?: unknown } | null;
  const upgraded = typeof stored === 'object' && stored !== null && stored.version === 1
    ? { ...stored, version: HISTORY_SUMMARY_VERSION, categoryViews: 0, categories: {} }
    : value;
  assertHistorySummary(upgraded, caller);
  return upgraded;
}
