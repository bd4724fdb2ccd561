/**
 * Histogram binning for the GBDT baseline: each column is cut at up to `maxBins - 1` edges so a
 * split search scans bins instead of sorted values (the LightGBM/XGBoost-hist idea).
 * Bin b holds values v with edges[b-1] < v <= edges[b]; so "bin <= b" is "v <= edges[b]".
 */

/** Per-column ascending cut points. */
export type BinEdges = readonly Float64Array[];

/** The largest number of bins a column may have; bins are stored in a Uint8Array. */
export const MAX_BINS = 256;

/** Learns cut points per column: midpoints between distinct values, or quantiles when there are many. */
export function fitBinEdges(matrix: Float32Array, rows: number, cols: number, maxBins = 64): BinEdges {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new Error(`'maxBins' passed to 'fitBinEdges' must be an integer in [2, ${MAX_BINS}], got ${maxBins}`);
  }
  if (matrix.length !== rows * cols || rows === 0) {
    throw new Error(`'matrix' passed to 'fitBinEdges' must hold rows x cols = ${rows * cols} > 0 values, got ${matrix.length}`);
  }
  const edges: Float64Array[] = [];
  const column = new Float64Array(rows);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) column[r] = matrix[r * cols + c]!;
    column.sort();
    const distinct: number[] = [];
    for (let r = 0; r < rows; r++) if (r === 0 || column[r] !== column[r - 1]) distinct.push(column[r]!);
    if (distinct.length <= maxBins) {
      edges.push(Float64Array.from(distinct.slice(1), (v, i) => (distinct[i]! + v) / 2));
      continue;
    }
    const cuts: number[] = [];
    for (let q = 1; q < maxBins; q++) {
      const v = column[Math.floor((q * rows) / maxBins)]!;
      if (cuts.length === 0 || v > cuts[cuts.length - 1]!) cuts.push(v);
    }
    // The top cut must leave something above it, or the last bin would be empty.
    if (cuts.at(-1) === column[rows - 1]) cuts.pop();
    edges.push(Float64Array.from(cuts));
  }
  return edges;
}

/** Bin index of `value` given a column's edges (binary search). */
export function binOf(value: number, columnEdges: Float64Array): number {
  let lo = 0;
  let hi = columnEdges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= columnEdges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bins a row-major matrix into a row-major Uint8Array of bin indices. */
export function binMatrix(matrix: Float32Array, rows: number, cols: number, edges: BinEdges): Uint8Array {
  const out = new Uint8Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const columnEdges = edges[c]!;
    for (let r = 0; r < rows; r++) out[r * cols + c] = binOf(matrix[r * cols + c]!, columnEdges);
  }
  return out;
}
