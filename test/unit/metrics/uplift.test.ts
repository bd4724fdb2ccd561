import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  perfectQiniCurve,
  perfectUpliftCurve,
  qiniAucScore,
  qiniCurve,
  upliftAtK,
  upliftAucScore,
  upliftCurve,
} from '../../../src/core/metrics/uplift';

/*
 * Hand-worked case used throughout (6 rows, distinct scores, so ranking = row order):
 *
 *   row        0    1    2    3    4    5
 *   uplift    .9   .8   .7   .6   .5   .4
 *   treatment  1    0    1    0    1    0
 *   y          1    0    1    1    0    0
 *
 * Cumulative after n rows (n_t treated, Y_t / Y_c responders):
 *   n   n_t n_c Y_t Y_c | Qini Y_t − Y_c·n_t/n_c | uplift (Y_t/n_t − Y_c/n_c)·n
 *   1    1   0   1   0  | 1 − 0         = 1      | (1 − 0)·1     = 1
 *   2    1   1   1   0  | 1 − 0         = 1      | (1 − 0)·2     = 2
 *   3    2   1   2   0  | 2 − 0         = 2      | (1 − 0)·3     = 3
 *   4    2   2   2   1  | 2 − 1·2/2     = 1      | (1 − 1/2)·4   = 2
 *   5    3   2   2   1  | 2 − 1·3/2     = 0.5    | (2/3 − 1/2)·5 = 5/6
 *   6    3   3   2   1  | 2 − 1·3/3     = 1      | (2/3 − 1/3)·6 = 2
 */
const Y = [1, 0, 1, 1, 0, 0];
const U = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
const W = [1, 0, 1, 0, 1, 0];

describe('upliftAtK (sklift strategy "overall")', () => {
  it('takes trunc(n·k) rows of the overall ranking', () => {
    // k = 0.5 → 3 rows (0, 1, 2): treated {0, 2} rate 2/2 = 1, control {1} rate 0 → 1.
    expect(upliftAtK(Y, U, W, 0.5)).toBeCloseTo(1, 12);
    // k = 0.7 → trunc(4.2) = 4 rows: treated {0, 2} rate 1, control {1, 3} rate 1/2 → 0.5.
    expect(upliftAtK(Y, U, W, 0.7)).toBeCloseTo(0.5, 12);
  });

  it('accepts an integer row count', () => {
    // k = 5 → rows 0..4: treated {0, 2, 4} rate 2/3, control {1, 3} rate 1/2 → 1/6.
    expect(upliftAtK(Y, U, W, 5)).toBeCloseTo(1 / 6, 12);
  });

  it('breaks ties by decreasing row index, as np.argsort(kind="mergesort")[::-1]', () => {
    // Scores tie for rows 0..2; descending order is 2, 1, 0, 3. Top 2 = row 2 (treated, y 0),
    // row 1 (control, y 0) → 0 − 0 = 0. Ascending-index tie-breaking would give rows 0, 1 → 1.
    expect(upliftAtK([1, 0, 0, 0], [0.5, 0.5, 0.5, 0.1], [1, 0, 1, 0], 2)).toBe(0);
  });

  it('rejects a cut-off without both groups and invalid k', () => {
    // k = 0.3 → trunc(1.8) = 1 row, which is treated only.
    expect(() => upliftAtK(Y, U, W, 0.3)).toThrow(/no control row among the top 1/);
    expect(() => upliftAtK(Y, U, W, 1)).toThrow(/no control row/);
    expect(() => upliftAtK(Y, U, W, 6)).toThrow(/'k' passed to 'upliftAtK'/);
    expect(() => upliftAtK(Y, U, W, 1.5)).toThrow(/'k' passed to 'upliftAtK'/);
    expect(() => upliftAtK(Y, U, W, 0)).toThrow(/'k' passed to 'upliftAtK'/);
  });

  it('names bad arguments', () => {
    expect(() => upliftAtK(Y, U, [1, 0, 2, 0, 1, 0])).toThrow(/'treatment' passed to 'upliftAtK'.*got 2 at index 2/);
    expect(() => upliftAtK(Y, U.slice(1), W)).toThrow(/equal lengths/);
    expect(() => upliftAtK(Y, [0.9, NaN, 0.7, 0.6, 0.5, 0.4], W)).toThrow(/'uplift' passed to 'upliftAtK'/);
    expect(() => upliftAtK(Y, U, [1, 1, 1, 1, 1, 1])).toThrow(/both treated \(1\) and control \(0\)/);
  });
});

