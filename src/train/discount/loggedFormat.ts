/**
 * The logged-offer CSV format: one row per shopper who reached a decision point, with the
 * session's features at that moment, the value the offer's margin is computed on, the discount
 * tier the logging policy chose, the probability it chose it, and the outcome.
 *
 * Columns (header names, any order, extra columns ignored):
 * - session features under their UCI names (FEATURE_SPEC `source: 'session'`): required;
 * - history features (FEATURE_SPEC `source: 'history'`): optional columns, empty cell = missing;
 * - runtime features (`PageValues_missing`): optional; absent = 0, i.e. PageValues as GA priced it;
 * - `cart_value`: value of the cart (or of the product viewed) at decision time, > 0;
 * - `tier`: discount offered, integer percent (0 = no offer), e.g. 0, 5, 10, 15, 20;
 * - `propensity`: probability the logging policy chose that tier for this row, in (0, 1];
 * - `converted`: 0/1 (TRUE/FALSE also accepted);
 * - `order_value`: gross order value (before the discount) when converted; 0 or empty otherwise.
 *
 * `tailor decide` reads the same format with the last four columns optional and ignored.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import { FEATURE_SPEC } from '../../core/features/spec';

/** Column with the decision-time cart (or product) value. */
export const CART_VALUE_COLUMN = 'cart_value';
/** Outcome and logging columns, in the order `simulate-data` writes them. */
export const LOGGING_COLUMNS = ['tier', 'propensity', 'converted', 'order_value'] as const;

/** Feature columns every logged file must have: the session features of the spec. */
export const REQUIRED_FEATURE_COLUMNS: readonly string[] = FEATURE_SPEC.features.filter((def) => def.source === 'session').map((def) => def.name);

/** Feature columns a logged file may have: the history and runtime features of the spec. */
export const OPTIONAL_FEATURE_COLUMNS: readonly string[] = FEATURE_SPEC.features.filter((def) => def.source === 'history' || def.source === 'runtime').map((def) => def.name);

/** A decision point: the shopper's features and the value at stake. */
export interface DecisionRow {
  /** Raw feature record, as the worker's feature pipeline would hand it to the model. */
  readonly record: RawFeatureRecord;
  readonly cartValue: number;
}

/** A logged decision with its outcome. */
export interface LoggedRow extends DecisionRow {
  readonly tier: number;
  readonly propensity: number;
  readonly converted: 0 | 1;
  /** Gross order value; 0 when not converted. */
  readonly orderValue: number;
}

/** A parsed logged file. */
export interface LoggedData {
  readonly path: string;
  readonly rows: readonly LoggedRow[];
  /** Distinct logged tiers, ascending. */
  readonly tiers: readonly number[];
  readonly sha256: string;
}
