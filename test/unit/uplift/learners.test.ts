import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/lib/random';
import type { BinaryClassifier, ClassifierFitter } from '../../../src/train/uplift/lib/classifier';
import { fitGradientBoosting } from '../../../src/train/uplift/lib/gradient-boosting';
import { fitLogisticRegression } from '../../../src/train/uplift/lib/logistic-regression';
import type { Matrix } from '../../../src/train/uplift/lib/matrix';
import { fitClassTransformation, fitTwoModel } from '../../../src/train/uplift/lib/uplift-learners';

/** n rows of d uniform(−1, 1) features. */
function uniformMatrix(n: number, d: number, seed: number): Matrix {
  const random = mulberry32(seed);
  return { data: Float64Array.from({ length: n * d }, () => 2 * random() - 1), rows: n, cols: d };
}

function accuracy(model: BinaryClassifier, x: Matrix, y: ArrayLike<number>): number {
  const p = model.predictProba(x);
  let hits = 0;
  for (let i = 0; i < x.rows; i++) hits += (p[i] as number) > 0.5 === (y[i] === 1) ? 1 : 0;
  return hits / x.rows;
}

describe('fitLogisticRegression', () => {
  it('recovers the coefficients of a simulated logistic model', () => {
    // logit P(y=1) = 0.5 + 2·x0 − 1·x1 + 0·x2, x ~ U(−1, 1)³, 40,000 rows.
    const x = uniformMatrix(40_000, 3, 1);
    const random = mulberry32(2);
    const y = Float64Array.from({ length: x.rows }, (_, i) => {
      const eta = 0.5 + 2 * (x.data[i * 3] as number) - (x.data[i * 3 + 1] as number);
      return random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    });
    const model = fitLogisticRegression(x, y);
    // Probe the fitted logit at unit points: logit(p(e_j)) − logit(p(0)) = β_j.
    const probe: Matrix = { data: Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]), rows: 4, cols: 3 };
    const logit = Array.from(model.predictProba(probe), (p) => Math.log(p / (1 - p)));
    const l0 = logit[0] as number;
    expect(l0).toBeCloseTo(0.5, 1);
    expect((logit[1] as number) - l0).toBeCloseTo(2, 1);
    expect((logit[2] as number) - l0).toBeCloseTo(-1, 1);
    expect(Math.abs((logit[3] as number) - l0)).toBeLessThan(0.06);
  });

  it('handles duplicated (collinear) columns thanks to the ridge penalty', () => {
    const base = uniformMatrix(2000, 1, 3);
    const x: Matrix = { data: Float64Array.from({ length: 4000 }, (_, k) => base.data[k >> 1] as number), rows: 2000, cols: 2 };
    const y = Float64Array.from({ length: 2000 }, (_, i) => ((base.data[i] as number) > 0 ? 1 : 0));
    expect(accuracy(fitLogisticRegression(x, y), x, y)).toBeGreaterThan(0.97);
  });

  it('names bad arguments', () => {
    const x = uniformMatrix(4, 2, 1);
    expect(() => fitLogisticRegression(x, [0, 1, 2, 0])).toThrow(/'y' passed to 'fitLogisticRegression' must contain only 0 and 1; got 2 at row 2/);
    expect(() => fitLogisticRegression(x, [0, 1])).toThrow(/one label per row/);
    expect(() => fitLogisticRegression(x, [0, 1, 1, 0], { l2: 0 })).toThrow(/'options.l2'/);
  });
});

