/**
 * Folds ended sessions into a {@link HistorySummary}: what the worker keeps when retention deletes old events,
 * and what `createAccumulator` starts from.
 */
import type { FeatureEvent } from './featureContext';
import type { PageClassRules } from './classifyPage';
import { DEFAULT_PAGE_CLASS_RULES, createPageClassifier } from './classifyPage';
import type { HistorySummary } from './historySummary';
import { emptyHistory } from './historySummary';
import { upgradeHistorySummary } from './upgradeHistorySummary';
import { dedupeEvents } from './dedupeEvents';
import { aggregateSession } from './lib/aggregateSession';
import { foldSession } from './lib/foldSession';
import { splitSessions } from './lib/splitSessions';

/**
 * `base` (default: empty) plus every session of `events`, ALL treated as ended — pass only sessions that are
 * over (their last event 30 minutes or more ago). Pure: `base` is not modified. A version 1 `base` is upgraded
 * first (see `upgradeHistorySummary`), so a stored summary keeps growing after the layout change.
 */
export function summariseHistory(
  events: readonly FeatureEvent[],
  base: HistorySummary = emptyHistory(),
  pageClasses: PageClassRules = DEFAULT_PAGE_CLASS_RULES,
): HistorySummary {
  const history = structuredClone(upgradeHistorySummary(base, 'summariseHistory'));
  const classify = createPageClassifier(pageClasses);
  for (const session of splitSessions(dedupeEvents(events))) foldSession(history, aggregateSession(session.events, session.times, classify));
  return history;
}
