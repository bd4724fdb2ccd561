/**
 * A small gradient-boosted tree classifier (log-loss, Newton leaves,
 * histogram splits, row subsampling), written here because the training CLI
 * runs on Node with no native ML libraries.
 *
 * The number of rounds is chosen by early stopping on an inner validation
 * slice of the TRAINING rows (never the test half), then the model is refit
 * on all training rows with that many rounds. Uplift signals are a few
 * percentage points, so a base learner that runs on past its best round fits
 * noise; this matters most for the class-transformation target, which is
 * close to a coin flip.
 */
import { mulberry32 } from '../../../core/lib/random';
import type { BinaryClassifier, ClassifierFitter } from './classifier';
import { sigmoid, validateTrainingSet } from './classifier';
import type { BinnedMatrix } from './feature-bins';
import { binFeatures } from './feature-bins';
import type { Matrix } from './matrix';
import type { RegressionTree, TreeOptions } from './regression-tree';
import { evalTree, growTree } from './regression-tree';

/** Options of {@link fitGradientBoosting}. */
export interface BoostingOptions extends TreeOptions {
  /** Most boosting rounds. */
  readonly trees: number;
  readonly learningRate: number;
  /** Fraction of rows each tree sees (sampled without replacement). */
  readonly subsample: number;
  readonly maxBins: number;
  /** Share of training rows held out to pick the number of rounds; 0 uses all `trees`. */
  readonly validationFraction: number;
  /** Stop once validation log-loss has not improved for this many rounds. */
  readonly patience: number;
}

/** Defaults, fixed before looking at any test result. */
export const DEFAULT_BOOSTING: BoostingOptions = {
  trees: 300,
  learningRate: 0.05,
  maxDepth: 3,
  minLeafRows: 100,
  lambda: 1,
  subsample: 0.8,
  maxBins: 32,
  validationFraction: 0.25,
  patience: 30,
};

/** A fitter with the given options, for the meta-learners. */
export function gradientBoosting(options: Partial<BoostingOptions> = {}): ClassifierFitter {
  return (x, y, seed) => fitGradientBoosting(x, y, seed, options);
}

/** Fits the model; `seed` drives the validation hold-out and row subsampling. */
export function fitGradientBoosting(x: Matrix, y: ArrayLike<number>, seed: number, options: Partial<BoostingOptions> = {}): BinaryClassifier {
  const fn = 'fitGradientBoosting';
  validateTrainingSet(fn, x, y);
  const opts = { ...DEFAULT_BOOSTING, ...options };
  if (!(opts.subsample > 0 && opts.subsample <= 1)) throw new Error(`'options.subsample' passed to '${fn}' must be in (0, 1]; got ${opts.subsample}`);
  if (!(Number.isInteger(opts.trees) && opts.trees >= 1)) throw new Error(`'options.trees' passed to '${fn}' must be a positive integer; got ${opts.trees}`);
  if (!(opts.validationFraction >= 0 && opts.validationFraction < 1)) {
    throw new Error(`'options.validationFraction' passed to '${fn}' must be in [0, 1); got ${opts.validationFraction}`);
  }
  const binned = binFeatures(x, opts.maxBins);
  const random = mulberry32(seed);
  const all = Uint32Array.from({ length: x.rows }, (_, i) => i);
  let rounds = opts.trees;
  const holdOut = Math.floor(x.rows * opts.validationFraction);
  if (holdOut > 0 && holdOut < x.rows) {
    const shuffled = shuffleCopy(all, random);
    const validation = shuffled.subarray(0, holdOut).slice().sort();
    const inner = shuffled.subarray(holdOut).slice().sort();
    rounds = boost(binned, x, y, inner, opts, random, validation).bestRounds;
  }
  const { base, trees } = boost(binned, x, y, all, { ...opts, trees: rounds }, random);
  return {
    predictProba(m: Matrix): Float64Array {
      if (m.cols !== x.cols) throw new Error(`'x' passed to 'predictProba' must have ${x.cols} columns; got ${m.cols}`);
      const out = new Float64Array(m.rows);
      for (let i = 0; i < m.rows; i++) {
        let s = base;
        for (const tree of trees) s += evalTree(tree, m, i);
        out[i] = sigmoid(s);
      }
      return out;
    },
  };
}

interface Boosted {
  readonly base: number;
  readonly trees: readonly RegressionTree[];
  /** Rounds with the lowest validation log-loss (all rounds without validation). */
  readonly bestRounds: number;
}

/** Boosts on `rows`; with `validation`, stops after `patience` rounds without improvement. */
function boost(
  binned: BinnedMatrix,
  x: Matrix,
  y: ArrayLike<number>,
  rows: Uint32Array,
  opts: BoostingOptions,
  random: () => number,
  validation?: Uint32Array,
): Boosted {
  let positives = 0;
  for (const i of rows) positives += y[i] as number;
  // The base rate's log-odds, shrunk away from 0/1 so a one-class sample stays finite.
  const base = Math.log((positives + 0.5) / (rows.length - positives + 0.5));
  const score = new Float64Array(x.rows).fill(base);
  const g = new Float64Array(x.rows);
  const h = new Float64Array(x.rows);
  const sampleSize = Math.max(1, Math.round(rows.length * opts.subsample));
  const trees: RegressionTree[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestRounds = opts.trees;
  for (let t = 0; t < opts.trees; t++) {
    for (const i of rows) {
      const p = sigmoid(score[i] as number);
      g[i] = p - (y[i] as number);
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const sample = opts.subsample < 1 ? shuffleCopy(rows, random).subarray(0, sampleSize).sort() : rows;
    const tree = growTree(binned, g, h, sample, opts);
    for (let k = 0; k < tree.value.length; k++) tree.value[k] = (tree.value[k] as number) * opts.learningRate;
    trees.push(tree);
    for (const i of rows) score[i] = (score[i] as number) + evalTree(tree, x, i);
    if (validation) {
      let loss = 0;
      for (const i of validation) {
        score[i] = (score[i] as number) + evalTree(tree, x, i);
        const p = sigmoid(score[i] as number);
        loss -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
      }
      if (loss < bestLoss) {
        bestLoss = loss;
        bestRounds = t + 1;
      } else if (t + 1 - bestRounds >= opts.patience) break;
    }
  }
  return { base, trees, bestRounds };
}

/** A shuffled copy (Fisher–Yates). */
function shuffleCopy(values: Uint32Array, random: () => number): Uint32Array {
  const copy = values.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = copy[i] as number;
    copy[i] = copy[j] as number;
    copy[j] = tmp;
  }
  return copy;
}