describe('fitGradientBoosting', () => {
  it('learns an interaction (XOR of signs) that a linear model cannot', () => {
    const x = uniformMatrix(6000, 2, 4);
    const y = Float64Array.from({ length: x.rows }, (_, i) => ((x.data[2 * i] as number) * (x.data[2 * i + 1] as number) > 0 ? 1 : 0));
    const test = uniformMatrix(2000, 2, 5);
    const yTest = Float64Array.from({ length: test.rows }, (_, i) => ((test.data[2 * i] as number) * (test.data[2 * i + 1] as number) > 0 ? 1 : 0));
    expect(accuracy(fitGradientBoosting(x, y, 0), test, yTest)).toBeGreaterThan(0.95);
    expect(accuracy(fitLogisticRegression(x, y), test, yTest)).toBeLessThan(0.6);
  });

  it('early stopping keeps predictions near the base rate on pure-noise labels', () => {
    const x = uniformMatrix(4000, 5, 6);
    const random = mulberry32(7);
    const y = Float64Array.from({ length: x.rows }, () => (random() < 0.3 ? 1 : 0));
    const withStop = fitGradientBoosting(x, y, 1).predictProba(x);
    const withoutStop = fitGradientBoosting(x, y, 1, { validationFraction: 0 }).predictProba(x);
    const spread = (p: Float64Array): number => Math.max(...p) - Math.min(...p);
    expect(spread(withStop)).toBeLessThan(0.5 * spread(withoutStop));
  });

  it('is reproducible for a seed', () => {
    const x = uniformMatrix(1000, 3, 8);
    const y = Float64Array.from({ length: 1000 }, (_, i) => ((x.data[3 * i] as number) > 0.2 ? 1 : 0));
    expect(fitGradientBoosting(x, y, 3).predictProba(x)).toEqual(fitGradientBoosting(x, y, 3).predictProba(x));
  });

  it('names bad options', () => {
    const x = uniformMatrix(10, 1, 1);
    const y = new Float64Array(10);
    expect(() => fitGradientBoosting(x, y, 0, { subsample: 0 })).toThrow(/'options.subsample' passed to 'fitGradientBoosting'/);
    expect(() => fitGradientBoosting(x, y, 0, { trees: 0 })).toThrow(/'options.trees'/);
  });
});

describe('uplift meta-learners', () => {
  // A recording base learner: remembers the labels it was fitted on and predicts a fixed
  // probability per feature value, so the meta-learners' own arithmetic is what is tested.
  const x: Matrix = { data: Float64Array.from([0, 1, 2, 3]), rows: 4, cols: 1 };
  const y = [1, 0, 0, 1];
  const w = [1, 1, 0, 0];

  it('class transformation fits Z = y·w + (1−y)(1−w) and returns 2·P(Z=1) − 1', () => {
    const seen: number[][] = [];
    const recorder: ClassifierFitter = (_x, labels) => {
      seen.push(Array.from(labels));
      return { predictProba: (m) => m.data.map((v) => [0.9, 0.5, 0.25, 0.6][v] as number) };
    };
    const uplift = fitClassTransformation(recorder, x, y, w, 0)(x);
    // Z: (y1,w1) → 1; (y0,w1) → 0; (y0,w0) → 1; (y1,w0) → 0.
    expect(seen).toEqual([[1, 0, 1, 0]]);
    // 2·[.9, .5, .25, .6] − 1 = [.8, 0, −.5, .2].
    Array.from(uplift).forEach((u, i) => expect(u).toBeCloseTo([0.8, 0, -0.5, 0.2][i] as number, 12));
  });

  it('two-model fits one model per arm and subtracts control from treated', () => {
    const seen: number[][] = [];
    const recorder: ClassifierFitter = (m, labels) => {
      seen.push([...Array.from(m.data), -1, ...Array.from(labels)]);
      const treated = m.data[0] === 0;
      return { predictProba: (q) => q.data.map((v) => (treated ? 0.5 : 0.1 * v)) };
    };
    const uplift = fitTwoModel(recorder, x, y, w, 0)(x);
    // Treated rows 0, 1 (labels 1, 0); control rows 2, 3 (labels 0, 1).
    expect(seen).toEqual([
      [0, 1, -1, 1, 0],
      [2, 3, -1, 0, 1],
    ]);
    // 0.5 − 0.1·v for v = 0..3.
    Array.from(uplift).forEach((u, i) => expect(u).toBeCloseTo(0.5 - 0.1 * i, 12));
  });

  it('requires both arms', () => {
    const anyFit: ClassifierFitter = () => ({ predictProba: (m) => new Float64Array(m.rows) });
    expect(() => fitTwoModel(anyFit, x, y, [1, 1, 1, 1], 0)).toThrow(/'treatment' passed to 'fitTwoModel' must contain both/);
    expect(() => fitClassTransformation(anyFit, x, y, [1, 0, 2, 0], 0)).toThrow(/got 2 at row 2/);
  });
});
