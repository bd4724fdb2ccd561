/**
 * One regression tree of the GBDT, grown depth-first on binned data by the second-order
 * (Newton) gain of XGBoost: gain = GL^2/(HL+lambda) + GR^2/(HR+lambda) - G^2/(H+lambda).
 */
import type { BinEdges } from './binning';

/** Growth limits and regularisation. */
export interface TreeParams {
  readonly maxDepth: number;
  /** Minimum hessian sum per child (XGBoost's min_child_weight). */
  readonly minChildWeight: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
  /** Minimum gain for a split to be kept. */
  readonly minGain: number;
}

/** A split node: go left when x[feature] <= threshold. */
export interface SplitNode {
  readonly feature: number;
  readonly threshold: number;
  readonly left: TreeNode;
  readonly right: TreeNode;
}

/** A leaf: the raw-score contribution (already multiplied by the learning rate). */
export interface LeafNode {
  readonly value: number;
}

/** A tree node. */
export type TreeNode = SplitNode | LeafNode;

/** Inputs of `growTree`; gradients/hessians are per training row. */
export interface GrowInput {
  readonly binned: Uint8Array;
  readonly cols: number;
  readonly edges: BinEdges;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
}

function bestSplit(input: GrowInput, rows: Int32Array, params: TreeParams, g: number, h: number): { feature: number; bin: number; gain: number } | null {
  const { binned, cols, edges, grad, hess } = input;
  let best: { feature: number; bin: number; gain: number } | null = null;
  const parentScore = (g * g) / (h + params.lambda);
  for (let c = 0; c < cols; c++) {
    const nBins = edges[c]!.length + 1;
    if (nBins < 2) continue;
    const gh = new Float64Array(nBins);
    const hh = new Float64Array(nBins);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const b = binned[r * cols + c]!;
      gh[b]! += grad[r]!;
      hh[b]! += hess[r]!;
    }
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < nBins - 1; b++) {
      gl += gh[b]!;
      hl += hh[b]!;
      const gr = g - gl;
      const hr = h - hl;
      if (hl < params.minChildWeight || hr < params.minChildWeight) continue;
      const gain = (gl * gl) / (hl + params.lambda) + (gr * gr) / (hr + params.lambda) - parentScore;
      if (gain > params.minGain && (best === null || gain > best.gain)) best = { feature: c, bin: b, gain };
    }
  }
  return best;
}

/** Grows a tree on `rows` (indices into the binned matrix); leaves are scaled by `learningRate`. */
export function growTree(input: GrowInput, rows: Int32Array, params: TreeParams, learningRate: number, depth = 0): TreeNode {
  let g = 0;
  let h = 0;
  for (let k = 0; k < rows.length; k++) {
    g += input.grad[rows[k]!]!;
    h += input.hess[rows[k]!]!;
  }
  const leaf: LeafNode = { value: (-g / (h + params.lambda)) * learningRate };
  if (depth >= params.maxDepth || rows.length < 2) return leaf;
  const split = bestSplit(input, rows, params, g, h);
  if (!split) return leaf;
  const left: number[] = [];
  const right: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    (input.binned[r * input.cols + split.feature]! <= split.bin ? left : right).push(r);
  }
  return {
    feature: split.feature,
    threshold: input.edges[split.feature]![split.bin]!,
    left: growTree(input, Int32Array.from(left), params, learningRate, depth + 1),
    right: growTree(input, Int32Array.from(right), params, learningRate, depth + 1),
  };
}

/** Raw-score contribution of a tree for one row of a row-major matrix. */
export function predictTree(node: TreeNode, matrix: Float32Array, offset: number): number {
  let current = node;
  while ('feature' in current) {
    current = matrix[offset + current.feature]! <= current.threshold ? current.left : current.right;
  }
  return current.value;
}
