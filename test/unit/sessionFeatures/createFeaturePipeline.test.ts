import { describe, expect, it } from 'vitest';
import { fitFeatureStats } from '../../../src/core/features/fitStats';
import { createVectorizer } from '../../../src/core/features/vectorize';
import { featureColumns } from '../../../src/core/features/columns';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { computeFeatures, createFeaturePipeline } from '../../../src/core/sessionFeatures';
import { MIN, T0, dwell, pageView, purchase } from './lib/eventBuilders';

const visit = (start: number, pages: number) => Array.from({ length: pages }, (_, i) => [
  pageView(start + i * MIN, i % 2 ? 'product' : 'category', `/p/${i}`), dwell(start + i * MIN + 50_000, 40_000 + i * 1000),
]).flat();

// Statistics fitted on records this very module computes, as training on synthetic data would.
const records = [1, 3, 8, 20].map((n, k) => computeFeatures([...visit(T0 - 10 * k * 24 * 60 * MIN, 2), purchase(T0 - 10 * k * 24 * 60 * MIN + MIN, 50), ...visit(T0 + k * MIN, n)], { now: T0, utcOffsetMinutes: 0 }));
const stats = fitFeatureStats(records);

describe('createFeaturePipeline', () => {
  it('dedupes, computes and vectorises with the bundle statistics', () => {
    const pipeline = createFeaturePipeline(stats);
    const events = visit(T0, 5);
    const withRepeats = events.flatMap((e) => [e, { ...e, ts: e.ts + 10 }]); // every event fired twice
    const result = pipeline.run(withRepeats, { now: T0, utcOffsetMinutes: 0 });
    expect(pipeline.columns).toEqual(featureColumns(FEATURE_SPEC));
    expect(result.raw).toEqual(computeFeatures(events, { now: T0, utcOffsetMinutes: 0 }));
    expect(result.personalise).toBe(true);
    expect(Array.from(result.vector!)).toEqual(Array.from(createVectorizer(stats).vectorize(result.raw)));
  });

  it('withholds the vector of a bot session', () => {
    const result = createFeaturePipeline(stats).run(visit(T0, 3), { now: T0 }, { webdriver: true });
    expect(result).toMatchObject({ personalise: false, vector: null, bot: { bot: true, reasons: ['webdriver'] } });
  });

  it('refuses statistics fitted for another spec version', () => {
    expect(() => createFeaturePipeline({ ...stats, specVersion: '0.0.1' })).toThrow(/'stats' passed to 'createVectorizer'/);
  });
});
