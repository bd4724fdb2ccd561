/**
 * Standardisation step: (value - mean) / sd with the training mean and standard deviation.
 *
 * A column with no spread in training (a history feature absent from UCI, a month UCI never
 * saw) maps to 0 whatever the runtime value, so weights the model never trained cannot fire.
 */
export const MIN_SD = 1e-9;

/** Standardises one value; returns 0 for columns whose training sd is below MIN_SD. */
export function standardize(value: number, mean: number, sd: number): number {
  return sd < MIN_SD ? 0 : (value - mean) / sd;
}
