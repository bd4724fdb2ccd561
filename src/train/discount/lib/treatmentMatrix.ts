/** Model inputs of a discount-response model: the feature columns, then the tier's encoding. */
import type { TreatmentInput } from '../../../core/model/treatment';
import { encodeTreatment, treatmentColumns } from '../../../core/model/treatment';

/**
 * Appends the encoding of `tiers[r]` to feature row r of the row-major `features` (rows x cols):
 * the same layout the worker's tier batch builds, one tier per row.
 */
export function withTreatment(features: Float32Array, rows: number, cols: number, treatment: TreatmentInput, tiers: ArrayLike<number>): Float32Array {
  if (features.length !== rows * cols || tiers.length !== rows) {
    throw new Error(`'features' and 'tiers' passed to 'withTreatment' must hold ${rows} x ${cols} values and ${rows} tiers; got ${features.length} and ${tiers.length}`);
  }
  const width = cols + treatmentColumns(treatment).length;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    out.set(features.subarray(r * cols, (r + 1) * cols), r * width);
    encodeTreatment(treatment, tiers[r] as number, out, r * width + cols);
  }
  return out;
}
