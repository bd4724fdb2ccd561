/**
 * Probability calibration applied after the model. Class weighting during training inflates the
 * raw probabilities of the rare "buy" class; Platt scaling fitted on the validation fold maps
 * them back to observed rates, which the expected-margin policy relies on.
 */

/** Platt scaling on the logit of the raw probability: p = sigmoid(a * logit(raw) + b). */
export interface PlattCalibration {
  readonly method: 'platt';
  readonly a: number;
  readonly b: number;
}

/** Identity calibration, for models trained without class weights. */
export interface NoCalibration {
  readonly method: 'none';
}

/** Any calibration a bundle may carry. */
export type Calibration = PlattCalibration | NoCalibration;

/** Raw probabilities are clamped before the logit so 0 and 1 (float32 saturation) stay finite. */
export const LOGIT_EPSILON = 1e-7;

/** Log-odds of a probability, clamped to [LOGIT_EPSILON, 1 - LOGIT_EPSILON]. */
export function logit(p: number): number {
  const q = Math.min(1 - LOGIT_EPSILON, Math.max(LOGIT_EPSILON, p));
  return Math.log(q / (1 - q));
}

/** Logistic function, split by sign so it never overflows. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Maps a raw model probability to a calibrated one. */
export function applyCalibration(calibration: Calibration, raw: number): number {
  if (!Number.isFinite(raw)) throw new Error(`'raw' passed to 'applyCalibration' must be a finite probability, got ${raw}`);
  switch (calibration.method) {
    case 'none':
      return raw;
    case 'platt':
      return sigmoid(calibration.a * logit(raw) + calibration.b);
    default: {
      const unknown: never = calibration;
      throw new Error(`'calibration' passed to 'applyCalibration' has an unknown method: ${JSON.stringify(unknown)}`);
    }
  }
}
