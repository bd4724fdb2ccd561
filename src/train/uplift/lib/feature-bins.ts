/**
 * Histogram binning for the gradient-boosted trees: each feature gets at most
 * `maxBins` bins with upper edges, so a split "bin ≤ b" is the raw-value test
 * "x ≤ edges[b]" and prediction needs no binning.
 */
import type { Matrix } from './matrix';

/** Per-feature bin edges and the training matrix as bin indices. */
export interface BinnedMatrix {
  /** `edges[f][b]` is the largest value in bin `b` of feature `f` (the last bin is open). */
  readonly edges: readonly Float64Array[];
  /** Row-major bin index per cell. */
  readonly bins: Uint8Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Bins every column. A column with ≤ `maxBins` distinct values gets one bin
 * per value (edges at midpoints); otherwise edges are the empirical quantiles
 * k/maxBins, deduplicated, so heavy ties cannot create empty bins.
 */
export function binFeatures(x: Matrix, maxBins: number): BinnedMatrix {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 256) {
    throw new Error(`'maxBins' passed to 'binFeatures' must be an integer in [2, 256]; got ${maxBins}`);
  }
  const { rows, cols } = x;
  const edges: Float64Array[] = [];
  const bins = new Uint8Array(rows * cols);
  const column = new Float64Array(rows);
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows; i++) column[i] = x.data[i * cols + f] as number;
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (const v of sorted) if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
    let e: number[];
    if (distinct.length <= maxBins) {
      e = distinct.slice(1).map((v, k) => ((distinct[k] as number) + v) / 2);
    } else {
      e = [];
      for (let k = 1; k < maxBins; k++) {
        const q = sorted[Math.min(rows - 1, Math.floor((k * rows) / maxBins))] as number;
        if (q < (sorted[rows - 1] as number) && (e.length === 0 || q > (e[e.length - 1] as number))) e.push(q);
      }
    }
    const fe = Float64Array.from(e);
    edges.push(fe);
    for (let i = 0; i < rows; i++) bins[i * cols + f] = binOf(fe, column[i] as number);
  }
  return { edges, bins, rows, cols };
}

/** Index of the first edge ≥ v (binary search), or the number of edges. */
function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