describe('Qini curve and coefficient', () => {
  it('matches the hand-computed curve', () => {
    const c = qiniCurve(Y, U, W);
    expect(Array.from(c.x)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(c.y)).toEqual([0, 1, 1, 2, 1, 0.5, 1]);
  });

  it('matches the hand-computed perfect curve (ties grouped)', () => {
    // Oracle score y·w − y·(1−w): rows 0, 2 → 1; rows 1, 4, 5 → 0; row 3 → −1.
    // Thresholds after 2 rows (n_t 2, Y_t 2): Q = 2; after 5 (n_t 3, n_c 2, Y_c 0): Q = 2;
    // after 6 (n_c 3, Y_c 1): Q = 2 − 1·3/3 = 1.
    const p = perfectQiniCurve(Y, W);
    expect(Array.from(p.x)).toEqual([0, 2, 5, 6]);
    expect(Array.from(p.y)).toEqual([0, 2, 2, 1]);
  });

  it('normalises the area as sklift qini_auc_score', () => {
    // Model area (unit steps): .5 + 1 + 1.5 + 1.5 + .75 + .75 = 6.
    // Perfect area: 2·(0+2)/2 + 3·(2+2)/2 + 1·(2+1)/2 = 2 + 6 + 1.5 = 9.5.
    // Random line (0,0)→(6,1): 3.  Coefficient = (6 − 3) / (9.5 − 3) = 6/13.
    expect(qiniAucScore(Y, U, W)).toBeCloseTo(6 / 13, 12);
  });

  it('uses the no-negative-effect perfect curve on request', () => {
    // R = Y_t − n_t·Y_c/n_c = 2 − 3·1/3 = 1 → perfect [(0,0), (1,1), (6,1)], area 0.5 + 5 = 5.5.
    // Coefficient = (6 − 3) / (5.5 − 3) = 1.2 (it can exceed 1 when negative effects exist).
    const p = perfectQiniCurve(Y, W, false);
    expect(Array.from(p.x)).toEqual([0, 1, 6]);
    expect(Array.from(p.y)).toEqual([0, 1, 1]);
    expect(qiniAucScore(Y, U, W, false)).toBeCloseTo(1.2, 12);
  });

  it('gives 0 for a constant score: one threshold, the random line itself', () => {
    const c = qiniCurve(Y, [3, 3, 3, 3, 3, 3], W);
    expect(Array.from(c.x)).toEqual([0, 6]);
    expect(Array.from(c.y)).toEqual([0, 1]);
    expect(qiniAucScore(Y, [3, 3, 3, 3, 3, 3], W)).toBe(0);
  });
});

describe('uplift curve and AUUC', () => {
  it('matches the hand-computed curve', () => {
    const c = upliftCurve(Y, U, W);
    expect(Array.from(c.x)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const expected = [0, 1, 2, 3, 2, 5 / 6, 2];
    c.y.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 12));
  });

  it('matches the hand-computed perfect curve', () => {
    // Control responders (row 3) = 1, treated non-responders (row 4) = 1; 1 > 1 is false → summand = w.
    // Oracle 2·[y = w] + w: rows 0, 2 → 3; rows 1, 5 → 2; row 4 → 1; row 3 → 0.
    // After 2: (1 − 0)·2 = 2; after 4: (2/2 − 0/2)·4 = 4; after 5: (2/3 − 0)·5 = 10/3; after 6: (2/3 − 1/3)·6 = 2.
    const p = perfectUpliftCurve(Y, W);
    expect(Array.from(p.x)).toEqual([0, 2, 4, 5, 6]);
    const expected = [0, 2, 4, 10 / 3, 2];
    p.y.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 12));
  });

  it('normalises the area as sklift uplift_auc_score', () => {
    // Model area: .5 + 1.5 + 2.5 + 2.5 + (2 + 5/6)/2 + (5/6 + 2)/2 = 7 + 17/6 = 59/6.
    // Perfect area: 2 + 6 + (4 + 10/3)/2 + (10/3 + 2)/2 = 8 + 11/3 + 8/3 = 43/3.
    // Random line (0,0)→(6,2): 6.  AUUC = (59/6 − 6) / (43/3 − 6) = (23/6) / (25/3) = 23/50.
    expect(upliftAucScore(Y, U, W)).toBeCloseTo(0.46, 12);
  });

  it('rejects a non-binary target', () => {
    expect(() => upliftCurve([1, 0, 2, 1, 0, 0], U, W)).toThrow(/'yTrue' passed to 'upliftCurve' must contain only 0 and 1/);
  });
});

describe('properties', () => {
  const rows = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: -5, max: 5 })), {
      minLength: 4,
      maxLength: 60,
    })
    .filter((r) => r.some(([, w]) => w === 1) && r.some(([, w]) => w === 0));

  it('the oracle ranking scores Qini 1, and every curve ends at the whole-sample value', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const y = r.map(([v]) => v);
        const w = r.map(([, v]) => v);
        const s = r.map(([, , v]) => v);
        const oracle = y.map((v, i) => v * (w[i] === 1 ? 1 : -1));
        const perfect = perfectQiniCurve(y, w);
        const curve = qiniCurve(y, s, w);
        expect(curve.y[curve.y.length - 1]).toBeCloseTo(perfect.y[perfect.y.length - 1] as number, 9);
        expect(curve.x[curve.x.length - 1]).toBe(r.length);
        const area = qiniAucScore(y, oracle, w);
        // Degenerate samples where the perfect curve is the random line give 0/0.
        if (Number.isFinite(area)) expect(area).toBeCloseTo(1, 9);
      }),
    );
  });

  it('is invariant to strictly increasing transforms of the score', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const y = r.map(([v]) => v);
        const w = r.map(([, v]) => v);
        const s = r.map(([, , v]) => v);
        const t = s.map((v) => Math.exp(v) + 7);
        const a = upliftAucScore(y, s, w);
        const b = upliftAucScore(y, t, w);
        if (Number.isNaN(a)) expect(b).toBeNaN();
        else expect(b).toBeCloseTo(a, 9);
      }),
    );
  });
});
