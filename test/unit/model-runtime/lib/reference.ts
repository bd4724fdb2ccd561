/**
 * The parity reference every backend is compared with: vectorise the raw record, write one row
 * per tier by hand, run the plain-JS forward pass of src/core/model/mlp.ts, calibrate.
 */
import type { RawFeatureRecord } from '../../../../src/core/features/definition';
import { createVectorizer } from '../../../../src/core/features/vectorize';
import type { ModelBundle } from '../../../../src/core/model/bundle';
import { applyCalibration } from '../../../../src/core/model/calibration';
import { mlpForward, type Mlp } from '../../../../src/core/model/mlp';
import { encodeTreatment } from '../../../../src/core/model/treatment';

/** Calibrated P(buy | tier) per tier of `bundle` (one value for a purchase model). */
export function referenceProbabilities(bundle: ModelBundle, mlp: Mlp, raw: RawFeatureRecord): number[] {
  const features = createVectorizer(bundle.stats).vectorize(raw);
  const tiers = bundle.treatment?.levels ?? [null];
  return tiers.map((tier) => {
    const row = new Float32Array(bundle.inputColumns.length);
    row.set(features);
    if (bundle.treatment && tier !== null) encodeTreatment(bundle.treatment, tier, row, features.length);
    return applyCalibration(bundle.calibration, mlpForward(mlp, row)[0]!);
  });
}

/** Largest |a - b| over two equally long lists of per-record probabilities. */
export function worstDelta(got: readonly (readonly number[])[], want: readonly (readonly number[])[]): number {
  if (got.length !== want.length) throw new Error(`'got' passed to 'worstDelta' has ${got.length} rows, 'want' has ${want.length}`);
  let worst = 0;
  got.forEach((row, r) => {
    const other = want[r]!;
    if (row.length !== other.length) throw new Error(`row ${r} passed to 'worstDelta' has ${row.length} values, expected ${other.length}`);
    row.forEach((v, i) => (worst = Math.max(worst, Number.isNaN(v) ? Infinity : Math.abs(v - other[i]!))));
  });
  return worst;
}
