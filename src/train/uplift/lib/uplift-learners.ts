/**
 * Two-arm uplift meta-learners built on any {@link ClassifierFitter}.
 *
 * - Class transformation (Jaskowski & Jaroszewicz 2012): with
 *   Z = y·w + (1 − y)(1 − w) ("treated responder or control non-responder"),
 *   and P(w = 1) = ½, uplift(x) = 2·P(Z = 1 | x) − 1. One model, and its
 *   ranking targets the uplift directly; the identity needs a 50/50
 *   assignment, which Hillstrom's Womens-vs-No-E-Mail arms are (50.1%).
 * - Two-model / T-learner: one response model per arm,
 *   uplift(x) = P(y | x, treated) − P(y | x, control). Simple, but each model
 *   spends its capacity on the response level, not on the difference.
 */
import type { ClassifierFitter } from './classifier';
import type { Matrix } from './matrix';
import { selectRows, selectValues } from './matrix';

/** A fitted uplift model: predicted uplift for every row of `x`. */
export type UpliftScorer = (x: Matrix) => Float64Array;

/** Fits the class-transformation model. `treatment` is 0/1 per row. */
export function fitClassTransformation(
  fit: ClassifierFitter,
  x: Matrix,
  y: ArrayLike<number>,
  treatment: ArrayLike<number>,
  seed: number,
): UpliftScorer {
  checkArms('fitClassTransformation', x, y, treatment);
  const z = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) z[i] = (y[i] as number) === (treatment[i] as number) ? 1 : 0;
  const model = fit(x, z, seed);
  return (m) => model.predictProba(m).map((p) => 2 * p - 1);
}

/** Fits the two-model (T-learner) baseline. */
export function fitTwoModel(
  fit: ClassifierFitter,
  x: Matrix,
  y: ArrayLike<number>,
  treatment: ArrayLike<number>,
  seed: number,
): UpliftScorer {
  checkArms('fitTwoModel', x, y, treatment);
  const treatedRows: number[] = [];
  const controlRows: number[] = [];
  for (let i = 0; i < x.rows; i++) (treatment[i] === 1 ? treatedRows : controlRows).push(i);
  const treated = fit(selectRows(x, treatedRows), selectValues(y, treatedRows), seed);
  const control = fit(selectRows(x, controlRows), selectValues(y, controlRows), seed + 1);
  return (m) => {
    const pt = treated.predictProba(m);
    const pc = control.predictProba(m);
    return pt.map((p, i) => p - (pc[i] as number));
  };
}

function checkArms(fn: string, x: Matrix, y: ArrayLike<number>, treatment: ArrayLike<number>): void {
  if (y.length !== x.rows || treatment.length !== x.rows) {
    throw new Error(`'y' and 'treatment' passed to '${fn}' must have one entry per row (${x.rows}); got ${y.length}, ${treatment.length}`);
  }
  let treated = 0;
  for (let i = 0; i < treatment.length; i++) {
    const w = treatment[i];
    if (w !== 0 && w !== 1) throw new Error(`'treatment' passed to '${fn}' must contain only 0 and 1; got ${w} at row ${i}`);
    treated += w;
  }
  if (treated === 0 || treated === x.rows) throw new Error(`'treatment' passed to '${fn}' must contain both treated and control rows`);
}
