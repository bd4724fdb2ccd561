/**
 * A small histogram-based gradient-boosted-trees classifier (binary log loss): the baseline the
 * MLP must match. Row subsampling per tree, optional positive-class weight, early stopping on a
 * validation set, all seeded.
 */
import { mulberry32 } from '../../core/lib/random';
import { logit, sigmoid } from '../../core/model/calibration';
import { binMatrix, fitBinEdges } from './binning';
import type { TreeNode, TreeParams } from './tree';
import { growTree, predictTree } from './tree';

/** Hyper-parameters of `trainGbdt`. */
export interface GbdtParams extends TreeParams {
  readonly learningRate: number;
  readonly maxTrees: number;
  readonly maxBins: number;
  /** Share of training rows each tree sees. */
  readonly subsample: number;
  /** Stop when validation loss has not improved for this many trees. */
  readonly earlyStoppingRounds: number;
  /** Weight of positive rows (1 = unweighted). */
  readonly positiveWeight: number;
  readonly seed: number;
}

/** Defaults tuned by hand on UCI Online Shoppers validation folds. */
export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  maxDepth: 4,
  minChildWeight: 1,
  lambda: 1,
  minGain: 0,
  learningRate: 0.05,
  maxTrees: 600,
  maxBins: 64,
  subsample: 0.8,
  earlyStoppingRounds: 50,
  positiveWeight: 1,
  seed: 1,
};

/** A trained ensemble. */
export interface GbdtModel {
  readonly baseScore: number;
  readonly trees: readonly TreeNode[];
  readonly cols: number;
}

/** A row-major feature matrix with its 0/1 labels. */
export interface LabelledMatrix {
  readonly x: Float32Array;
  readonly y: Uint8Array;
  readonly rows: number;
  readonly cols: number;
}

function weightedLogLoss(y: Uint8Array, score: Float64Array, positiveWeight: number): number {
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < y.length; i++) {
    const s = score[i]!;
    const w = y[i] === 1 ? positiveWeight : 1;
    // -log sigmoid(s) for positives, -log(1 - sigmoid(s)) for negatives, overflow-safe.
    const z = y[i] === 1 ? -s : s;
    sum += w * (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
    weights += w;
  }
  return sum / weights;
}

/** Trains on `train`, early-stopping on `validation`; keeps the trees up to the best validation loss. */
export function trainGbdt(
  train: LabelledMatrix,
  validation: LabelledMatrix,
  params: GbdtParams = DEFAULT_GBDT_PARAMS,
  onTree?: (tree: number, validationLoss: number) => void,
): GbdtModel & { readonly bestValidationLoss: number } {
  if (train.cols !== validation.cols) {
    throw new Error(`'validation' passed to 'trainGbdt' must have ${train.cols} columns like 'train', got ${validation.cols}`);
  }
  const { rows, cols, y } = train;
  const edges = fitBinEdges(train.x, rows, cols, params.maxBins);
  const binned = binMatrix(train.x, rows, cols, edges);
  let positives = 0;
  for (let i = 0; i < rows; i++) positives += y[i]!;
  const w = (i: number): number => (y[i] === 1 ? params.positiveWeight : 1);
  const weightedRate = (positives * params.positiveWeight) / (positives * params.positiveWeight + rows - positives);
  const baseScore = logit(weightedRate);
  const score = new Float64Array(rows).fill(baseScore);
  const valScore = new Float64Array(validation.rows).fill(baseScore);
  const grad = new Float64Array(rows);
  const hess = new Float64Array(rows);
  const rng = mulberry32(params.seed);
  const trees: TreeNode[] = [];
  let best = { loss: weightedLogLoss(validation.y, valScore, params.positiveWeight), trees: 0 };
  for (let t = 0; t < params.maxTrees && t - best.trees < params.earlyStoppingRounds; t++) {
    for (let i = 0; i < rows; i++) {
      const p = sigmoid(score[i]!);
      grad[i] = w(i) * (p - y[i]!);
      hess[i] = w(i) * Math.max(p * (1 - p), 1e-12);
    }
    const sample: number[] = [];
    for (let i = 0; i < rows; i++) if (rng() < params.subsample) sample.push(i);
    const tree = growTree({ binned, cols, edges, grad, hess }, Int32Array.from(sample), params, params.learningRate);
    trees.push(tree);
    for (let i = 0; i < rows; i++) score[i]! += predictTree(tree, train.x, i * cols);
    for (let i = 0; i < validation.rows; i++) valScore[i]! += predictTree(tree, validation.x, i * cols);
    const loss = weightedLogLoss(validation.y, valScore, params.positiveWeight);
    if (loss < best.loss) best = { loss, trees: trees.length };
    onTree?.(t, loss);
  }
  return { baseScore, trees: trees.slice(0, best.trees), cols, bestValidationLoss: best.loss };
}

/** Predicted probabilities for a row-major matrix. */
export function predictGbdt(model: GbdtModel, x: Float32Array, rows: number): Float32Array {
  if (x.length !== rows * model.cols) {
    throw new Error(`'x' passed to 'predictGbdt' must hold rows x ${model.cols} = ${rows * model.cols} values, got ${x.length}`);
  }
  const out = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = model.baseScore;
    for (const tree of model.trees) s += predictTree(tree, x, i * model.cols);
    out[i] = sigmoid(s);
  }
  return out;
}
