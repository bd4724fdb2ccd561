/**
 * Shared machinery of the uplift metrics: input validation, the descending
 * ordering by predicted uplift, cumulative treated/control counts at each
 * distinct score, and the trapezoidal area under a curve.
 *
 * Kept separate from `uplift.ts` so the metric file reads as the formulas only.
 */

/** Cumulative counts at the last row of each run of equal predicted uplift. */
export interface UpliftCumulative {
  /** Rows targeted so far (1-based count; `threshold index + 1`). */
  readonly numAll: Float64Array;
  /** Treated rows among them. */
  readonly numTreated: Float64Array;
  /** Treated responders among them. */
  readonly yTreated: Float64Array;
  /** Control responders among them. */
  readonly yControl: Float64Array;
}

/**
 * Validates the three parallel arrays every uplift metric takes.
 *
 * @param fn - name of the calling metric, used in error messages.
 * @param binaryTarget - whether `yTrue` must be 0/1 (all curves need it; uplift@k does not).
 */
export function validateUpliftInputs(
  fn: string,
  yTrue: ArrayLike<number>,
  uplift: ArrayLike<number>,
  treatment: ArrayLike<number>,
  binaryTarget: boolean,
): void {
  const n = yTrue.length;
  if (n === 0) throw new Error(`'yTrue' passed to '${fn}' must be non-empty`);
  if (uplift.length !== n || treatment.length !== n) {
    throw new Error(
      `'yTrue', 'uplift' and 'treatment' passed to '${fn}' must have equal lengths; got ${n}, ${uplift.length}, ${treatment.length}`,
    );
  }
  let treated = 0;
  for (let i = 0; i < n; i++) {
    const w = treatment[i] as number;
    if (w !== 0 && w !== 1) throw new Error(`'treatment' passed to '${fn}' must contain only 0 and 1; got ${w} at index ${i}`);
    treated += w;
    const y = yTrue[i] as number;
    if (binaryTarget ? y !== 0 && y !== 1 : !Number.isFinite(y)) {
      const want = binaryTarget ? 'only 0 and 1' : 'finite numbers';
      throw new Error(`'yTrue' passed to '${fn}' must contain ${want}; got ${y} at index ${i}`);
    }
    if (!Number.isFinite(uplift[i] as number)) {
      throw new Error(`'uplift' passed to '${fn}' must contain finite numbers; got ${uplift[i]} at index ${i}`);
    }
  }
  if (treated === 0 || treated === n) {
    throw new Error(`'treatment' passed to '${fn}' must contain both treated (1) and control (0) rows`);
  }
}

/**
 * Row indices ordered by decreasing predicted uplift, ties by decreasing index.
 *
 * This is exactly `np.argsort(uplift, kind="mergesort")[::-1]`, the order
 * scikit-uplift uses; matching it matters for uplift@k, where a run of tied
 * scores can straddle the cut-off.
 */
export function descendingOrder(uplift: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(uplift.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (uplift[b] as number) - (uplift[a] as number) || b - a);
  return order;
}

/**
 * Cumulative counts at each threshold: the last position of every run of
 * equal scores in descending order (sklift's `threshold_indices`), so tied
 * rows enter the curve together and their internal order cannot matter.
 */
export function cumulativeAtThresholds(
  yTrue: ArrayLike<number>,
  uplift: ArrayLike<number>,
  treatment: ArrayLike<number>,
): UpliftCumulative {
  const order = descendingOrder(uplift);
  const n = order.length;
  const numAll: number[] = [];
  const numTreated: number[] = [];
  const yTreated: number[] = [];
  const yControl: number[] = [];
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos] as number;
    const w = treatment[i] as number;
    const y = yTrue[i] as number;
    nt += w;
    if (w === 1) yt += y;
    else yc += y;
    const next = order[pos + 1];
    if (next === undefined || uplift[next] !== uplift[i]) {
      numAll.push(pos + 1);
      numTreated.push(nt);
      yTreated.push(yt);
      yControl.push(yc);
    }
  }
  return {
    numAll: Float64Array.from(numAll),
    numTreated: Float64Array.from(numTreated),
    yTreated: Float64Array.from(yTreated),
    yControl: Float64Array.from(yControl),
  };
}

/** `a / b`, or 0 when `b` is 0 (numpy's `divide(..., where=b != 0)` into zeros). */
export function safeDivide(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Trapezoidal area under a polyline with non-decreasing `x` (sklearn's `auc`). */
export function trapezoidArea(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) {
    area += (((x[i] as number) - (x[i - 1] as number)) * ((y[i] as number) + (y[i - 1] as number))) / 2;
  }
  return area;
}
