/**
 * Stratified splits: every part keeps the positive rate of the whole, which matters at 15%
 * positives, where a random 15% test split can easily be off by a couple of points.
 */
import type { Rng } from '../../core/lib/random';
import { shuffleInPlace } from '../../core/lib/random';

/** Row indices of a train/validation/test split. */
export interface Split {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

function indicesByClass(labels: ArrayLike<number>, rng: Rng, rows?: ArrayLike<number>): number[][] {
  const byClass: number[][] = [[], []];
  const n = rows ? rows.length : labels.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    byClass[labels[i] === 1 ? 1 : 0]!.push(i);
  }
  for (const group of byClass) shuffleInPlace(group, rng);
  return byClass;
}

const sorted = (values: number[]): Int32Array => Int32Array.from(values).sort();

/** Splits rows into train/validation/test with the given validation and test fractions per class. */
export function stratifiedSplit(labels: ArrayLike<number>, fractions: { validation: number; test: number }, rng: Rng): Split {
  const { validation, test } = fractions;
  if (!(validation > 0 && test > 0 && validation + test < 1)) {
    throw new Error(`'fractions' passed to 'stratifiedSplit' must be positive and sum below 1, got ${validation} and ${test}`);
  }
  const parts = { train: [] as number[], validation: [] as number[], test: [] as number[] };
  for (const group of indicesByClass(labels, rng)) {
    const nTest = Math.round(group.length * test);
    const nVal = Math.round(group.length * validation);
    parts.test.push(...group.slice(0, nTest));
    parts.validation.push(...group.slice(nTest, nTest + nVal));
    parts.train.push(...group.slice(nTest + nVal));
  }
  return { train: sorted(parts.train), validation: sorted(parts.validation), test: sorted(parts.test) };
}

/** Assigns rows to `k` stratified folds; returns each fold's row indices. */
export function stratifiedKFold(labels: ArrayLike<number>, k: number, rng: Rng): Int32Array[] {
  if (!Number.isInteger(k) || k < 2 || k > labels.length) {
    throw new Error(`'k' passed to 'stratifiedKFold' must be an integer in [2, ${labels.length}], got ${k}`);
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  // Dealing positives then negatives round-robin, continuing the turn, balances fold sizes too.
  let turn = 0;
  for (const group of indicesByClass(labels, rng)) {
    for (const index of group) folds[turn++ % k]!.push(index);
  }
  return folds.map(sorted);
}

/**
 * k-fold cross-validation splits: fold f is the test set; the other rows are split again,
 * stratified, into train and a `validationFraction` validation part (for early stopping,
 * calibration and the threshold), so no test row ever influences a fitted quantity.
 */
export function crossValidationSplits(labels: ArrayLike<number>, k: number, validationFraction: number, rng: Rng): Split[] {
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw new Error(`'validationFraction' passed to 'crossValidationSplits' must be in (0, 1), got ${validationFraction}`);
  }
  const folds = stratifiedKFold(labels, k, rng);
  return folds.map((test, f) => {
    const rest = folds.filter((_, g) => g !== f).flatMap((fold) => Array.from(fold));
    const train: number[] = [];
    const validation: number[] = [];
    for (const group of indicesByClass(labels, rng, rest)) {
      const nVal = Math.round(group.length * validationFraction);
      validation.push(...group.slice(0, nVal));
      train.push(...group.slice(nVal));
    }
    return { train: sorted(train), validation: sorted(validation), test };
  });
}
