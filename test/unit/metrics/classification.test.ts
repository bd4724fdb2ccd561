import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accuracy,
  averagePrecision,
  bestF1Threshold,
  brierScore,
  confusionAt,
  expectedCalibrationError,
  logLoss,
  rocAuc,
  thresholdMetrics,
} from '../../../src/core/metrics/classification';
import { calibrationBins } from '../../../src/core/metrics/lib/calibration-bins';
import { precisionRecallCurve, rocCurve } from '../../../src/core/metrics/lib/classification-curves';

// The scikit-learn documentation example: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8].
const Y = [0, 0, 1, 1];
const S = [0.1, 0.4, 0.35, 0.8];

describe('rocAuc', () => {
  it('matches the hand count of correctly ordered pairs', () => {
    // Pairs (pos, neg): (.35,.1) ok, (.35,.4) wrong, (.8,.1) ok, (.8,.4) ok -> 3/4.
    expect(rocAuc(Y, S)).toBeCloseTo(0.75, 12);
  });

  it('counts a tied positive/negative pair as one half', () => {
    // Pairs: (.5 vs .5) 0.5, (.5 vs .2) 1, (.9 vs .5) 1, (.9 vs .2) 1 -> 3.5 / 4.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5, 12);
  });

  it('equals the brute-force Mann-Whitney statistic on random data with ties (property)', () => {
    const data = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 40 })
      .filter((rows) => rows.some(([y]) => y === 1) && rows.some(([y]) => y === 0));
    fc.assert(fc.property(data, (rows) => {
      const y = rows.map(([l]) => l);
      const s = rows.map(([, v]) => v);
      let wins = 0;
      let pairs = 0;
      for (const [yi, si] of rows) for (const [yj, sj] of rows) {
        if (yi !== 1 || yj !== 0) continue;
        pairs++;
        wins += si > sj ? 1 : si === sj ? 0.5 : 0;
      }
      return Math.abs(rocAuc(y, s) - wins / pairs) < 1e-12 && Math.abs(rocAuc(y, s.map((v) => -v)) - (1 - wins / pairs)) < 1e-12;
    }));
  });

  it('needs both classes and well-formed inputs', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/'yTrue' passed to 'rocAuc' must contain both classes/);
    expect(() => rocAuc([0, 1], [0.2])).toThrow(/equal lengths/);
    expect(() => rocAuc([0, 2], [0.2, 0.3])).toThrow(/only 0 and 1; index 1 is 2/);
    expect(() => rocAuc([0, 1], [0.2, NaN])).toThrow(/'scores' passed to 'rocAuc' must be finite/);
    expect(() => rocAuc([], [])).toThrow(/non-empty/);
  });
});

describe('averagePrecision', () => {
  it('matches the scikit-learn example', () => {
    // Ranked: .8(+) P=1 R=.5; .4(-); .35(+) P=2/3 R=1 -> .5*1 + .5*2/3.
    expect(averagePrecision(Y, S)).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('switches tied rows together', () => {
    // Both rows at .5 enter together: P = 1/2 at R = 1.
    expect(averagePrecision([1, 0], [0.5, 0.5])).toBeCloseTo(0.5, 12);
  });

  it('equals the mean over positives of precision at their own score (property)', () => {
    const data = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 40 })
      .filter((rows) => rows.some(([y]) => y === 1) && rows.some(([y]) => y === 0));
    fc.assert(fc.property(data, (rows) => {
      const positives = rows.filter(([y]) => y === 1);
      const brute = positives.reduce((sum, [, s]) => {
        const above = rows.filter(([, t]) => t >= s);
        return sum + above.filter(([y]) => y === 1).length / above.length;
      }, 0) / positives.length;
      return Math.abs(averagePrecision(rows.map(([y]) => y), rows.map(([, s]) => s)) - brute) < 1e-12;
    }));
  });
});

describe('threshold metrics', () => {
  it('count score >= threshold as positive', () => {
    expect(confusionAt(Y, S, 0.35)).toEqual({ tp: 2, fp: 1, tn: 1, fn: 0 });
    const m = thresholdMetrics(Y, S, 0.35);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBe(1);
    expect(m.f1).toBeCloseTo(0.8, 12);
    expect(accuracy(Y, S, 0.35)).toBe(0.75);
  });

  it('report 0 precision and F1 when nothing is predicted positive', () => {
    expect(thresholdMetrics(Y, S, 0.9)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(accuracy(Y, S, 0.9)).toBe(0.5);
  });

  it('pick the best-F1 threshold halfway to the next lower score', () => {
    // F1 at >= .8: 2/3; >= .4: 1/2; >= .35: 4/5; >= .1: 2/3 -> best at .35, placed at (.35 + .1) / 2.
    const best = bestF1Threshold(Y, S);
    expect(best.f1).toBeCloseTo(0.8, 12);
    expect(best.threshold).toBeCloseTo(0.225, 12);
    expect(thresholdMetrics(Y, S, best.threshold).f1).toBeCloseTo(0.8, 12);
  });

  it('keep the lowest score as threshold when predicting all positive is best', () => {
    expect(bestF1Threshold([1, 1, 1], [0.2, 0.5, 0.9])).toEqual({ threshold: 0.2, f1: 1 });
    expect(() => bestF1Threshold([0, 0], [0.2, 0.5])).toThrow(/at least one positive/);
  });
});

describe('calibration metrics', () => {
  it('compute ECE over 10 equal-width bins', () => {
    // Bins: [0,.1): p .05 vs y 0 (gap .05, 1 row); [.1,.2): p .15 vs .5 (gap .35, 2 rows); [.9,1]: .95 vs 1 (gap .05).
    expect(expectedCalibrationError([0, 0, 1, 1], [0.05, 0.15, 0.15, 0.95])).toBeCloseTo((0.05 + 2 * 0.35 + 0.05) / 4, 12);
    expect(expectedCalibrationError([0, 1], [0, 1])).toBe(0);
  });

  it('put p = 1 in the last bin and report empty bins as NaN', () => {
    const bins = calibrationBins([1, 0], [1, 0.95]);
    expect(bins[9]).toMatchObject({ count: 2, fractionPositive: 0.5 });
    expect(bins[9]!.meanPredicted).toBeCloseTo(0.975, 12);
    expect(bins[3]!.count).toBe(0);
    expect(bins[3]!.meanPredicted).toBeNaN();
    expect(() => calibrationBins([1], [1.2])).toThrow(/probabilities in \[0, 1\]/);
  });

  it('compute Brier score and log loss', () => {
    expect(brierScore([0, 1], [0.1, 0.9])).toBeCloseTo(0.01, 12);
    expect(brierScore([0, 1], [1, 0])).toBe(1);
    expect(logLoss([0, 1], [0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });
});

describe('curves', () => {
  it('ROC runs from (0,0) to (1,1) over distinct thresholds', () => {
    const c = rocCurve(Y, S);
    expect(Array.from(c.x)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(c.y)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(c.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
  });

  it('PR starts at (0,1) and lists precision at each recall', () => {
    const c = precisionRecallCurve(Y, S);
    expect(Array.from(c.x)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(c.y).map((v) => +v.toFixed(6))).toEqual([1, 1, 0.5, 0.666667, 0.5]);
  });
});
