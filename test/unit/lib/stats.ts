/**
 * Goodness-of-fit helpers for the noise tests: exact pmfs of the discrete Laplace and Gaussian, their moments,
 * and Pearson's χ² with its 0.999 quantile.
 */

/** z with Φ(z) = 0.999. */
const Z_999 = 3.090232306167813;

/** The 0.999 quantile of χ²(k), Wilson–Hilferty: (χ²/k)^(1/3) is nearly normal. */
export function chiSquareQuantile999(k: number): number {
  const v = 2 / (9 * k);
  return k * (1 - v + Z_999 * Math.sqrt(v)) ** 3;
}

export type Pmf = (x: number) => number;

/** pmf(x) ∝ exp(−|x| / b). */
export const laplacePmf = (b: number): Pmf => {
  const p = Math.exp(-1 / b);
  return (x) => ((1 - p) / (1 + p)) * p ** Math.abs(x);
};

/** pmf(x) ∝ exp(−x² / (2σ²)), normalised over the whole numerically relevant support. */
export const gaussianPmf = (sigma: number): Pmf => {
  const reach = Math.ceil(40 * sigma) + 10;
  let z = 0;
  for (let x = -reach; x <= reach; x++) z += Math.exp(-(x * x) / (2 * sigma * sigma));
  return (x) => Math.exp(-(x * x) / (2 * sigma * sigma)) / z;
};

/** Central moments 2 and 4 of a symmetric pmf, summed over its support. */
export function moments(pmf: Pmf, reach: number): { variance: number; fourth: number } {
  let variance = 0;
  let fourth = 0;
  for (let x = -reach; x <= reach; x++) {
    variance += x * x * pmf(x);
    fourth += x ** 4 * pmf(x);
  }
  return { variance, fourth };
}

/**
 * Pearson χ² against a symmetric `pmf`: one bin per value whose expected count
 * is ≥ 5 (a run −m..m for these unimodal pmfs), each tail merged into the outermost bin.
 */
export function chiSquare(samples: readonly number[], pmf: Pmf): { stat: number; dof: number } {
  const n = samples.length;
  let m = 0;
  while (n * pmf(m + 1) >= 5) m++;
  let inside = 0;
  for (let x = -m; x <= m; x++) inside += pmf(x);
  const tail = (1 - inside) / 2;
  const observed = new Map<number, number>();
  for (const x of samples) {
    const bin = Math.max(-m, Math.min(m, x));
    observed.set(bin, (observed.get(bin) ?? 0) + 1);
  }
  let stat = 0;
  for (let x = -m; x <= m; x++) {
    const expected = n * (pmf(x) + (Math.abs(x) === m ? tail : 0));
    stat += ((observed.get(x) ?? 0) - expected) ** 2 / expected;
  }
  return { stat, dof: 2 * m };
}

