/**
 * The one interface the uplift meta-learners need from a base learner: fit on
 * a feature matrix and 0/1 labels, then predict P(label = 1).
 */
import type { Matrix } from './matrix';

/** A fitted probabilistic binary classifier. */
export interface BinaryClassifier {
  /** P(y = 1 | x) for every row of `x`. */
  predictProba(x: Matrix): Float64Array;
}

/**
 * Fits a classifier. `seed` drives any randomness (row subsampling), so a
 * run is reproducible; deterministic learners ignore it.
 */
export type ClassifierFitter = (x: Matrix, y: ArrayLike<number>, seed: number) => BinaryClassifier;

/** Checks the arguments every fitter takes; `fn` names the caller in errors. */
export function validateTrainingSet(fn: string, x: Matrix, y: ArrayLike<number>): void {
  if (x.rows === 0) throw new Error(`'x' passed to '${fn}' must have at least one row`);
  if (y.length !== x.rows) throw new Error(`'y' passed to '${fn}' must have one label per row (${x.rows}); got ${y.length}`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`'y' passed to '${fn}' must contain only 0 and 1; got ${y[i]} at row ${i}`);
  }
}

/** The logistic function, clamped so extreme scores cannot overflow `exp`. */
export function sigmoid(z: number): number {
  const t = Math.max(-35, Math.min(35, z));
  return 1 / (1 + Math.exp(-t));
}
