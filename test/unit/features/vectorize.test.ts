import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FeatureSpec, RawFeatureRecord } from '../../../src/core/features/definition';
import { fitFeatureStats } from '../../../src/core/features/fitStats';
import { createVectorizer, vectorize, vectorizeMany } from '../../../src/core/features/vectorize';
import type { FeatureStats, NumericFeatureStats } from '../../../src/core/features/stats';
import { FEATURE_SPEC } from '../../../src/core/features/spec';

// A tiny spec covering every kind of step, with hand-computable statistics.
const SPEC: FeatureSpec = {
  version: '9.0.0', // a version FEATURE_SPEC never has, so a mix-up of the two specs is caught
  features: [
    { name: 'n', kind: 'count', source: 'session', default: 0, min: 0, max: 1000, transform: 'log1p', doc: 'count' },
    { name: 'r', kind: 'rate', source: 'session', default: 0.5, min: 0, max: 1, transform: 'none', doc: 'rate' },
    { name: 'b', kind: 'binary', source: 'session', default: 0, min: 0, max: 1, transform: 'none', doc: 'flag' },
    { name: 'k', kind: 'categorical', source: 'session', default: 'red', levels: ['red', 'green', 'blue'], transform: 'onehot', doc: 'colour' },
    { name: 'h', kind: 'count', source: 'history', default: 3, min: 0, max: 1000, transform: 'log1p', doc: 'history' },
  ],
};

const TRAIN: RawFeatureRecord[] = [
  { n: 0, r: 0.1, b: true, k: 'red' },
  { n: 1, r: 0.2, b: false, k: 'blue' },
  { n: 3, r: null, b: false, k: 'blue' },
  { n: 7, r: 0.4, b: 'FALSE', k: 'purple' },
  { n: 100, r: 'x', b: 1, k: null },
];

const fit = (): FeatureStats => fitFeatureStats(TRAIN, SPEC, { clipQuantiles: [0.25, 0.75] });

describe('fitFeatureStats', () => {
  it('learns quantile clip bounds, median imputation and post-log1p moments of a count', () => {
    const n = fit().features[0] as NumericFeatureStats;
    // sorted [0,1,3,7,100]: q25 = 1, q75 = 7, median 3; clipped log1p = ln2 * [1,1,2,3,3].
    expect(n).toMatchObject({ kind: 'numeric', clipLow: 1, clipHigh: 7, impute: 3, missingRate: 0 });
    expect(n.mean).toBeCloseTo(2 * Math.LN2, 12);
    expect(n.sd).toBeCloseTo(Math.LN2 * Math.sqrt(0.8), 12);
  });

  it('counts malformed cells as missing and imputes them before measuring moments', () => {
    const r = fit().features[1] as NumericFeatureStats;
    // observed [0.1,0.2,0.4]: median 0.2, q25 0.15, q75 0.3; imputed+clipped [.15,.2,.2,.3,.2].
    expect(r.impute).toBeCloseTo(0.2, 12);
    expect(r.clipLow).toBeCloseTo(0.15, 12);
    expect(r.clipHigh).toBeCloseTo(0.3, 12);
    expect(r.missingRate).toBeCloseTo(0.4, 12);
    expect(r.mean).toBeCloseTo(0.21, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt(0.0024), 12);
  });

  it('keeps binary clip bounds at [0, 1] so a minority of ones survives', () => {
    const b = fit().features[2] as NumericFeatureStats;
    expect(b).toMatchObject({ clipLow: 0, clipHigh: 1, impute: 0 });
    expect(b.mean).toBeCloseTo(0.4, 12);
  });

  it('imputes categoricals with the mode and measures each level column', () => {
    const k = fit().features[3];
    expect(k).toMatchObject({ kind: 'categorical', impute: 'blue', missingRate: 0.4 });
    if (k?.kind !== 'categorical') throw new Error('expected categorical stats');
    expect(k.means.map((m) => +m.toFixed(12))).toEqual([0.2, 0, 0.8]);
    expect(k.sds.map((s) => +s.toFixed(12))).toEqual([0.4, 0, 0.4]);
  });

  it('falls back to the spec default and range for a feature training never saw', () => {
    const h = fit().features[4] as NumericFeatureStats;
    expect(h).toMatchObject({ impute: 3, clipLow: 0, clipHigh: 1000, sd: 0, missingRate: 1 });
  });

  it('rejects empty training data and inverted quantiles', () => {
    expect(() => fitFeatureStats([], SPEC)).toThrow(/'records' passed to 'fitFeatureStats'/);
    expect(() => fitFeatureStats(TRAIN, SPEC, { clipQuantiles: [0.9, 0.1] })).toThrow(/'clipQuantiles'/);
  });
});

