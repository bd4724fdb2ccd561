/**
 * The model bundle: everything besides the weights that the worker needs to turn a raw record
 * into a calibrated probability and a decision — feature spec version, column order, fitted
 * feature statistics, optional treatment input, calibration and decision threshold.
 *
 * One format serves both the purchase model (kind 'purchase', no treatment) and the future
 * discount-response model (kind 'discount-response', treatment = discount tier appended to the
 * feature columns), so the worker loads either with the same code.
 */
import type { FeatureSpec } from '../features/definition';
import type { FeatureStats } from '../features/stats';
import { assertFeatureStats } from '../features/stats';
import { featureColumns } from '../features/columns';
import type { Calibration } from './calibration';
import type { TreatmentInput } from './treatment';
import { treatmentColumns } from './treatment';

/** Identifies a bundle file. */
export const BUNDLE_FORMAT = 'tailor-model-bundle';
/** Bumped on any incompatible change to this interface. */
export const BUNDLE_VERSION = 1;

/** Provenance of a trained bundle, for the model card and audits. */
export interface BundleTraining {
  readonly dataset: string;
  /** SHA-256 of the training CSV, so a bundle can be traced to exact bytes. */
  readonly dataSha256: string;
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
  readonly seed: number;
  readonly tailorVersion: string;
}

/** A model bundle as stored in `bundle.json`. */
export interface ModelBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly bundleVersion: typeof BUNDLE_VERSION;
  readonly kind: 'purchase' | 'discount-response';
  readonly featureSpecVersion: string;
  /** Vectorizer columns, = featureColumns(spec). */
  readonly featureColumns: readonly string[];
  readonly treatment: TreatmentInput | null;
  /** Model input columns: featureColumns then treatment columns. */
  readonly inputColumns: readonly string[];
  readonly stats: FeatureStats;
  /** Path of the tfjs layers-format model.json, relative to bundle.json. */
  readonly modelPath: string;
  readonly calibration: Calibration;
  /** Decision threshold on the calibrated probability, chosen on the validation fold. */
  readonly threshold: number;
  readonly training: BundleTraining;
}

function fail(message: string): never {
  throw new Error(`'bundle' passed to 'assertModelBundle' ${message}`);
}

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Validates a parsed `bundle.json` against this build's feature spec. Throws (naming the field)
 * on any mismatch; the runtime turns the error into "no offer".
 */
export function assertModelBundle(value: unknown, spec: FeatureSpec): asserts value is ModelBundle {
  if (typeof value !== 'object' || value === null) fail('must be an object');
  const b = value as Partial<Record<keyof ModelBundle, unknown>>;
  if (b.format !== BUNDLE_FORMAT) fail(`must have format '${BUNDLE_FORMAT}', got '${String(b.format)}'`);
  if (b.bundleVersion !== BUNDLE_VERSION) fail(`has bundleVersion ${String(b.bundleVersion)}; this build reads ${BUNDLE_VERSION}`);
  if (b.kind !== 'purchase' && b.kind !== 'discount-response') fail(`has unknown kind '${String(b.kind)}'`);
  if (b.featureSpecVersion !== spec.version) {
    fail(`was trained with feature spec ${String(b.featureSpecVersion)}, but this build uses ${spec.version}`);
  }
  assertFeatureStats(b.stats, spec, 'assertModelBundle');
  const columns = featureColumns(spec);
  if (!Array.isArray(b.featureColumns) || !sameList(b.featureColumns, columns)) fail('featureColumns differ from the feature spec');
  const treatment = b.treatment as TreatmentInput | null | undefined;
  if (b.kind === 'discount-response' && !treatment) fail(`of kind 'discount-response' needs a treatment input`);
  if (b.kind === 'purchase' && treatment) fail(`of kind 'purchase' must not have a treatment input`);
  if (treatment && (!Array.isArray(treatment.levels) || treatment.levels.length === 0 || !treatment.levels.every(Number.isFinite))) {
    fail('treatment.levels must be a non-empty list of numbers');
  }
  const inputs = [...columns, ...(treatment ? treatmentColumns(treatment) : [])];
  if (!Array.isArray(b.inputColumns) || !sameList(b.inputColumns, inputs)) fail('inputColumns must be featureColumns followed by the treatment columns');
  if (typeof b.modelPath !== 'string' || b.modelPath === '') fail('needs a modelPath');
  const calibration = b.calibration as Calibration | undefined;
  const plattOk = calibration?.method === 'platt' && Number.isFinite(calibration.a) && Number.isFinite(calibration.b);
  if (!plattOk && calibration?.method !== 'none') fail('needs calibration {method:"platt", a, b} or {method:"none"}');
  if (typeof b.threshold !== 'number' || !(b.threshold >= 0 && b.threshold <= 1)) fail(`needs a threshold in [0, 1], got ${String(b.threshold)}`);
}
