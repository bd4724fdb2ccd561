/**
 * Uplift-model evaluation on randomized data: uplift@k, the Qini curve and
 * coefficient, and the uplift curve and its normalised area (AUUC).
 *
 * Every function reproduces scikit-uplift 0.5 (`sklift.metrics`) exactly, so
 * our numbers can be compared with published sklift results:
 *
 * - rows are ranked by decreasing predicted uplift, ties by decreasing row
 *   index (`np.argsort(uplift, kind="mergesort")[::-1]`);
 * - curves are evaluated only at the last row of each run of tied scores, plus
 *   the origin (0, 0), so tied rows enter together;
 * - areas are trapezoidal over x = number of rows targeted (sklearn's `auc`).
 *
 * Notation: at a cut-off of the first `n` ranked rows, `n_t`/`n_c` are treated
 * and control rows, `Y_t`/`Y_c` their responders.
 */
import {
  cumulativeAtThresholds,
  descendingOrder,
  safeDivide,
  trapezoidArea,
  validateUpliftInputs,
} from './lib/uplift-cumulative';

/** A curve as points (x = rows targeted, y = curve value), starting at (0, 0). */
export interface UpliftCurve {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * uplift@k with sklift's `strategy='overall'`: take the top `k` of ALL rows by
 * predicted uplift (treated and control together), then return
 * `mean(y | treated, top) − mean(y | control, top)`.
 *
 * @param k - a fraction in (0, 1), in which case the cut is `trunc(n · k)` rows
 *   as Python's `int(n * k)`, or an integer row count in [1, n).
 * @throws when the top rows hold no treated or no control row (sklift would return NaN).
 */
export function upliftAtK(
  yTrue: ArrayLike<number>,
  uplift: ArrayLike<number>,
  treatment: ArrayLike<number>,
  k = 0.3,
): number {
  validateUpliftInputs('upliftAtK', yTrue, uplift, treatment, false);
  const n = yTrue.length;
  const size = Number.isInteger(k) ? k : Math.trunc(n * k);
  const validK = Number.isInteger(k) ? k > 0 && k < n : k > 0 && k < 1;
  if (!validK || size < 1) {
    throw new Error(`'k' passed to 'upliftAtK' must be a fraction in (0, 1) or an integer in [1, ${n}) selecting ≥ 1 row; got ${k}`);
  }
  const order = descendingOrder(uplift);
  let nt = 0;
  let nc = 0;
  let yt = 0;
  let yc = 0;
  for (let pos = 0; pos < size; pos++) {
    const i = order[pos] as number;
    if (treatment[i] === 1) {
      nt++;
      yt += yTrue[i] as number;
    } else {
      nc++;
      yc += yTrue[i] as number;
    }
  }
  if (nt === 0 || nc === 0) {
    throw new Error(`'upliftAtK' found no ${nt === 0 ? 'treated' : 'control'} row among the top ${size} rows; use a larger 'k'`);
  }
  return yt / nt - yc / nc;
}

/**
 * Qini curve (Radcliffe 2007): `Q(n) = Y_t − Y_c · n_t / n_c`, the extra
 * responders among the targeted treated rows relative to control scaled to
 * the same size. Ends at the overall incremental responders.
 */
export function qiniCurve(yTrue: ArrayLike<number>, uplift: ArrayLike<number>, treatment: ArrayLike<number>): UpliftCurve {
  validateUpliftInputs('qiniCurve', yTrue, uplift, treatment, true);
  const c = cumulativeAtThresholds(yTrue, uplift, treatment);
  const y = c.numAll.map((n, j) => {
    const nt = c.numTreated[j] as number;
    return (c.yTreated[j] as number) - (c.yControl[j] as number) * safeDivide(nt, n - nt);
  });
  return withOrigin(c.numAll, y);
}

/**
 * The best achievable Qini curve, sklift's `perfect_qini_curve`.
 *
 * With `negativeEffect` (default) it is the Qini curve of the oracle score
 * `y·w − y·(1−w)`: treated responders first, control responders last. Without
 * it, the curve rises straight to the overall incremental responders `R` at
 * x = R and stays flat: `[(0,0), (R,R), (n,R)]`.
 */
export function perfectQiniCurve(yTrue: ArrayLike<number>, treatment: ArrayLike<number>, negativeEffect = true): UpliftCurve {
  const n = yTrue.length;
  if (negativeEffect) {
    const oracle = new Float64Array(n);
    for (let i = 0; i < n; i++) oracle[i] = (yTrue[i] as number) * (treatment[i] === 1 ? 1 : -1);
    return qiniCurve(yTrue, oracle, treatment);
  }
  validateUpliftInputs('perfectQiniCurve', yTrue, new Float64Array(n), treatment, true);
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let i = 0; i < n; i++) {
    if (treatment[i] === 1) {
      nt++;
      yt += yTrue[i] as number;
    } else yc += yTrue[i] as number;
  }
  const r = yt - (nt * yc) / (n - nt);
  return { x: Float64Array.of(0, r, n), y: Float64Array.of(0, r, r) };
}