describe('vectorize', () => {
  it('runs clip, impute, log1p, standardise and one-hot in the documented column order', () => {
    const { values, names } = vectorize({ n: 500, r: 0.3, b: true, k: 'green', h: 50 }, fit(), SPEC);
    expect(names).toEqual(['n', 'r', 'b', 'k=red', 'k=green', 'k=blue', 'h']);
    const expected = [
      1 / Math.sqrt(0.8), // 500 clipped to 7: (ln8 - 2 ln2) / (ln2 sqrt .8)
      (0.3 - 0.21) / Math.sqrt(0.0024),
      (1 - 0.4) / Math.sqrt(0.24),
      (0 - 0.2) / 0.4, // red column
      0, // green: no spread in training
      (0 - 0.8) / 0.4, // blue column
      0, // history feature absent from training
    ];
    expected.forEach((e, i) => expect(values[i], names[i]).toBeCloseTo(e, 5));
  });

  it('imputes missing, malformed and out-of-range values from the stats', () => {
    const stats = fit();
    const { values } = vectorize({ n: -4, r: 'oops', k: 'purple' }, stats, SPEC);
    // n=-4 is invalid -> median 3 -> ln4 -> exactly the mean; r -> 0.2; b -> 0; k -> blue.
    expect(values[0]).toBeCloseTo(0, 6);
    expect(values[1]).toBeCloseTo((0.2 - 0.21) / Math.sqrt(0.0024), 5);
    expect(values[2]).toBeCloseTo(-0.4 / Math.sqrt(0.24), 5);
    expect(values[5]).toBeCloseTo((1 - 0.8) / 0.4, 5);
  });

  it('writes into a caller buffer at an offset and checks its size', () => {
    const v = createVectorizer(fit(), SPEC);
    const out = new Float32Array(3 + v.columns.length).fill(42);
    v.vectorize({ n: 3 }, out, 3);
    expect(Array.from(out.slice(0, 3))).toEqual([42, 42, 42]);
    expect(out[3]).toBeCloseTo(0, 6);
    expect(() => v.vectorize({}, new Float32Array(4))).toThrow(/'out' passed to 'vectorize' must hold 7 values/);
  });

  it('throws a clear error when the stats were fitted for another spec version', () => {
    const stale = { ...fit(), specVersion: '1.9.0' };
    expect(() => vectorize({}, stale, SPEC)).toThrow(/fitted for feature spec 1\.9\.0, but this build uses feature spec 9\.0\.0/);
  });

  it('throws when the stats do not line up with the spec', () => {
    const stats = fit();
    const swapped = { ...stats, features: [stats.features[1], stats.features[0], ...stats.features.slice(2)] };
    expect(() => createVectorizer(swapped, SPEC)).toThrow(/feature #0 must be 'n', got 'r'/);
    const [n, r, b, k, h] = stats.features;
    const badLevels = { ...stats, features: [n, r, b, { ...k, levels: ['red', 'blue', 'green'] }, h] };
    expect(() => createVectorizer(badLevels, SPEC)).toThrow(/'k' levels must be \[red, green, blue\]/);
    const nan = { ...stats, features: [{ ...n, sd: NaN }, r, b, k, h] };
    expect(() => createVectorizer(nan, SPEC)).toThrow(/'n' needs finite/);
    expect(() => createVectorizer(null, SPEC)).toThrow(/'stats' passed to 'createVectorizer' must be an object/);
    expect(() => createVectorizer(stats)).toThrow(new RegExp(`fitted for feature spec 9\\.0\\.0, but this build uses feature spec ${FEATURE_SPEC.version.replaceAll(".", "\\.")}`));
  });

  it('standardises the training rows themselves to mean 0 and sd 1 per spread column (property)', () => {
    const row = fc.record({
      n: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.constant(null)),
      r: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
      b: fc.boolean(),
      k: fc.constantFrom('red', 'green', 'blue', 'nope'),
    });
    fc.assert(fc.property(fc.array(row, { minLength: 2, maxLength: 60 }), (records) => {
      const stats = fitFeatureStats(records, SPEC);
      const { matrix, rows, cols } = vectorizeMany(records, stats, SPEC);
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        let sq = 0;
        for (let i = 0; i < rows; i++) sum += matrix[i * cols + c]!;
        const mean = sum / rows;
        for (let i = 0; i < rows; i++) sq += (matrix[i * cols + c]! - mean) ** 2;
        const sd = Math.sqrt(sq / rows);
        if (Math.abs(mean) > 1e-4) return false;
        if (sd > 1e-6 && Math.abs(sd - 1) > 1e-3) return false;
      }
      return true;
    }), { numRuns: 60 });
  });

  it('vectorises a full-spec record with all-default stats from a single row', () => {
    const stats = fitFeatureStats([{ PageValues: 12, Month: 'Nov', VisitorType: 'New_Visitor', Weekend: true }]);
    const { values, names } = vectorize({ PageValues: 50 }, stats);
    expect(names).toHaveLength(35); // 10 numeric session + 12 Month + 3 VisitorType + Weekend + 8 history + PageValues_missing
    // One training row means no spread anywhere: every column is 0 and nothing is NaN.
    expect(Array.from(values).every((v) => v === 0)).toBe(true);
    expect(stats.specVersion).toBe(FEATURE_SPEC.version);
  });
});
