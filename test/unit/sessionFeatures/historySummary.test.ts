import { describe, expect, it } from 'vitest';
import {
  HISTORY_SUMMARY_VERSION, MAX_HISTORY_CATEGORIES, assertHistorySummary, computeFeatures, createAccumulator, emptyHistory,
  summariseHistory, upgradeHistorySummary,
} from '../../../src/core/sessionFeatures';
import { DAY_MS } from '../../../src/core/sessionFeatures/lib/sessionRule';
import { MIN, T0, pageView, productView, purchase } from './lib/eventBuilders';

/** A stored summary as version 1 wrote it: no category counters. */
function versionOne(): Record<string, unknown> {
  const { categoryViews: _views, categories: _categories, ...rest } = summariseHistory([pageView(T0, 'product', '/p/a'), purchase(T0 + MIN, 50)]);
  return { ...rest, version: 1 };
}

describe('HistorySummary', () => {
  it('starts empty at the current version, category counters included', () => {
    expect(emptyHistory()).toMatchObject({ version: HISTORY_SUMMARY_VERSION, categoryViews: 0, categories: {} });
    expect(() => assertHistorySummary(emptyHistory(), 'test')).not.toThrow();
  });

  it('rejects malformed category counters, naming the caller', () => {
    const base = emptyHistory();
    const tooMany = Object.fromEntries(Array.from({ length: MAX_HISTORY_CATEGORIES + 1 }, (_, i) => [`c${i}`, 1]));
    expect(() => assertHistorySummary({ ...base, categoryViews: 100, categories: tooMany }, 'f'))
      .toThrow(`'history' passed to 'f' has ${MAX_HISTORY_CATEGORIES + 1} category counters, more than ${MAX_HISTORY_CATEGORIES}`);
    expect(() => assertHistorySummary({ ...base, categoryViews: 1, categories: { tea: 2 } }, 'f'))
      .toThrow(/counts 2 views in 'categories' but only 1 in 'categoryViews'/);
    expect(() => assertHistorySummary({ ...base, categoryViews: 1, categories: { tea: -1 } }, 'f')).toThrow(/malformed counter for category 'tea'/);
    expect(() => assertHistorySummary({ ...base, categories: [] }, 'f')).toThrow(/needs a 'categories' object/);
    expect(() => assertHistorySummary({ ...base, categoryViews: Number.NaN }, 'f')).toThrow(/finite non-negative 'categoryViews'/);
  });

  it('refuses a version 1 summary in the strict check, pointing to the upgrade', () => {
    expect(() => assertHistorySummary(versionOne(), 'f')).toThrow(/'history' passed to 'f' has version 1 .*'upgradeHistorySummary'/);
  });

  it('upgrades a version 1 summary with empty category counters, leaving the input and every other counter as they were', () => {
    const stored = versionOne();
    const frozen = structuredClone(stored);
    const upgraded = upgradeHistorySummary(stored, 'f');
    expect(stored).toEqual(frozen);
    expect(upgraded).toEqual({ ...stored, version: HISTORY_SUMMARY_VERSION, categoryViews: 0, categories: {} });
    expect(upgradeHistorySummary(upgraded, 'f')).toBe(upgraded);
    expect(() => upgradeHistorySummary({ version: 1 }, 'f')).toThrow(/'history' passed to 'f' needs a finite non-negative 'sessions'/);
  });

  it('is accepted as version 1 by computeFeatures, the accumulator and summariseHistory (upgraded on the way in)', () => {
    const now = T0 + 2 * DAY_MS;
    const current = [pageView(now, 'product', '/p/a'), productView(now + 1, 'a', 20, undefined, 'Tea')];
    const history = versionOne() as never;
    const r = computeFeatures(current, { now, utcOffsetMinutes: 0, history });
    expect(r).toMatchObject({ frequency: 1, monetary: 50, category_affinity: null, PageValues: 50 });
    const acc = createAccumulator({ now, utcOffsetMinutes: 0, history });
    current.forEach((e) => acc.add(e));
    expect(acc.raw()).toEqual(r);
    const grown = summariseHistory(current, history);
    expect(grown).toMatchObject({ version: HISTORY_SUMMARY_VERSION, sessions: 2, categoryViews: 1, categories: { tea: 1 } });
  });
});
