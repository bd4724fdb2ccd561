/**
 * Imputation step: a missing value becomes the fill learned in training (median for numeric
 * features, mode for categoricals, the spec default when training never saw the feature).
 */
export function impute<T extends number | string>(value: T | null, fill: T): T {
  return value === null ? fill : value;
}
