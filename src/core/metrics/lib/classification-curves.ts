/**
 * ROC and precision-recall curves, used by the AUC metrics and by the training report's plots.
 */
import { rankedCounts, requireBothClasses, validateBinaryInputs } from './classification-ranking';

/** A curve as parallel arrays of x and y coordinates plus the score threshold of each point. */
export interface Curve {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Score threshold of each point (Infinity for the added starting point). */
  readonly thresholds: Float64Array;
}

/** ROC curve: x = false positive rate, y = true positive rate, starting at (0, 0). */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): Curve {
  validateBinaryInputs('rocCurve', yTrue, scores);
  const c = rankedCounts(yTrue, scores);
  requireBothClasses('rocCurve', c);
  const m = c.thresholds.length + 1;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = Infinity;
  for (let k = 0; k < c.thresholds.length; k++) {
    x[k + 1] = c.fp[k]! / c.negatives;
    y[k + 1] = c.tp[k]! / c.positives;
    thresholds[k + 1] = c.thresholds[k]!;
  }
  return { x, y, thresholds };
}

/**
 * Precision-recall curve: x = recall, y = precision, one point per distinct score, descending
 * threshold. Starts at (0, 1) by the usual convention so step plots begin at the top-left.
 */
export function precisionRecallCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): Curve {
  validateBinaryInputs('precisionRecallCurve', yTrue, scores);
  const c = rankedCounts(yTrue, scores);
  requireBothClasses('precisionRecallCurve', c);
  const m = c.thresholds.length + 1;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const thresholds = new Float64Array(m);
  y[0] = 1;
  thresholds[0] = Infinity;
  for (let k = 0; k < c.thresholds.length; k++) {
    const tp = c.tp[k]!;
    x[k + 1] = tp / c.positives;
    y[k + 1] = tp / (tp + c.fp[k]!);
    thresholds[k + 1] = c.thresholds[k]!;
  }
  return { x, y, thresholds };
}
