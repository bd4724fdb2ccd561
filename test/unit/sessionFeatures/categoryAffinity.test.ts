import { describe, expect, it } from 'vitest';
import type { FeatureContext, FeatureEvent } from '../../../src/core/sessionFeatures';
import { MAX_HISTORY_CATEGORIES, computeFeatures, createAccumulator, summariseHistory } from '../../../src/core/sessionFeatures';
import { DAY_MS } from '../../../src/core/sessionFeatures/lib/sessionRule';
import { MIN, T0, pageView, productView } from './lib/eventBuilders';

const ctx = (over: Partial<FeatureContext> = {}): FeatureContext => ({ now: T0, utcOffsetMinutes: 0, ...over });
const day = (n: number) => T0 + n * DAY_MS;
/** A product page view with a categorised product_view, `i` minutes into day `d`. */
const browse = (d: number, i: number, category: string | undefined, id = `p${i}`): FeatureEvent[] => [
  pageView(day(d) + i * MIN, 'product', `/p/${id}`),
  productView(day(d) + i * MIN + 1, id, 20, undefined, category),
];
/** computeFeatures after every prefix of `events` that ends with a categorised product_view, and the accumulator's value there. */
function affinityAfterEach(events: readonly FeatureEvent[], context: FeatureContext): { full: (number | null)[]; acc: (number | null)[] } {
  const acc = createAccumulator(context);
  const out = { full: [] as (number | null)[], acc: [] as (number | null)[] };
  events.forEach((e, i) => {
    acc.add(e);
    if (e.name !== 'product_view') return;
    out.full.push(computeFeatures(events.slice(0, i + 1), context).category_affinity as number | null);
    out.acc.push(acc.raw().category_affinity as number | null);
  });
  return out;
}

