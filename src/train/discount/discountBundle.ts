/** Assembles and validates the `bundle.json` of a trained discount-response model. */
import { featureColumns } from '../../core/features/columns';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { FeatureStats } from '../../core/features/stats';
import type { BundleTraining, ModelBundle } from '../../core/model/bundle';
import { BUNDLE_FORMAT, BUNDLE_VERSION, assertModelBundle } from '../../core/model/bundle';
import type { Calibration } from '../../core/model/calibration';
import type { TreatmentInput } from '../../core/model/treatment';
import { treatmentColumns } from '../../core/model/treatment';
import { MODEL_FILE } from '../mlp/saveLayersModel';

/**
 * Builds a discount-response bundle and checks it with the runtime's validator. `threshold` is
 * the best-F1 threshold on validation, kept for the format; the offer policy does not use it.
 */
export function buildDiscountBundle(stats: FeatureStats, treatment: TreatmentInput, calibration: Calibration, threshold: number, training: BundleTraining): ModelBundle {
  const columns = featureColumns(FEATURE_SPEC);
  const bundle: ModelBundle = {
    format: BUNDLE_FORMAT,
    bundleVersion: BUNDLE_VERSION,
    kind: 'discount-response',
    featureSpecVersion: FEATURE_SPEC.version,
    featureColumns: columns,
    treatment,
    inputColumns: [...columns, ...treatmentColumns(treatment)],
    stats,
    modelPath: MODEL_FILE,
    calibration,
    threshold,
    training,
  };
  assertModelBundle(JSON.parse(JSON.stringify(bundle)), FEATURE_SPEC);
  return bundle;
}
