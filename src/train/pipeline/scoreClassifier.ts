/** Test-set figures of one calibrated classifier at its validation-chosen threshold. */
import {
  accuracy,
  averagePrecision,
  brierScore,
  expectedCalibrationError,
  rocAuc,
  thresholdMetrics,
} from '../../core/metrics/classification';

/** Every figure the reports show, in display order. */
export interface ClassifierScores {
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
  readonly ece: number;
  readonly brier: number;
}

/** Names of the figures, in display order. */
export const SCORE_NAMES: readonly (keyof ClassifierScores)[] = ['rocAuc', 'prAuc', 'precision', 'recall', 'f1', 'accuracy', 'ece', 'brier'];

/** Human labels of the figures. */
export const SCORE_LABELS: Readonly<Record<keyof ClassifierScores, string>> = {
  rocAuc: 'ROC AUC',
  prAuc: 'PR AUC (AP)',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  accuracy: 'Accuracy',
  ece: 'ECE (10 bins)',
  brier: 'Brier',
};

/** Scores calibrated probabilities `probs` against `yTrue`, thresholding at `threshold`. */
export function scoreClassifier(yTrue: ArrayLike<number>, probs: ArrayLike<number>, threshold: number): ClassifierScores {
  const { precision, recall, f1 } = thresholdMetrics(yTrue, probs, threshold);
  return {
    rocAuc: rocAuc(yTrue, probs),
    prAuc: averagePrecision(yTrue, probs),
    precision,
    recall,
    f1,
    accuracy: accuracy(yTrue, probs, threshold),
    ece: expectedCalibrationError(yTrue, probs),
    brier: brierScore(yTrue, probs),
  };
}
