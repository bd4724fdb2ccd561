/**
 * Raw record -> model input. Pipeline per feature, each step its own pure function:
 * parse (invalid -> missing) -> impute -> clip -> transform (log1p) -> standardise;
 * categoricals: parse -> impute -> one-hot -> standardise each level column.
 * Column order is `featureColumns(spec)`: spec order, categoricals expanded in level order.
 */
import type { FeatureSpec, RawFeatureRecord } from './definition';
import { isCategorical } from './definition';
import type { FeatureStats } from './stats';
import { assertFeatureStats } from './stats';
import { parseCategorical, parseNumeric } from './parse';
import { impute } from './impute';
import { clip } from './clip';
import { applyTransform } from './transform';
import { standardize } from './standardize';
import { oneHot } from './oneHot';
import { featureColumns } from './columns';
import { FEATURE_SPEC } from './spec';

/** A validated stats/spec pair turned into a fast record -> vector function. */
export interface Vectorizer {
  /** Column names, in output order. */
  readonly columns: readonly string[];
  /** Writes the vector of `record` into `out` at `offset` (a new array by default) and returns `out`. */
  vectorize(record: RawFeatureRecord, out?: Float32Array, offset?: number): Float32Array;
}

/**
 * Validates `stats` against `spec` once (throwing on a version or layout mismatch) and returns
 * a vectorizer. The worker builds one per loaded bundle.
 */
export function createVectorizer(stats: FeatureStats | unknown, spec: FeatureSpec = FEATURE_SPEC): Vectorizer {
  assertFeatureStats(stats, spec, 'createVectorizer');
  const columns = featureColumns(spec);
  const vectorizeRecord = (record: RawFeatureRecord, out = new Float32Array(columns.length), offset = 0): Float32Array => {
    if (offset < 0 || offset + columns.length > out.length) {
      throw new Error(`'out' passed to 'vectorize' must hold ${columns.length} values from offset ${offset}, it has length ${out.length}`);
    }
    let col = offset;
    spec.features.forEach((def, i) => {
      const entry = stats.features[i]!;
      if (isCategorical(def)) {
        if (entry.kind !== 'categorical') throw new Error(`unreachable: stats kind checked by assertFeatureStats`);
        oneHot(impute(parseCategorical(record[def.name], def), entry.impute), def.levels, out, col);
        for (let l = 0; l < def.levels.length; l++, col++) {
          out[col] = standardize(out[col]!, entry.means[l]!, entry.sds[l]!);
        }
      } else {
        if (entry.kind !== 'numeric') throw new Error(`unreachable: stats kind checked by assertFeatureStats`);
        const value = clip(impute(parseNumeric(record[def.name], def), entry.impute), entry.clipLow, entry.clipHigh);
        out[col++] = standardize(applyTransform(value, def.transform), entry.mean, entry.sd);
      }
    });
    return out;
  };
  return { columns, vectorize: vectorizeRecord };
}

/** One-shot convenience: the vector of `record` and its column names. */
export function vectorize(
  record: RawFeatureRecord,
  stats: FeatureStats | unknown,
  spec: FeatureSpec = FEATURE_SPEC,
): { values: Float32Array; names: readonly string[] } {
  const vectorizer = createVectorizer(stats, spec);
  return { values: vectorizer.vectorize(record), names: vectorizer.columns };
}

/** Vectorises many records into one row-major matrix (rows x columns), e.g. for training. */
export function vectorizeMany(
  records: readonly RawFeatureRecord[],
  stats: FeatureStats | unknown,
  spec: FeatureSpec = FEATURE_SPEC,
): { matrix: Float32Array; rows: number; cols: number; names: readonly string[] } {
  const vectorizer = createVectorizer(stats, spec);
  const cols = vectorizer.columns.length;
  const matrix = new Float32Array(records.length * cols);
  records.forEach((record, r) => vectorizer.vectorize(record, matrix, r * cols));
  return { matrix, rows: records.length, cols, names: vectorizer.columns };
}
