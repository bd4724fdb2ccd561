/**
 * One shopper, every tier, one engine call: the raw record is vectorised once, copied into one
 * row per configured discount tier with that tier's treatment encoding, the [tiers x inputs]
 * batch runs through the engine, and each output is calibrated. A purchase model (no treatment
 * input) runs a single row.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { FeatureSpec } from '../../core/features/definition';
import { createVectorizer } from '../../core/features/vectorize';
import type { ModelBundle } from '../../core/model/bundle';
import { applyCalibration } from '../../core/model/calibration';
import { encodeTreatment } from '../../core/model/treatment';
import { unavailable, type ModelUnavailable } from './diagnostics';
import type { BackendName, InferenceEngine } from './engine';

/** A successful prediction. */
export interface TierPrediction {
  readonly ok: true;
  readonly kind: ModelBundle['kind'];
  /** Tiers in percent off, as in the bundle's treatment levels; empty for a purchase model. */
  readonly tiers: readonly number[];
  /** Calibrated P(buy | tier), one per tier; a single P(buy) for a purchase model. */
  readonly probabilities: readonly number[];
  readonly backend: BackendName;
  /** Vectorise + engine + calibration, in ms. */
  readonly ms: number;
}

/** What {@link Predictor.predictTiers} answers: a prediction or the reason there is none. */
export type PredictionResult = TierPrediction | ModelUnavailable;

/** Predicts for one shopper. */
export interface Predictor {
  /** Rows per engine call: the number of tiers (1 for a purchase model). */
  readonly rows: number;
  /** Never rejects: failures come back as `ModelUnavailable`. */
  predictTiers(raw: RawFeatureRecord): Promise<PredictionResult>;
}

/** The batch for `raw`: one row per tier, features then treatment encoding. Exposed for parity tests. */
export function tierBatch(bundle: ModelBundle, features: Float32Array): { input: Float32Array; rows: number } {
  const width = bundle.inputColumns.length;
  const tiers = bundle.treatment?.levels ?? [];
  const rows = Math.max(1, tiers.length);
  const input = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    input.set(features, r * width);
    if (bundle.treatment) encodeTreatment(bundle.treatment, tiers[r]!, input, r * width + features.length);
  }
  return { input, rows };
}

/** Builds the predictor of a validated bundle on a ready engine. */
export function createPredictor(bundle: ModelBundle, engine: InferenceEngine, spec: FeatureSpec = FEATURE_SPEC): Predictor {
  const vectorizer = createVectorizer(bundle.stats, spec);
  const tiers = [...(bundle.treatment?.levels ?? [])];
  const features = new Float32Array(vectorizer.columns.length);
  const rows = Math.max(1, tiers.length);
  return {
    rows,
    async predictTiers(raw) {
      const started = performance.now();
      try {
        if (typeof raw !== 'object' || raw === null) throw new TypeError(`'raw' passed to 'predictTiers' must be a feature record object`);
        vectorizer.vectorize(raw, features, 0);
        const batch = tierBatch(bundle, features);
        const out = await engine.run(batch.input, batch.rows);
        if (out.length !== rows) throw new Error(`the ${engine.backend} engine returned ${out.length} values for ${rows} rows`);
        const probabilities = Array.from(out, (p) => applyCalibration(bundle.calibration, p));
        return { ok: true, kind: bundle.kind, tiers, probabilities, backend: engine.backend, ms: performance.now() - started };
      } catch (error) {
        return unavailable(error, 'predict');
      }
    },
  };
}
