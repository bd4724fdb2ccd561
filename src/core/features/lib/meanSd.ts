/** Mean and population standard deviation (Welford, numerically stable for large sums). */
export function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  if (values.length === 0) throw new Error(`'values' passed to 'meanSd' must be non-empty`);
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { mean, sd: Math.sqrt(Math.max(0, m2 / values.length)) };
}
