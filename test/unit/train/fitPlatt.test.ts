import { describe, expect, it } from 'vitest';
import { mulberry32, randomNormal } from '../../../src/core/lib/random';
import { applyCalibration, logit, sigmoid } from '../../../src/core/model/calibration';
import { expectedCalibrationError } from '../../../src/core/metrics/classification';
import { fitPlatt } from '../../../src/train/lib/fitPlatt';

describe('fitPlatt', () => {
  it('recovers the slope and intercept that generated the labels', () => {
    // Raw scores are over-confident and shifted: true P(y=1) = sigmoid(0.5 * logit(raw) - 1).
    const rng = mulberry32(1);
    const n = 40_000;
    const raw = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      raw[i] = sigmoid(randomNormal(rng) * 3);
      y[i] = rng() < sigmoid(0.5 * logit(raw[i]!) - 1) ? 1 : 0;
    }
    const fit = fitPlatt(y, raw);
    expect(fit.a).toBeCloseTo(0.5, 1);
    expect(fit.b).toBeCloseTo(-1, 1);
    const calibrated = Array.from(raw, (p) => applyCalibration(fit, p));
    expect(expectedCalibrationError(y, calibrated)).toBeLessThan(0.01);
    expect(expectedCalibrationError(y, raw)).toBeGreaterThan(0.1);
  });

  it('stays finite on perfectly separated data thanks to smoothed targets', () => {
    const fit = fitPlatt([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]);
    expect(Number.isFinite(fit.a) && Number.isFinite(fit.b)).toBe(true);
    expect(applyCalibration(fit, 0.9)).toBeLessThan(1);
    expect(() => fitPlatt([], [])).toThrow(/'yTrue' and 'raw' passed to 'fitPlatt'/);
  });
});
