/** Assembles and validates the `bundle.json` of a trained model, purchase or discount-response. */
import { featureColumns } from '../../core/features/columns';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { FeatureStats } from '../../core/features/stats';
import type { BundleTraining, ModelBundle } from '../../core/model/bundle';
import { BUNDLE_FORMAT, BUNDLE_VERSION, assertModelBundle } from '../../core/model/bundle';
import type { Calibration } from '../../core/model/calibration';
import type { TreatmentInput } from '../../core/model/treatment';
import { treatmentColumns } from '../../core/model/treatment';
import { MODEL_FILE } from '../mlp/saveLayersModel';

/** What training decides for a bundle; the columns, format and model path follow from the build. */
export interface TrainedBundleParts {
  kind: ModelBundle['kind'];
  /** The discount tier input of a discount-response model; null for the purchase model. */
  treatment: TreatmentInput | null;
  stats: FeatureStats;
  calibration: Calibration;
  /** Best-F1 threshold on validation; kept for the format, the offer policy does not use it. */
  threshold: number;
  training: BundleTraining;
}

/**
 * Builds a model bundle and checks it, after a JSON round trip, with the validator the runtime
 * uses, so a bundle that would not load is never written. Keys are in the order the published
 * bundle.json files have.
 */
export function buildModelBundle(parts: TrainedBundleParts): ModelBundle {
  const columns = featureColumns(FEATURE_SPEC);
  const bundle: ModelBundle = {
    format: BUNDLE_FORMAT,
    bundleVersion: BUNDLE_VERSION,
    kind: parts.kind,
    featureSpecVersion: FEATURE_SPEC.version,
    featureColumns: columns,
    treatment: parts.treatment,
    inputColumns: parts.treatment ? [...columns, ...treatmentColumns(parts.treatment)] : columns,
    stats: parts.stats,
    modelPath: MODEL_FILE,
    calibration: parts.calibration,
    threshold: parts.threshold,
    training: parts.training,
  };
  assertModelBundle(JSON.parse(JSON.stringify(bundle)), FEATURE_SPEC);
  return bundle;
}
