/** Mean ± sample standard deviation over seeds, the unit every reported number uses. */

/** A metric over seeds; `sd` is null with a single seed (undefined, and JSON has no NaN). */
export interface SeedSummary {
  readonly mean: number;
  readonly sd: number | null;
  readonly perSeed: readonly number[];
}

/** Summarises one metric's per-seed values. */
export function summarise(perSeed: readonly number[]): SeedSummary {
  if (perSeed.length === 0) throw new Error("'perSeed' passed to 'summarise' must be non-empty");
  const mean = perSeed.reduce((s, v) => s + v, 0) / perSeed.length;
  const sd = perSeed.length < 2 ? null : Math.sqrt(perSeed.reduce((s, v) => s + (v - mean) ** 2, 0) / (perSeed.length - 1));
  return { mean, sd, perSeed };
}

/** "0.0712 ± 0.0081" (or just the mean with one seed). */
export function formatSummary(s: SeedSummary, digits = 4): string {
  return s.sd === null ? s.mean.toFixed(digits) : `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}`;
}