/**
 * Qini coefficient, sklift's `qini_auc_score`:
 *
 *     (AUC(model) − AUC(random)) / (AUC(perfect) − AUC(random))
 *
 * where AUC is the trapezoidal area under a Qini curve and "random" is the
 * straight line from (0, 0) to the last point of the perfect curve, (n, R).
 * 1 means the perfect ranking, 0 random ranking, negative worse than random.
 */
export function qiniAucScore(
  yTrue: ArrayLike<number>,
  uplift: ArrayLike<number>,
  treatment: ArrayLike<number>,
  negativeEffect = true,
): number {
  const actual = qiniCurve(yTrue, uplift, treatment);
  const perfect = perfectQiniCurve(yTrue, treatment, negativeEffect);
  return normalisedArea(actual, perfect);
}

/**
 * Uplift curve: `U(n) = (Y_t / n_t − Y_c / n_c) · n`, the response-rate
 * difference among the targeted rows times their number (a rate of 0 is used
 * while a group is still empty, as sklift does).
 */
export function upliftCurve(yTrue: ArrayLike<number>, uplift: ArrayLike<number>, treatment: ArrayLike<number>): UpliftCurve {
  validateUpliftInputs('upliftCurve', yTrue, uplift, treatment, true);
  const c = cumulativeAtThresholds(yTrue, uplift, treatment);
  const y = c.numAll.map((n, j) => {
    const nt = c.numTreated[j] as number;
    return (safeDivide(c.yTreated[j] as number, nt) - safeDivide(c.yControl[j] as number, n - nt)) * n;
  });
  return withOrigin(c.numAll, y);
}

/**
 * The best achievable uplift curve, sklift's `perfect_uplift_curve`: the
 * uplift curve of the oracle score `2·[y = w] + s`, where `s = y` when control
 * responders outnumber treated non-responders and `s = w` otherwise.
 */
export function perfectUpliftCurve(yTrue: ArrayLike<number>, treatment: ArrayLike<number>): UpliftCurve {
  const n = yTrue.length;
  let controlResponders = 0;
  let treatedNonResponders = 0;
  for (let i = 0; i < n; i++) {
    if (yTrue[i] === 1 && treatment[i] === 0) controlResponders++;
    if (yTrue[i] === 0 && treatment[i] === 1) treatedNonResponders++;
  }
  const useY = controlResponders > treatedNonResponders;
  const oracle = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = yTrue[i] as number;
    const w = treatment[i] as number;
    oracle[i] = 2 * (y === w ? 1 : 0) + (useY ? y : w);
  }
  return upliftCurve(yTrue, oracle, treatment);
}

/**
 * Normalised area under the uplift curve (AUUC), sklift's `uplift_auc_score`:
 * the same `(model − random) / (perfect − random)` ratio as
 * {@link qiniAucScore}, on uplift curves, with "random" the line from (0, 0)
 * to the last point of the perfect uplift curve.
 */
export function upliftAucScore(yTrue: ArrayLike<number>, uplift: ArrayLike<number>, treatment: ArrayLike<number>): number {
  const actual = upliftCurve(yTrue, uplift, treatment);
  const perfect = perfectUpliftCurve(yTrue, treatment);
  return normalisedArea(actual, perfect);
}

function normalisedArea(actual: UpliftCurve, perfect: UpliftCurve): number {
  const last = perfect.x.length - 1;
  const baseline = trapezoidArea([0, perfect.x[last] as number], [0, perfect.y[last] as number]);
  return (trapezoidArea(actual.x, actual.y) - baseline) / (trapezoidArea(perfect.x, perfect.y) - baseline);
}

/** Prepends (0, 0) unless the curve already starts there (sklift's rule). */
function withOrigin(x: Float64Array, y: Float64Array): UpliftCurve {
  if (x.length > 0 && x[0] === 0 && y[0] === 0) return { x, y };
  const ox = new Float64Array(x.length + 1);
  const oy = new Float64Array(y.length + 1);
  ox.set(x, 1);
  oy.set(y, 1);
  return { x: ox, y: oy };
}
