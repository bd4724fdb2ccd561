/**
 * Binary classification metrics: ranking (ROC AUC, average precision), threshold metrics
 * (precision, recall, F1, accuracy, best-F1 threshold) and calibration (ECE, Brier, log loss).
 *
 * Conventions: `yTrue` holds 0/1 labels; a row is predicted positive when score >= threshold;
 * rows with tied scores are always switched together, so no metric depends on input order;
 * a ratio with an empty denominator (precision with no predicted positives) is 0.
 */
import { rankedCounts, requireBothClasses, validateBinaryInputs } from './lib/classification-ranking';
import { calibrationBins } from './lib/calibration-bins';

/** Counts of a thresholded prediction. */
export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** Precision, recall and F1 of a thresholded prediction. */
export interface ThresholdMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/**
 * Area under the ROC curve by the trapezoidal rule over distinct scores; a tie between a positive
 * and a negative counts one half, which equals the Mann-Whitney U statistic with mid-ranks.
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  validateBinaryInputs('rocAuc', yTrue, scores);
  const c = rankedCounts(yTrue, scores);
  requireBothClasses('rocAuc', c);
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < c.thresholds.length; k++) {
    const tp = c.tp[k]!;
    const fp = c.fp[k]!;
    area += ((fp - prevFp) * (tp + prevTp)) / 2;
    prevTp = tp;
    prevFp = fp;
  }
  return area / (c.positives * c.negatives);
}

/**
 * Average precision: sum over distinct scores of (recall gain) x precision, the step-wise
 * (non-interpolated) area under the PR curve, as scikit-learn's `average_precision_score`.
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  validateBinaryInputs('averagePrecision', yTrue, scores);
  const c = rankedCounts(yTrue, scores);
  requireBothClasses('averagePrecision', c);
  let ap = 0;
  let prevTp = 0;
  for (let k = 0; k < c.thresholds.length; k++) {
    const tp = c.tp[k]!;
    ap += ((tp - prevTp) / c.positives) * (tp / (tp + c.fp[k]!));
    prevTp = tp;
  }
  return ap;
}

/** Confusion counts when predicting positive for score >= threshold. */
export function confusionAt(yTrue: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Confusion {
  validateBinaryInputs('confusionAt', yTrue, scores);
  if (Number.isNaN(threshold)) throw new Error(`'threshold' passed to 'confusionAt' must be a number, got NaN`);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const positive = (scores[i] as number) >= threshold;
    if (yTrue[i] === 1) {
      if (positive) tp++;
      else fn++;
    } else if (positive) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

/** Precision, recall and F1 at a threshold. */
export function thresholdMetrics(yTrue: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): ThresholdMetrics {
  const { tp, fp, fn } = confusionAt(yTrue, scores, threshold);
  return { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn) };
}

/** Share of rows classified correctly at a threshold. */
export function accuracy(yTrue: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): number {
  const { tp, tn } = confusionAt(yTrue, scores, threshold);
  return (tp + tn) / yTrue.length;
}

/**
 * The threshold maximising F1. It is placed halfway between the chosen score and the next lower
 * distinct score, so the same partition results but new data is not judged on a knife edge.
 * Ties in F1 keep the higher threshold (fewer offers for the same F1).
 */
export function bestF1Threshold(yTrue: ArrayLike<number>, scores: ArrayLike<number>): { threshold: number; f1: number } {
  validateBinaryInputs('bestF1Threshold', yTrue, scores);
  const c = rankedCounts(yTrue, scores);
  if (c.positives === 0) throw new Error(`'yTrue' passed to 'bestF1Threshold' must contain at least one positive`);
  let best = -1;
  let bestF1 = -1;
  for (let k = 0; k < c.thresholds.length; k++) {
    const tp = c.tp[k]!;
    const f1 = (2 * tp) / (tp + c.positives + c.fp[k]!);
    if (f1 > bestF1) [best, bestF1] = [k, f1];
  }
  const at = c.thresholds[best]!;
  const below = c.thresholds[best + 1];
  return { threshold: below === undefined ? at : (at + below) / 2, f1: bestF1 };
}

/**
 * Expected calibration error over `bins` equal-width bins (10 by default): the count-weighted
 * mean absolute gap between mean predicted probability and observed positive rate per bin.
 */
export function expectedCalibrationError(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): number {
  let ece = 0;
  for (const bin of calibrationBins(yTrue, probabilities, bins)) {
    if (bin.count > 0) ece += (bin.count / yTrue.length) * Math.abs(bin.meanPredicted - bin.fractionPositive);
  }
  return ece;
}

/** Brier score: mean squared difference between probability and outcome (lower is better). */
export function brierScore(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  validateBinaryInputs('brierScore', yTrue, probabilities, true);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += ((probabilities[i] as number) - (yTrue[i] as number)) ** 2;
  return sum / yTrue.length;
}

/** Mean binary cross-entropy; probabilities are clamped to [1e-7, 1 - 1e-7] so a confident miss is finite. */
export function logLoss(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  validateBinaryInputs('logLoss', yTrue, probabilities, true);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, probabilities[i] as number));
    sum -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / yTrue.length;
}
