/** Assembles and validates the `bundle.json` of a trained purchase model. */
import { featureColumns } from '../../core/features/columns';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { FeatureStats } from '../../core/features/stats';
import type { BundleTraining, ModelBundle } from '../../core/model/bundle';
import { BUNDLE_FORMAT, BUNDLE_VERSION, assertModelBundle } from '../../core/model/bundle';
import type { Calibration } from '../../core/model/calibration';
import { MODEL_FILE } from '../mlp/saveLayersModel';

/** Builds a purchase-model bundle and checks it with the same validator the runtime uses. */
export function buildPurchaseBundle(stats: FeatureStats, calibration: Calibration, threshold: number, training: BundleTraining): ModelBundle {
  const columns = featureColumns(FEATURE_SPEC);
  const bundle: ModelBundle = {
    format: BUNDLE_FORMAT,
    bundleVersion: BUNDLE_VERSION,
    kind: 'purchase',
    featureSpecVersion: FEATURE_SPEC.version,
    featureColumns: columns,
    treatment: null,
    inputColumns: columns,
    stats,
    modelPath: MODEL_FILE,
    calibration,
    threshold,
    training,
  };
  assertModelBundle(JSON.parse(JSON.stringify(bundle)), FEATURE_SPEC);
  return bundle;
}
