/**
 * One second-order regression tree for gradient boosting (XGBoost-style):
 * grown depth-first on binned features from per-row gradients g and
 * hessians h, split gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), leaf value
 * −G/(H+λ).
 */
import type { BinnedMatrix } from './feature-bins';
import type { Matrix } from './matrix';

/** Growth limits and regularisation of one tree. */
export interface TreeOptions {
  readonly maxDepth: number;
  /** Fewest training rows in a leaf; the main guard against fitting noise. */
  readonly minLeafRows: number;
  /** L2 penalty λ on leaf values. */
  readonly lambda: number;
}

/** A fitted tree as flat arrays; `feature[k] < 0` marks a leaf. */
export interface RegressionTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** Grows a tree on the rows `indices` of `binned`. */
export function growTree(binned: BinnedMatrix, g: Float64Array, h: Float64Array, indices: Uint32Array, opts: TreeOptions): RegressionTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const { cols, bins, edges } = binned;
  const nBins = edges.reduce((m, e) => Math.max(m, e.length + 1), 1);
  const histG = new Float64Array(cols * nBins);
  const histH = new Float64Array(cols * nBins);
  const histN = new Uint32Array(cols * nBins);

  const grow = (rows: Uint32Array, depth: number): number => {
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i] as number;
      H += h[i] as number;
    }
    value.push(-G / (H + opts.lambda));
    if (depth >= opts.maxDepth || rows.length < 2 * opts.minLeafRows) return id;

    histG.fill(0);
    histH.fill(0);
    histN.fill(0);
    for (const i of rows) {
      const gi = g[i] as number;
      const hi = h[i] as number;
      const o = i * cols;
      for (let f = 0; f < cols; f++) {
        const k = f * nBins + (bins[o + f] as number);
        histG[k] = (histG[k] as number) + gi;
        histH[k] = (histH[k] as number) + hi;
        histN[k] = (histN[k] as number) + 1;
      }
    }
    const parentScore = (G * G) / (H + opts.lambda);
    let bestGain = 1e-12;
    let bestF = -1;
    let bestB = -1;
    for (let f = 0; f < cols; f++) {
      let gl = 0;
      let hl = 0;
      let nl = 0;
      const last = (edges[f] as Float64Array).length;
      for (let b = 0; b < last; b++) {
        const k = f * nBins + b;
        gl += histG[k] as number;
        hl += histH[k] as number;
        nl += histN[k] as number;
        const nr = rows.length - nl;
        if (nl < opts.minLeafRows) continue;
        if (nr < opts.minLeafRows) break;
        const gr = G - gl;
        const hr = H - hl;
        const gain = (gl * gl) / (hl + opts.lambda) + (gr * gr) / (hr + opts.lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
        }
      }
    }
    if (bestF < 0) return id;
    const leftRows: number[] = [];
    const rightRows: number[] = [];
    for (const i of rows) ((bins[i * cols + bestF] as number) <= bestB ? leftRows : rightRows).push(i);
    feature[id] = bestF;
    threshold[id] = (edges[bestF] as Float64Array)[bestB] as number;
    left[id] = grow(Uint32Array.from(leftRows), depth + 1);
    right[id] = grow(Uint32Array.from(rightRows), depth + 1);
    return id;
  };
  grow(indices, 0);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** The tree's output for row `i` of a raw (unbinned) matrix. */
export function evalTree(tree: RegressionTree, x: Matrix, i: number): number {
  let k = 0;
  for (;;) {
    const f = tree.feature[k] as number;
    if (f < 0) return tree.value[k] as number;
    k = (x.data[i * x.cols + f] as number) <= (tree.threshold[k] as number) ? (tree.left[k] as number) : (tree.right[k] as number);
  }
}
