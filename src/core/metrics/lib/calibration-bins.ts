/**
 * Equal-width reliability bins over [0, 1]: the basis of expected calibration error and of the
 * calibration plot. A probability of exactly 1 falls in the last bin.
 */
import { validateBinaryInputs } from './classification-ranking';

/** One reliability bin. Empty bins report NaN means so plots can skip them. */
export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly fractionPositive: number;
}

/** Groups predictions into `bins` equal-width bins and averages prediction and outcome per bin. */
export function calibrationBins(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): CalibrationBin[] {
  validateBinaryInputs('calibrationBins', yTrue, probabilities, true);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new Error(`'bins' passed to 'calibrationBins' must be a positive integer, got ${bins}`);
  }
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < yTrue.length; i++) {
    const p = probabilities[i] as number;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]! += 1;
    sumP[b]! += p;
    sumY[b]! += yTrue[i] as number;
  }
  return Array.from({ length: bins }, (_, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: count[b]!,
    meanPredicted: count[b]! > 0 ? sumP[b]! / count[b]! : NaN,
    fractionPositive: count[b]! > 0 ? sumY[b]! / count[b]! : NaN,
  }));
}
