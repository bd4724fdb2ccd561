/** Mean ± sample standard deviation of repeated measurements (folds or seeds). */

/** A summarised figure with its raw values. */
export interface Summary {
  readonly mean: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  readonly sd: number;
  readonly values: readonly number[];
}

/** Summarises `values`. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error(`'values' passed to 'summarize' must be non-empty`);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance), values };
}

/** "0.931 ± 0.004" with `digits` decimals. */
export function formatSummary(summary: Summary, digits = 3): string {
  return `${summary.mean.toFixed(digits)} ± ${summary.sd.toFixed(digits)}`;
}