describe('category_affinity', () => {
  // Past session (day 0): tea, tea, coffee and one product without category → 3 categorised views:
  // share(tea) = 2/3, share(coffee) = 1/3, share(mugs) = 0.
  const past = [...browse(0, 0, 'Tea'), ...browse(0, 1, 'Tea'), ...browse(0, 2, 'Coffee'), ...browse(0, 3, undefined)];

  it('is missing without past categorised views, and before the current session has a categorised view', () => {
    // First session ever: no history at all.
    expect(computeFeatures(browse(0, 0, 'Tea'), ctx()).category_affinity).toBeNull();
    // History of product views without categories only.
    expect(computeFeatures([...browse(0, 0, undefined), ...browse(2, 0, 'Tea')], ctx()).category_affinity).toBeNull();
    // History with categories, current session without a categorised product view (yet).
    expect(computeFeatures([...past, pageView(day(2), 'home', '/')], ctx()).category_affinity).toBeNull();
    expect(computeFeatures([...past, ...browse(2, 0, undefined)], ctx()).category_affinity).toBeNull();
  });

  it('averages, over the current session\'s categorised views, each category\'s share of past categorised views', () => {
    // Current session (day 2): tea, mugs, coffee. Running means by hand: 2/3; (2/3 + 0)/2 = 1/3; (2/3 + 0 + 1/3)/3 = 1/3.
    const current = [...browse(2, 0, 'Tea'), ...browse(2, 1, 'Mugs'), ...browse(2, 2, 'Coffee'), ...browse(2, 3, undefined)];
    const { full, acc } = affinityAfterEach([...past, ...current], ctx());
    const expected = [null, null, null, null, 2 / 3, 1 / 3, 1 / 3, 1 / 3];
    full.forEach((v, i) => (expected[i] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(expected[i]!, 12)));
    acc.forEach((v, i) => (expected[i] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(expected[i]!, 12)));
  });

  it('never counts the current session\'s own views as history', () => {
    // Were the current tea views part of the denominator, tea would be 4/5 of all views, not 2/3.
    const r = computeFeatures([...past, ...browse(2, 0, 'Tea'), ...browse(2, 1, 'Tea')], ctx());
    expect(r.category_affinity).toBeCloseTo(2 / 3, 12);
  });

  it('matches categories trimmed and lower-cased; a blank category is no category', () => {
    // Past: "Tea", " tea ", "  " (blank, ignored), "COFFEE" → tea 2/3, coffee 1/3.
    const history = [...browse(0, 0, 'Tea'), ...browse(0, 1, ' tea '), ...browse(0, 2, '  '), ...browse(0, 3, 'COFFEE')];
    expect(computeFeatures([...history, ...browse(2, 0, 'TEA\t')], ctx()).category_affinity).toBeCloseTo(2 / 3, 12);
    expect(computeFeatures([...history, ...browse(2, 0, 'coffee')], ctx()).category_affinity).toBeCloseTo(1 / 3, 12);
    expect(computeFeatures([...history, ...browse(2, 0, ' ')], ctx()).category_affinity).toBeNull();
    expect(summariseHistory(history)).toMatchObject({ categoryViews: 3, categories: { tea: 2, coffee: 1 } });
  });

  it(`tracks the first ${MAX_HISTORY_CATEGORIES} categories; later ones only dilute the shares and score 0`, () => {
    // Day 0: one view each of c0 … c63 (64 categories), then c64 and c65 in one more session on day 1 (2 views).
    const many = Array.from({ length: MAX_HISTORY_CATEGORIES }, (_, i) => browse(0, i, `c${i}`)).flat();
    const late = [...browse(1, 0, 'c64'), ...browse(1, 1, 'c65'), ...browse(1, 2, 'C0')];
    const summary = summariseHistory([...many, ...late]);
    expect(Object.keys(summary.categories)).toHaveLength(MAX_HISTORY_CATEGORIES);
    expect(summary.categories).not.toHaveProperty('c64');
    expect(summary).toMatchObject({ categoryViews: MAX_HISTORY_CATEGORIES + 3 });
    expect(summary.categories.c0).toBe(2); // a tracked category keeps counting after the cap is reached
    const all = [...many, ...late];
    // Denominator 67 includes the two untracked views: c0 scores 2/67, c5 1/67, untracked c64 scores 0.
    expect(computeFeatures([...all, ...browse(3, 0, 'c0')], ctx()).category_affinity).toBeCloseTo(2 / 67, 12);
    expect(computeFeatures([...all, ...browse(3, 0, 'c5')], ctx()).category_affinity).toBeCloseTo(1 / 67, 12);
    expect(computeFeatures([...all, ...browse(3, 0, 'c64')], ctx()).category_affinity).toBe(0);
    const acc = createAccumulator(ctx());
    [...all, ...browse(3, 0, 'c0'), ...browse(3, 1, 'c64')].forEach((e) => acc.add(e));
    expect(acc.raw().category_affinity).toBeCloseTo((2 / 67 + 0) / 2, 12);
  });

  it('within one session past the cap, tracks categories in first-view order', () => {
    const names = Array.from({ length: MAX_HISTORY_CATEGORIES + 1 }, (_, i) => `k${MAX_HISTORY_CATEGORIES - i}`);
    const summary = summariseHistory(names.flatMap((name, i) => browse(0, i, name)));
    expect(Object.keys(summary.categories).sort()).toEqual(names.slice(0, MAX_HISTORY_CATEGORIES).sort());
    expect(summary.categoryViews).toBe(MAX_HISTORY_CATEGORIES + 1);
  });

  it('continues from a stored history summary exactly as from the events it summarises', () => {
    const current = [...browse(2, 0, 'Tea'), ...browse(2, 1, 'Coffee')];
    const fromSummary = computeFeatures(current, ctx({ history: JSON.parse(JSON.stringify(summariseHistory(past))) }));
    expect(fromSummary.category_affinity).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(fromSummary.category_affinity).toBe(computeFeatures([...past, ...current], ctx()).category_affinity);
  });
});
