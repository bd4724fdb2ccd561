/**
 * Per-feature statistics learned on the training fold and shipped in the model bundle.
 * The vectorizer takes every number from here; nothing is a constant in code, so a retrained
 * bundle can never silently disagree with the preprocessing it was trained with.
 */
import type { FeatureSpec } from './definition';
import { isCategorical } from './definition';

/** Statistics of a numeric or binary feature. `mean`/`sd` are measured after clip + transform. */
export interface NumericFeatureStats {
  readonly name: string;
  readonly kind: 'numeric';
  readonly impute: number;
  readonly clipLow: number;
  readonly clipHigh: number;
  readonly mean: number;
  readonly sd: number;
  /** Share of training rows where the feature was missing or invalid (for the model card). */
  readonly missingRate: number;
}

/** Statistics of a categorical feature: per-level column means and sds after one-hot. */
export interface CategoricalFeatureStats {
  readonly name: string;
  readonly kind: 'categorical';
  readonly impute: string;
  readonly levels: readonly string[];
  readonly means: readonly number[];
  readonly sds: readonly number[];
  readonly missingRate: number;
}

/** Statistics of one feature. */
export type FeatureStatsEntry = NumericFeatureStats | CategoricalFeatureStats;

/** Statistics of every feature of a spec, in spec order. */
export interface FeatureStats {
  readonly specVersion: string;
  readonly features: readonly FeatureStatsEntry[];
}

function fail(caller: string, message: string): never {
  throw new Error(`'stats' passed to '${caller}' ${message}`);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Checks that `value` is well-formed FeatureStats fitted for exactly `spec` (same version, same
 * features, same order, same levels). Throws an error naming `caller` otherwise; the runtime turns
 * that into "no offer" rather than feeding a model columns it was not trained on.
 */
export function assertFeatureStats(value: unknown, spec: FeatureSpec, caller: string): asserts value is FeatureStats {
  if (typeof value !== 'object' || value === null) fail(caller, 'must be an object');
  const stats = value as Partial<FeatureStats>;
  if (stats.specVersion !== spec.version) {
    fail(caller, `were fitted for feature spec ${String(stats.specVersion)}, but this build uses feature spec ${spec.version}; retrain the model or ship a matching bundle`);
  }
  if (!Array.isArray(stats.features) || stats.features.length !== spec.features.length) {
    fail(caller, `must list ${spec.features.length} features, got ${Array.isArray(stats.features) ? stats.features.length : 'none'}`);
  }
  spec.features.forEach((def, i) => {
    const entry = stats.features?.[i] as Record<string, unknown> | undefined;
    if (!entry || entry.name !== def.name) fail(caller, `feature #${i} must be '${def.name}', got '${String(entry?.name)}'`);
    if (!isFiniteNumber(entry.missingRate)) fail(caller, `feature '${def.name}' lacks a finite missingRate`);
    if (isCategorical(def)) {
      if (entry.kind !== 'categorical') fail(caller, `feature '${def.name}' must have categorical stats`);
      const { levels, means, sds } = entry;
      if (!Array.isArray(levels) || levels.join('\u0000') !== def.levels.join('\u0000')) {
        fail(caller, `feature '${def.name}' levels must be [${def.levels.join(', ')}]`);
      }
      if (!Array.isArray(means) || !Array.isArray(sds) || means.length !== levels.length || sds.length !== levels.length
        || !means.every(isFiniteNumber) || !sds.every((sd: unknown) => isFiniteNumber(sd) && sd >= 0)) {
        fail(caller, `feature '${def.name}' needs one finite mean and non-negative sd per level`);
      }
      if (typeof entry.impute !== 'string' || !def.levels.includes(entry.impute)) {
        fail(caller, `feature '${def.name}' imputes '${String(entry.impute)}', which is not a level`);
      }
    } else {
      if (entry.kind !== 'numeric') fail(caller, `feature '${def.name}' must have numeric stats`);
      const { impute, clipLow, clipHigh, mean, sd } = entry;
      if (![impute, clipLow, clipHigh, mean, sd].every(isFiniteNumber)) {
        fail(caller, `feature '${def.name}' needs finite impute, clipLow, clipHigh, mean and sd`);
      }
      if ((clipLow as number) > (clipHigh as number) || (sd as number) < 0) {
        fail(caller, `feature '${def.name}' needs clipLow <= clipHigh and sd >= 0`);
      }
    }
  });
}
